import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { gaussianMatrix, relatedMatrix } from '../../../helpers/matrices';
import { type CkaCase, numericCases, toMatrix } from '../../../helpers/numeric';
import { type CkaEstimator, type Float64Matrix, cka } from '../../../../src/engine/analysis/cka';
import { ckaPairs } from '../../../../src/engine/analysis/cka/compute';
import { float32MinWork, productEngine } from '../../../../src/engine/analysis/cka/products';
import { initBackend } from '../../../../src/engine/backend';
import { createRng } from '../../../../src/engine/rng';

/**
 * The float32 product path (tfjs wasm matMul, float64 centring and sums) against the float64
 * loops: relative error ≤ 1e-4 (plus 1e-6 absolute for values near 0, where relative error says
 * nothing), and no tensors left behind.
 */
const cases = numericCases<CkaCase>('cka.json');

const rng = createRng(99);
const gaussian = (n: number, p: number, scale = 1, offset = 0): Float64Matrix =>
  gaussianMatrix(rng, n, p, scale, offset);
/** ReLU(X·A + 0.7·E). */
const mixed = (x: Float64Matrix, q: number): Float64Matrix =>
  relatedMatrix(rng, x, q, 0.7, (v) => Math.max(0, v));

function assertClose(f32: number, f64: number, what: string): void {
  const err = Math.abs(f32 - f64);
  assert.ok(err <= 1e-4 * Math.abs(f64) + 1e-6, `${what}: ${f32} vs ${f64} (|error| ${err})`);
}

const estimators: CkaEstimator[] = ['linear', 'rbf', 'debiased'];
const forms = ['feature', 'gram'] as const;

describe('cka on float32 products (tfjs wasm)', () => {
  before(async () => {
    await initBackend('wasm');
  });

  it('matches the numpy fixture within 1e-4 relative, every estimator and form', () => {
    for (const c of cases) {
      const [x, y] = [toMatrix(c.x), toMatrix(c.y)];
      for (const form of forms) {
        const at = (estimator: CkaEstimator, rbfThreshold?: number): number =>
          ckaPairs([x], [y], { estimator, rbfThreshold }, { products: 'float32', form })
            .values[0][0];
        assertClose(at('linear'), c.cka, `${c.label} linear ${form}`);
        assertClose(at('debiased'), c.debiased, `${c.label} debiased ${form}`);
        for (const r of c.rbf) {
          assertClose(at('rbf', r.threshold), r.cka, `${c.label} rbf ${r.threshold}`);
        }
      }
    }
  });

  it('agrees with the float64 loops on n = 400 (p = 48, 80; offset 100, scale 1e-3)', () => {
    const x = gaussian(400, 48, 1e-3, 100);
    const pairs: [Float64Matrix, Float64Matrix][] = [
      [x, mixed(x, 80)],
      [x, gaussian(400, 80)],
    ];
    for (const [a, b] of pairs) {
      for (const estimator of estimators) {
        for (const form of estimator === 'rbf' ? (['gram'] as const) : forms) {
          const at = (products: 'float32' | 'float64'): number =>
            ckaPairs([a], [b], { estimator }, { products, form }).values[0][0];
          assertClose(at('float32'), at('float64'), `${estimator} ${form}`);
        }
      }
    }
  });

  it('keeps CKA(X, X) = 1 and the permutation null (p = 1/(1 + N) for X with itself)', () => {
    const x = gaussian(300, 40);
    for (const form of forms) {
      const opts = { estimator: 'linear' as const, permutations: 9 };
      const r = ckaPairs([x], [x], opts, { products: 'float32', form });
      assertClose(r.values[0][0], 1, `CKA(X, X) ${form}`);
      assert.equal(r.nulls?.[0][0].pValue, 1 / 10);
    }
  });

  it('disposes every tensor it creates', () => {
    const x = gaussian(200, 30);
    const y = mixed(x, 20);
    const before = tf.memory().numTensors;
    for (const form of forms) {
      ckaPairs(
        [x, y],
        undefined,
        { estimator: 'debiased', permutations: 3 },
        {
          products: 'float32',
          form,
        },
      );
    }
    ckaPairs([x], [y], { estimator: 'rbf' }, { products: 'float32' });
    assert.equal(tf.memory().numTensors, before);
  });

  it('is chosen automatically for large products only, and by cka itself', () => {
    assert.equal(productEngine(float32MinWork).kind, 'float32');
    assert.equal(productEngine(float32MinWork - 1).kind, 'float64');
    assert.equal(productEngine(float32MinWork, 'float64').kind, 'float64');
    const x = gaussian(1500, 128);
    const y = mixed(x, 96);
    const auto = cka(x, y, { estimator: 'linear' }).value;
    const exact = ckaPairs([x], [y], { estimator: 'linear' }, { products: 'float64' }).values[0][0];
    assertClose(auto, exact, 'auto');
    assert.notEqual(auto, exact, 'the float32 path ran (float64 would agree to the last bits)');
  });
});
