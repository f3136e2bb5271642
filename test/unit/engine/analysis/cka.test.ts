import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertRel, map, mul, orthogonal } from '../../../helpers/matrices';
import { type CkaCase, numericCases, toMatrix } from '../../../helpers/numeric';
import {
  type CkaOptions,
  type Float64Matrix,
  ShapeError,
  cka,
  linearCka,
} from '../../../../src/engine/analysis/cka';
import { ckaPairs } from '../../../../src/engine/analysis/cka/compute';

/** numpy float64 references (HSIC and U-centring forms); see make_cka_fixture.py. */
const cases = numericCases<CkaCase>('cka.json');

const featurePath = cases.find((c) => Math.max(c.x.cols, c.y.cols) <= c.x.rows);
const gramPath = cases.find((c) => c.x.cols > c.x.rows);
assert.ok(
  featurePath !== undefined && gramPath !== undefined,
  'the fixture covers n > d and n < d',
);
const pathCases = [featurePath, gramPath];

describe('linearCka against numpy', () => {
  for (const c of cases) {
    it(`matches the float64 reference within 1e-10 relative: ${c.label}`, () => {
      assertRel(linearCka(toMatrix(c.x), toMatrix(c.y)), c.cka, 1e-10, c.label);
    });
  }
});

describe('linearCka invariants (feature-space and Gram paths)', () => {
  for (const c of pathCases) {
    const x = toMatrix(c.x);
    const y = toMatrix(c.y);
    const base = linearCka(x, y);
    const where = `n=${x.rows}, p=${x.cols}, q=${y.cols}`;

    it(`is 1 for a representation with itself (within 1e-12; ${where})`, () => {
      assertRel(linearCka(x, x), 1, 1e-12, 'CKA(X, X)');
      assertRel(linearCka(y, y), 1, 1e-12, 'CKA(Y, Y)');
    });

    it(`is symmetric (within 1e-12 relative; ${where})`, () => {
      assertRel(linearCka(y, x), base, 1e-12, 'CKA(Y, X)');
    });

    it(`is invariant to an orthogonal transform of the features (within 1e-10; ${where})`, () => {
      const q = orthogonal(x.cols);
      const qtq = mul(
        map(q, (_, i, j) => q.data[j * q.cols + i]),
        q,
      );
      assert.ok(
        qtq.data.every((v, k) => Math.abs(v - (k % (x.cols + 1) === 0 ? 1 : 0)) < 1e-12),
        'QᵀQ = I',
      );
      assert.ok(
        q.data.some((v, k) => k % (x.cols + 1) !== 0 && Math.abs(v) > 0.1),
        'Q is not a permutation',
      );
      assertRel(linearCka(mul(x, q), y), base, 1e-10, 'CKA(XQ, Y)');
    });

    it(`is invariant to isotropic scaling and to translation (within 1e-10; ${where})`, () => {
      assertRel(
        linearCka(
          map(x, (v) => 3.7 * v),
          map(y, (v) => 1e-3 * v),
        ),
        base,
        1e-10,
        'scaled',
      );
      assertRel(
        linearCka(
          map(x, (v, _, j) => v + 10 * (j + 1)),
          map(y, (v, _, j) => v - 7 * j),
        ),
        base,
        1e-10,
        'translated',
      );
    });

    it(`changes under a general invertible linear map (by more than 1e-3; ${where})`, () => {
      const a = map(
        { rows: x.cols, cols: x.cols, data: new Float64Array(x.cols * x.cols) },
        (_, i, j) => (i === j ? 10 ** (i % 3) : i === j + 1 ? 0.5 : 0),
      );
      const xa = mul(x, a);
      assert.ok(
        Math.abs(linearCka(xa, y) - base) > 1e-3,
        `CKA(XA, Y) = ${linearCka(xa, y)} vs ${base}`,
      );
      assert.ok(linearCka(x, xa) < 1 - 1e-3, `CKA(X, XA) = ${linearCka(x, xa)}`);
    });
  }
});

describe('cka against numpy, every estimator and both forms (float64, within 1e-9 relative)', () => {
  for (const c of cases) {
    const [x, y] = [toMatrix(c.x), toMatrix(c.y)];
    for (const form of ['feature', 'gram'] as const) {
      it(`linear and debiased, ${form} form: ${c.label}`, () => {
        const at = (estimator: CkaOptions['estimator']): number =>
          ckaPairs([x], [y], { estimator }, { form, products: 'float64' }).values[0][0];
        assertRel(at('linear'), c.cka, 1e-9, 'linear');
        assertRel(at('debiased'), c.debiased, 1e-9, 'debiased');
      });
    }
    it(`rbf at thresholds ${c.rbf.map((r) => r.threshold).join(' and ')}: ${c.label}`, () => {
      for (const r of c.rbf) {
        const v = cka(x, y, { estimator: 'rbf', rbfThreshold: r.threshold }).value;
        assertRel(v, r.cka, 1e-9, `rbf τ=${r.threshold}`);
      }
    });
  }
});

describe('linearCka shape checks', () => {
  const x = toMatrix(cases[0].x);

  it('throws a ShapeError naming both row counts when the examples differ', () => {
    const y = toMatrix(cases[1].y);
    assert.notEqual(x.rows, y.rows);
    assert.throws(
      () => linearCka(x, y),
      (e: unknown) =>
        e instanceof ShapeError && e.message.includes(`${x.rows} rows vs ${y.rows} rows`),
    );
  });

  it('throws a ShapeError for fewer than two examples', () => {
    const one: Float64Matrix = { rows: 1, cols: x.cols, data: x.data.slice(0, x.cols) };
    assert.throws(() => linearCka(one, one), ShapeError);
  });

  it('debiased CKA needs four examples and says so', () => {
    const three: Float64Matrix = { rows: 3, cols: x.cols, data: x.data.slice(0, 3 * x.cols) };
    assert.throws(
      () => cka(three, three, { estimator: 'debiased' }),
      (e: unknown) => e instanceof ShapeError && /at least 4 examples, got 3/.test(e.message),
    );
    assert.ok(Number.isFinite(cka(three, three, { estimator: 'linear' }).value));
  });

  it('rejects a matrix with no features or the wrong number of values', () => {
    const empty: Float64Matrix = { rows: x.rows, cols: 0, data: new Float64Array(0) };
    const short: Float64Matrix = { ...x, data: x.data.slice(1) };
    for (const m of [empty, short]) {
      assert.throws(
        () => cka(x, m, { estimator: 'linear' }),
        (e: unknown) => e instanceof ShapeError && /\[examples, features\]/.test(e.message),
      );
    }
  });
});
