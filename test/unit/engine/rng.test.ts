import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRng, normalArray, permutation, uniformArray } from '../../../src/engine/rng';

describe('createRng', () => {
  it('repeats its stream for the same seed and stream', () => {
    const a = createRng(42, 3);
    const b = createRng(42, 3);
    for (let i = 0; i < 100; i++) {
      assert.equal(a.next(), b.next());
    }
  });

  it('gives different streams for different seeds or stream ids', () => {
    assert.notEqual(createRng(1).next(), createRng(2).next());
    assert.notEqual(createRng(1, 0).next(), createRng(1, 1).next());
  });

  it('draws uniforms in [0, 1) with mean 1/2 and variance 1/12', () => {
    const x = uniformArray(200_000, 1, createRng(9)).map((v) => (v + 1) / 2);
    const mean = x.reduce((s, v) => s + v, 0) / x.length;
    const variance = x.reduce((s, v) => s + (v - mean) ** 2, 0) / x.length;
    assert.ok(Math.abs(mean - 0.5) < 0.005, `mean ${mean}`);
    assert.ok(Math.abs(variance - 1 / 12) < 0.002, `variance ${variance}`);
  });

  it('draws normals with mean 0, variance σ² and Gaussian tails', () => {
    const x = normalArray(200_000, 2, createRng(11));
    const mean = x.reduce((s, v) => s + v, 0) / x.length;
    const variance = x.reduce((s, v) => s + (v - mean) ** 2, 0) / x.length;
    const beyond2Sigma = x.filter((v) => Math.abs(v) > 4).length / x.length;
    assert.ok(Math.abs(mean) < 0.02, `mean ${mean}`);
    assert.ok(Math.abs(variance - 4) < 0.05, `variance ${variance}`);
    assert.ok(Math.abs(beyond2Sigma - 0.0455) < 0.003, `P(|z| > 2) = ${beyond2Sigma}`);
  });
});

describe('permutation', () => {
  it('is a permutation of 0..n-1 and reproducible', () => {
    const p = permutation(50, createRng(3));
    assert.deepEqual(
      Array.from(p).sort((a, b) => a - b),
      Array.from({ length: 50 }, (_, i) => i),
    );
    assert.deepEqual(p, permutation(50, createRng(3)));
  });
});
