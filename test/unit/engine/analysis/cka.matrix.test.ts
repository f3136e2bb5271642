import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import {
  type CkaEstimator,
  type Float64Matrix,
  cka,
  ckaMatrix,
} from '../../../../src/engine/analysis/cka';
import { ckaPairs } from '../../../../src/engine/analysis/cka/compute';
import { permutedRows } from '../../../../src/engine/analysis/cka/dense';
import { rowPermutations } from '../../../../src/engine/analysis/cka/nullDist';
import { planForm } from '../../../../src/engine/analysis/cka/plan';
import { float64Products } from '../../../../src/engine/analysis/cka/products';
import { createRng } from '../../../../src/engine/rng';
import { gaussianMatrix, relatedMatrix } from '../../../helpers/matrices';

const rng = createRng(7);
const gaussian = (n: number, p: number): Float64Matrix => gaussianMatrix(rng, n, p);
/** tanh(X·A + noise·E): a representation related to X. */
const related = (x: Float64Matrix, q: number, noise: number): Float64Matrix =>
  relatedMatrix(rng, x, q, noise, Math.tanh);
const estimators: CkaEstimator[] = ['linear', 'rbf', 'debiased'];
const close = (a: number, b: number, tol: number, what: string): void =>
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

const n = 60;
const base = gaussian(n, 8);
const layers = [base, related(base, 12, 0.5), related(base, 5, 2), gaussian(n, 30)];

describe('ckaMatrix', () => {
  for (const estimator of estimators) {
    it(`${estimator}: a×a is symmetric, has 1 on the diagonal and equals cka per pair (1e-12)`, () => {
      const { values, nulls } = ckaMatrix(layers, undefined, { estimator });
      assert.equal(nulls, undefined);
      assert.equal(values.length, layers.length);
      layers.forEach((a, i) =>
        layers.forEach((b, j) => {
          assert.equal(values[i][j], values[j][i]);
          if (i === j) {
            assert.equal(values[i][j], 1);
          } else {
            close(values[i][j], cka(a, b, { estimator }).value, 1e-12, `[${i}][${j}]`);
          }
        }),
      );
    });

    it(`${estimator}: a×b has shape [len a][len b] and equals cka per pair (1e-12)`, () => {
      const right = [layers[3], layers[1], gaussian(n, 2)];
      const { values } = ckaMatrix(layers.slice(0, 2), right, { estimator });
      assert.deepEqual(
        values.map((r) => r.length),
        [3, 3],
      );
      values.forEach((row, i) =>
        row.forEach((v, j) =>
          close(v, cka(layers[i], right[j], { estimator }).value, 1e-12, 'cell'),
        ),
      );
    });
  }

  it('feature and Gram forms give the same matrix (linear, debiased; 1e-12)', () => {
    for (const estimator of ['linear', 'debiased'] as const) {
      const g = ckaPairs(layers, undefined, { estimator }, { form: 'gram' }).values;
      const f = ckaPairs(layers, undefined, { estimator }, { form: 'feature' }).values;
      g.forEach((row, i) => row.forEach((v, j) => close(v, f[i][j], 1e-12, `${estimator}`)));
    }
  });

  describe('builds one Gram per representation, not per pair', () => {
    const original = float64Products.gram;
    afterEach(() => {
      float64Products.gram = original;
    });
    it('4 Grams for a 4×4 RBF heatmap, 4 + 3 for a 4×3 one', () => {
      let calls = 0;
      float64Products.gram = (a) => {
        calls++;
        return original(a);
      };
      ckaMatrix(layers, undefined, { estimator: 'rbf' });
      assert.equal(calls, 4);
      calls = 0;
      ckaMatrix(layers, layers.slice(1), { estimator: 'rbf' });
      assert.equal(calls, 7);
    });
  });
});

describe('feature or Gram form by cost', () => {
  const plan = (
    estimator: CkaEstimator,
    n: number,
    colsA: number[],
    colsB?: number[],
    permutations = 0,
  ) => planForm({ estimator, n, colsA, colsB, permutations }, 'float64').form;

  it('one pair: feature form when p < n, Gram form when p ≫ n; RBF always Gram', () => {
    assert.equal(plan('linear', 2000, [512], [512]), 'feature');
    assert.equal(plan('debiased', 100, [20], [20]), 'feature');
    assert.equal(plan('linear', 50, [1000], [800]), 'gram');
    assert.equal(plan('rbf', 2000, [5], [5]), 'gram');
  });

  it('an 8-layer heatmap (n = 2000, p = 512) takes the Gram form, unless the Grams need > 2 GiB', () => {
    assert.equal(plan('linear', 2000, new Array<number>(8).fill(512)), 'gram');
    assert.equal(plan('linear', 20000, new Array<number>(8).fill(512)), 'feature');
  });

  it('many permutations of a small-p pair favour the feature form (n·p·q < n² per permutation)', () => {
    assert.equal(plan('linear', 2000, [8], [8], 1000), 'feature');
    assert.equal(plan('linear', 300, [900], [900], 1000), 'gram');
  });
});

describe('permutation null', () => {
  const N = 199;

  it('identical data: p = 1/(1 + N) and the whole null band lies below the observed 1', () => {
    for (const estimator of estimators) {
      const r = cka(layers[1], layers[1], { estimator, permutations: N, seed: 3 });
      assert.ok(r.null !== undefined);
      assert.equal(r.null.pValue, 1 / (1 + N), estimator);
      assert.equal(r.null.permutations, N);
      assert.ok(r.null.low <= r.null.mean && r.null.mean <= r.null.high, estimator);
      assert.ok(r.null.high < 0.9, `${estimator} high ${r.null.high}`);
    }
  });

  it('strongly related data: p = 1/(1 + N)', () => {
    for (const estimator of estimators) {
      const r = cka(base, layers[1], { estimator, permutations: N });
      assert.equal(r.null?.pValue, 1 / (1 + N), estimator);
    }
  });

  it('independent data: p-values are not small (none < 0.01 over 6 data sets, median > 0.2)', () => {
    for (const estimator of estimators) {
      const ps = Array.from({ length: 6 }, (_, s) => {
        const r = cka(gaussian(n, 6), gaussian(n, 4), { estimator, permutations: N, seed: s });
        const nul = r.null;
        assert.ok(nul !== undefined && nul.low <= nul.mean && nul.mean <= nul.high);
        return nul.pValue;
      }).sort((a, b) => a - b);
      assert.ok(ps[0] >= 0.01, `${estimator}: p-values ${ps.join(' ')}`);
      assert.ok(ps[3] > 0.2, `${estimator}: p-values ${ps.join(' ')}`);
    }
  });

  it('one permutation: the null is CKA(X, P·Y) for the seeded P, in both forms (1e-12)', () => {
    const [x, y] = [layers[0], layers[2]];
    const [perm] = rowPermutations(n, 1, 11);
    for (const estimator of ['linear', 'debiased'] as const) {
      const direct = cka(x, permutedRows(y, perm), { estimator }).value;
      for (const form of ['feature', 'gram'] as const) {
        const opts = { estimator, permutations: 1, seed: 11 };
        const nul = ckaPairs([x], [y], opts, { form }).nulls?.[0][0];
        assert.ok(nul !== undefined);
        close(nul.mean, direct, 1e-12, `${estimator} ${form}`);
        assert.equal(nul.low, nul.mean);
        assert.equal(nul.pValue, direct >= cka(x, y, { estimator }).value ? 1 : 0.5);
      }
    }
    const rbf = cka(x, permutedRows(y, perm), { estimator: 'rbf' }).value;
    close(
      cka(x, y, { estimator: 'rbf', permutations: 1, seed: 11 }).null?.mean ?? NaN,
      rbf,
      1e-12,
      'rbf',
    );
  });

  it('is reproducible from the seed and changes with it', () => {
    const at = (seed: number) =>
      cka(layers[0], layers[3], { estimator: 'linear', permutations: 50, seed }).null;
    assert.deepEqual(at(5), at(5));
    assert.notDeepEqual(at(5), at(6));
  });

  it('ckaMatrix nulls equal the per-pair nulls (upper triangle; the lower mirrors it)', () => {
    const opts = { estimator: 'debiased' as const, permutations: 40, seed: 2 };
    const { values, nulls } = ckaMatrix(layers.slice(0, 3), undefined, opts);
    assert.ok(nulls !== undefined);
    for (let i = 0; i < 3; i++) {
      for (let j = i; j < 3; j++) {
        const one = cka(layers[i], layers[j], opts);
        close(values[i][j], one.value, 1e-12, 'value');
        assert.equal(nulls[i][j].pValue, one.null?.pValue);
        close(nulls[i][j].mean, one.null?.mean ?? NaN, 1e-12, 'null mean');
        close(nulls[i][j].high, one.null?.high ?? NaN, 1e-12, 'null high');
        assert.equal(nulls[j][i], nulls[i][j]);
      }
    }
  });
});
