import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HvpOperator } from '../../../../src/engine/hessian/hvp';
import {
  lanczos,
  orthonormalizeAgainst,
  projected,
  tridiagonalEigen,
} from '../../../../src/engine/hessian/lanczos';
import { dot, norm } from '../../../../src/engine/hessian/vectors';
import { createRng } from '../../../../src/engine/rng';

/** H = U·diag(λ)·Uᵀ with a seeded random orthogonal U, as an explicit float64 operator. */
function quadratic(
  lambda: number[],
  seed = 3,
): { op: HvpOperator & { count: number }; eig: Float64Array[] } {
  const n = lambda.length;
  const rng = createRng(seed);
  const random = Array.from({ length: n }, () =>
    Float64Array.from({ length: n }, () => rng.normal()),
  );
  const eig = orthonormalizeAgainst(random, []);
  assert.equal(eig.length, n);
  const op = {
    dim: n,
    method: 'exact' as const,
    count: 0,
    apply(v: Float64Array): Float64Array {
      op.count += 1;
      const out = new Float64Array(n);
      eig.forEach((u, i) => {
        const c = lambda[i] * dot(u, v);
        u.forEach((x, j) => (out[j] += c * x));
      });
      return out;
    },
  };
  return { op, eig };
}

/** 60 eigenvalues: a well separated top five, a bulk in [−0.5, 1], one large negative. */
const spectrum = [
  20,
  15,
  11,
  8,
  6,
  ...Array.from({ length: 54 }, (_, i) => -0.5 + (1.5 * i) / 53),
  -12,
];

const relErr = (a: number, e: number): number => Math.abs(a - e) / Math.abs(e);

describe('lanczos', () => {
  it('finds the top eigenpairs of a quadratic with a known spectrum', () => {
    const { op, eig } = quadratic(spectrum);
    const r = lanczos(op, { iterations: 30, k: 5, seed: 1 });
    assert.deepEqual([r.iterations, r.hvpCount, op.count, r.restarts], [30, 30, 30, 0]);
    [20, 15, 11, 8, 6].forEach((lambda, i) => {
      assert.ok(relErr(r.values[i], lambda) < 1e-6, `λ${i}: ${r.values[i]} vs ${lambda}`);
      assert.ok(Math.abs(dot(r.vectors[i], eig[i])) > 0.999, `vector ${i}`);
      assert.ok(Math.abs(norm(r.vectors[i]) - 1) < 1e-12);
    });
  });

  it('reports residuals equal to |H·y − θ·y| and small for converged pairs', () => {
    const { op } = quadratic(spectrum);
    const r = lanczos(op, { iterations: 25, k: 5, seed: 2 });
    r.vectors.forEach((y, i) => {
      const hy = op.apply(y);
      const res = norm(hy.map((x, j) => x - r.values[i] * y[j]));
      assert.ok(
        Math.abs(res - r.residuals[i]) < 1e-8 * 20 + 1e-6 * res,
        `${res} vs ${r.residuals[i]}`,
      );
    });
    assert.ok(r.residuals[0] < 1e-8, `top residual ${r.residuals[0]}`);
  });

  it('orders by magnitude on request', () => {
    const { op, eig } = quadratic(spectrum);
    const r = lanczos(op, { iterations: 30, k: 2, order: 'magnitude' });
    assert.ok(relErr(r.values[0], 20) < 1e-6);
    assert.ok(relErr(r.values[1], 15) < 1e-6);
    const all = lanczos(op, { iterations: 30, k: 3, order: 'magnitude' });
    assert.ok(relErr(all.values[2], -12) < 1e-6, `third by magnitude: ${all.values[2]}`);
    assert.ok(Math.abs(dot(all.vectors[2], eig[59])) > 0.999);
  });

  it('is deterministic for a seed and starts elsewhere for another', () => {
    const { op } = quadratic(spectrum);
    const a = lanczos(op, { iterations: 8, seed: 5 });
    const b = lanczos(op, { iterations: 8, seed: 5 });
    const c = lanczos(op, { iterations: 8, seed: 6 });
    assert.deepEqual(a.alpha, b.alpha);
    assert.notDeepEqual(a.alpha, c.alpha);
  });

  it('starts from a given vector, normalised, and checks it', () => {
    const { op, eig } = quadratic(spectrum);
    const start = Float64Array.from(eig[0], (x, i) => 3 * x + 1e-3 * eig[1][i]);
    const a = lanczos(op, { iterations: 4, start });
    const b = lanczos(op, { iterations: 4, start: Float64Array.from(start, (x) => x / 3) });
    a.alpha.forEach((x, i) => assert.ok(Math.abs(x - b.alpha[i]) < 1e-12));
    assert.ok(Math.abs(a.alpha[0] - 20) < 1e-4, 'the first Rayleigh quotient is that of the start');
    assert.throws(
      () => lanczos(op, { start: new Float64Array(60) }),
      /nonzero vector of length 60/,
    );
    assert.throws(() => lanczos(op, { start: new Float64Array(3) }), /length 60/);
  });

  it('restarts after a breakdown and finds repeated eigenvalues', () => {
    // Three distinct eigenvalues, 4 at 5 and 6 at 2, in dimension 12: the first Krylov space
    // is invariant after 3 steps.
    const lambda = [5, 5, 5, 5, 2, 2, 2, 2, 2, 2, -1, -1];
    const { op } = quadratic(lambda);
    const r = lanczos(op, { iterations: 12, k: 5 });
    assert.ok(r.restarts >= 1, `restarts ${r.restarts}`);
    assert.equal(r.iterations, 12);
    for (let i = 0; i < 4; i++) {
      assert.ok(Math.abs(r.values[i] - 5) < 1e-9, `${r.values[i]}`);
      assert.ok(r.residuals[i] < 1e-8);
    }
    assert.ok(Math.abs(r.values[4] - 2) < 1e-9);
    const sorted = [...lambda].sort((x, y) => x - y);
    r.ritzValues.forEach((t, i) => assert.ok(Math.abs(t - sorted[i]) < 1e-9));
  });

  it('caps the iterations at the dimension', () => {
    const { op } = quadratic([3, 2, 1]);
    const r = lanczos(op, { iterations: 30, k: 5 });
    assert.equal(r.iterations, 3);
    assert.equal(r.values.length, 3);
    assert.deepEqual(
      Array.from(r.values, (x) => Number(x.toFixed(9))),
      [3, 2, 1],
    );
  });
});

describe('projected operator', () => {
  it('has eigenvectors orthogonal to the basis and the remaining spectrum', () => {
    const { op, eig } = quadratic(spectrum);
    const basis = orthonormalizeAgainst([eig[0], eig[1]], []);
    const p = projected(op, basis);
    const r = lanczos(p, { iterations: 30, k: 3, seed: 4 });
    [11, 8, 6].forEach((lambda, i) => assert.ok(relErr(r.values[i], lambda) < 1e-6));
    for (const y of r.vectors) {
      for (const b of basis) {
        assert.ok(Math.abs(dot(y, b)) < 1e-8, `|y·b| = ${Math.abs(dot(y, b))}`);
      }
    }
  });

  it('also projects out a basis that is not an eigenspace', () => {
    const { op } = quadratic(spectrum);
    const rng = createRng(9);
    const raw = [0, 1, 2].map(() => Float64Array.from({ length: 60 }, () => rng.normal()));
    const basis = orthonormalizeAgainst(raw, []);
    const r = lanczos(projected(op, basis), { iterations: 30, k: 4 });
    for (const y of r.vectors) {
      basis.forEach((b) => assert.ok(Math.abs(dot(y, b)) < 1e-8));
    }
  });

  it('rejects a basis that is not orthonormal', () => {
    const { op } = quadratic([1, 2, 3]);
    assert.throws(() => projected(op, [Float64Array.of(1, 1, 0)]), /not orthonormal/);
    assert.throws(() => projected(op, [Float64Array.of(1, 0)]), /length 2/);
  });
});

describe('orthonormalizeAgainst', () => {
  it('keeps independent vectors, unit and orthogonal to the basis and each other', () => {
    const basis = [Float64Array.of(1, 0, 0, 0)];
    const out = orthonormalizeAgainst(
      [Float64Array.of(1, 1, 0, 0), Float64Array.of(2, 2, 0, 0), Float64Array.of(1, 1, 1, 0)],
      basis,
    );
    assert.equal(out.length, 2, 'the second vector is dependent and dropped');
    out.forEach((v, i) => {
      assert.ok(Math.abs(norm(v) - 1) < 1e-15);
      assert.ok(Math.abs(dot(v, basis[0])) < 1e-15);
      out.slice(0, i).forEach((u) => assert.ok(Math.abs(dot(u, v)) < 1e-15));
    });
    assert.deepEqual(Array.from(out[1]), [0, 0, 1, 0]);
  });

  it('drops by the relative threshold and drops zero vectors', () => {
    const basis = [Float64Array.of(1, 0)];
    assert.equal(orthonormalizeAgainst([Float64Array.of(1, 1e-7)], basis).length, 0);
    assert.equal(orthonormalizeAgainst([Float64Array.of(1, 1e-7)], basis, 1e-8).length, 1);
    assert.equal(orthonormalizeAgainst([new Float64Array(2)], []).length, 0);
  });
});

describe('tridiagonalEigen', () => {
  it('matches the eigenvalues of a 2×2 matrix', () => {
    const { values, vectors } = tridiagonalEigen([2, 2], [1]);
    assert.deepEqual(
      [...values].sort().map((x) => Number(x.toFixed(12))),
      [1, 3],
    );
    const i = values.indexOf(Math.max(...values));
    assert.ok(Math.abs(Math.abs(vectors[0][i]) - Math.SQRT1_2) < 1e-12);
  });
});
