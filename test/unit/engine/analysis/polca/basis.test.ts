import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  randomBasis,
  sequentialBasis,
  singleCheckpointBasis,
} from '../../../../../src/engine/analysis/polca/basis';
import type { HvpOperator } from '../../../../../src/engine/hessian/hvp';

const dim = 12;

/** H = Σ λ_j e_j e_jᵀ on coordinate axes: the eigenvectors are known exactly. */
function diagonal(lambdas: number[]): HvpOperator {
  return {
    dim,
    method: 'exact',
    apply: (v) => v.map((x, i) => (lambdas[i] ?? 0) * x),
  };
}

const dot = (a: Float64Array, b: Float64Array): number => a.reduce((s, x, i) => s + x * b[i], 0);

function assertOrthonormal(vs: Float64Array[]): void {
  vs.forEach((a, i) =>
    vs.forEach((b, j) => assert.ok(Math.abs(dot(a, b) - (i === j ? 1 : 0)) < 1e-8)),
  );
}

describe('POLCA bases', () => {
  const options = { k: 2, iterations: 12, order: 'algebraic' as const, seed: 0 };

  it('appends each checkpoint’s top directions outside the basis so far', () => {
    // Checkpoint 0 curves most along axes 0 and 1; checkpoint 1 still along 0 and 1, then 2 and 3.
    const ops = [diagonal([10, 9, 1, 1, 0.5]), diagonal([20, 19, 8, 7, 0.1])];
    const b = sequentialBasis([0, 100], (i) => ops[i], options);
    assert.equal(b.vectors.length, 4);
    assertOrthonormal(b.vectors);
    const axis = (v: Float64Array): number =>
      v.reduce((best, x, i) => (Math.abs(x) > Math.abs(v[best]) ? i : best), 0);
    assert.deepEqual(b.vectors.map(axis), [0, 1, 2, 3]);
    b.vectors.forEach((v) => assert.ok(Math.abs(v[axis(v)]) > 0.999));
    // The second checkpoint's eigenvalues are those of Π H Π: 8 and 7, not 20 and 19.
    assert.deepEqual(
      b.steps[1].eigenvalues.map((x) => Math.round(x * 1e6) / 1e6),
      [8, 7],
    );
    assert.deepEqual(
      b.steps.map((s) => s.added),
      [2, 2],
    );
  });

  it('gives controls of the same size: one checkpoint’s top vectors and a random basis', () => {
    const single = singleCheckpointBasis(0, diagonal([5, 4, 3, 2, 1]), 4, options);
    assert.equal(single.vectors.length, 4);
    assertOrthonormal(single.vectors);
    const random = randomBasis(dim, 4, 7);
    assert.equal(random.length, 4);
    assertOrthonormal(random);
    assert.notDeepEqual(randomBasis(dim, 4, 8)[0], random[0]);
    assert.deepEqual(randomBasis(dim, 4, 7)[0], random[0]);
  });
});
