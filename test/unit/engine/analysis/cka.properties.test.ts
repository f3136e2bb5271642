import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type CkaOptions,
  type Float64Matrix,
  cka,
  linearCka,
} from '../../../../src/engine/analysis/cka';
import { ckaPairs } from '../../../../src/engine/analysis/cka/compute';
import { createRng } from '../../../../src/engine/rng';
import { assertRel, gaussianMatrix, map, mul, orthogonal } from '../../../helpers/matrices';

/** Properties of every estimator on seeded Gaussian data, and the option checks. */

const rng = createRng(2024);
const gaussian = (n: number, p: number): Float64Matrix => gaussianMatrix(rng, n, p);
const estimators = ['linear', 'rbf', 'debiased'] as const;

describe('cka properties (n = 100, p = 20)', () => {
  const x = gaussian(100, 20);
  const y = gaussian(100, 20);
  const q = orthogonal(20);

  it('CKA(X, X) = 1 and CKA(X, Y) = CKA(Y, X) within 1e-12, every estimator', () => {
    for (const estimator of estimators) {
      assertRel(cka(x, x, { estimator }).value, 1, 1e-12, `${estimator} CKA(X, X)`);
      const xy = cka(x, y, { estimator }).value;
      assertRel(cka(y, x, { estimator }).value, xy, 1e-12, `${estimator} symmetry`);
    }
  });

  it('CKA(X, c·XQ + 1bᵀ) = 1 within 1e-10 (Q orthogonal, c = −2.5, b arbitrary)', () => {
    const moved = map(mul(x, q), (v, _, j) => -2.5 * v + 3 * j - 40);
    for (const estimator of estimators) {
      assertRel(cka(x, moved, { estimator }).value, 1, 1e-10, estimator);
    }
  });

  it('RBF CKA(X, XQ) = 1 within 1e-10 at thresholds 1 and 0.5', () => {
    for (const rbfThreshold of [1, 0.5]) {
      const v = cka(x, mul(x, q), { estimator: 'rbf', rbfThreshold }).value;
      assertRel(v, 1, 1e-10, `τ=${rbfThreshold}`);
    }
  });

  it('linear CKA(X, XA) for Gaussian A is well below 1: in [0.6, 0.85] over 5 draws', () => {
    for (let s = 0; s < 5; s++) {
      const v = linearCka(x, mul(x, gaussian(20, 20)));
      assert.ok(v > 0.6 && v < 0.85, `CKA(X, XA) = ${v}`);
    }
  });

  it('independent Gaussians: biased ≈ 0.17 (mean of 10 in [0.15, 0.19]); debiased ≈ 0 (|mean| < 0.015)', () => {
    const pairs = Array.from({ length: 10 }, () => [gaussian(100, 20), gaussian(100, 20)]);
    const mean = (e: CkaOptions['estimator']): number =>
      pairs.reduce((s, [a, b]) => s + cka(a, b, { estimator: e }).value, 0) / pairs.length;
    const [biased, debiased] = [mean('linear'), mean('debiased')];
    assert.ok(biased > 0.15 && biased < 0.19, `biased mean ${biased}`);
    assert.ok(Math.abs(debiased) < 0.015, `debiased mean ${debiased}`);
  });

  it('Gram and feature forms agree within 1e-12 (linear, debiased; n > p and n < p)', () => {
    for (const [a, b] of [
      [x, y],
      [gaussian(15, 40), gaussian(15, 25)],
    ]) {
      for (const estimator of ['linear', 'debiased'] as const) {
        const at = (form: 'feature' | 'gram'): number =>
          ckaPairs([a], [b], { estimator }, { form }).values[0][0];
        assertRel(at('gram'), at('feature'), 1e-12, `${estimator} n=${a.rows}`);
      }
    }
  });

  it('does not overflow or underflow for inputs near the ends of the float64 range (1e-12)', () => {
    for (const estimator of estimators) {
      const ref = cka(x, y, { estimator }).value;
      for (const scale of [1e200, 1e-200]) {
        const v = cka(
          map(x, (t) => scale * t),
          y,
          { estimator },
        ).value;
        assertRel(v, ref, 1e-12, `${estimator} at scale ${scale}`);
      }
    }
  });

  it('a constant representation gives NaN, not a number that looks like a similarity', () => {
    const flat: Float64Matrix = { rows: 100, cols: 3, data: new Float64Array(300).fill(2) };
    assert.ok(Number.isNaN(cka(x, flat, { estimator: 'linear' }).value));
  });
});

describe('cka option checks', () => {
  const x = gaussian(10, 3);
  const bad: [Partial<CkaOptions>, RegExp][] = [
    [{ estimator: 'cosine' as CkaOptions['estimator'] }, /one of linear, rbf, debiased/],
    [{ estimator: 'rbf', rbfThreshold: 0 }, /rbfThreshold must be a positive number/],
    [{ permutations: -1 }, /permutations must be a non-negative integer/],
    [{ permutations: 2.5 }, /permutations must be a non-negative integer/],
    [{ seed: 0.5 }, /seed must be an integer/],
  ];
  for (const [opts, message] of bad) {
    it(`rejects ${JSON.stringify(opts)} with a RangeError`, () => {
      assert.throws(
        () => cka(x, x, { estimator: 'linear', ...opts }),
        (e: unknown) => e instanceof RangeError && message.test(e.message),
      );
    });
  }

  it('rejects non-finite values with their position', () => {
    const nan = { ...x, data: x.data.map((v, k) => (k === 7 ? NaN : v)) };
    assert.throws(
      () => cka(x, nan, { estimator: 'linear' }),
      (e: unknown) => e instanceof RangeError && /row 2, column 1 is NaN/.test(e.message),
    );
  });
});
