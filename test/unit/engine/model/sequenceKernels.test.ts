/** The wasm kernels the sequence models rely on (src/engine/kernels: batchMatMul, slicing, softmaxGrad). */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../../src/engine/backend';
import { softmaxLastAxis } from '../../../../src/engine/kernels/softmaxGrad';
import { createRng } from '../../../../src/engine/rng';
import { maxAbsDiff } from './sequenceModelHelpers';

describe('wasm kernels behind the sequence models', () => {
  before(async () => {
    await initBackend('wasm');
  });

  /** Reference batched product on plain arrays. */
  function referenceMatMul(a: tf.Tensor, b: tf.Tensor, ta: boolean, tb: boolean): Float64Array {
    const [av, bv] = [a.dataSync(), b.dataSync()];
    const rank = a.shape.length;
    const [ar, ac, br, bc] = [
      a.shape[rank - 2],
      a.shape[rank - 1],
      b.shape[rank - 2],
      b.shape[rank - 1],
    ];
    const [M, K, N] = [ta ? ac : ar, ta ? ar : ac, tb ? br : bc];
    const batch = a.size / (ar * ac);
    const out = new Float64Array(batch * M * N);
    for (let t = 0; t < batch; t++) {
      for (let i = 0; i < M; i++) {
        for (let j = 0; j < N; j++) {
          let acc = 0;
          for (let k = 0; k < K; k++) {
            const x = av[t * ar * ac + (ta ? k * ac + i : i * ac + k)];
            const y = bv[t * br * bc + (tb ? j * bc + k : k * bc + j)];
            acc += x * y;
          }
          out[(t * M + i) * N + j] = acc;
        }
      }
    }
    return out;
  }

  it('computes batched matMul in every transpose combination (≤ 1e-5 relative)', () => {
    const rng = createRng(5);
    const rand = (shape: number[]): tf.Tensor =>
      tf.tensor(
        Float32Array.from({ length: shape.reduce((p, q) => p * q) }, () => rng.normal()),
        shape,
      );
    const before = tf.memory().numTensors;
    const cases: [number[], number[], boolean, boolean][] = [
      [[6, 9, 4], [6, 9, 4], false, true],
      [[6, 9, 9], [6, 9, 4], true, false],
      [[6, 9, 9], [6, 9, 4], false, false],
      [[2, 3, 7, 5], [2, 3, 7, 21], true, false],
      [[3, 7, 5], [3, 6, 7], true, true],
      [[2, 33, 3], [2, 3, 37], false, false],
    ];
    for (const [sa, sb, ta, tb] of cases) {
      tf.tidy(() => {
        const [a, b] = [rand(sa), rand(sb)];
        const got = tf.matMul(a, b, ta, tb).dataSync();
        const want = referenceMatMul(a, b, ta, tb);
        const scale = want.reduce((m, v) => Math.max(m, Math.abs(v)), 1);
        assert.ok(maxAbsDiff(got, want) <= 1e-5 * scale, JSON.stringify([sa, sb, ta, tb]));
      });
    }
    const mismatch = (): tf.Tensor =>
      tf.tidy(() => tf.matMul(rand([3, 5, 7]), rand([3, 6, 7]), true, true));
    assert.throws(mismatch, /inner shapes/);
    assert.equal(tf.memory().numTensors, before);
  });

  it('slices, splits, unstacks and concatenates exactly', () => {
    tf.tidy(() => {
      const a = tf.tensor3d(
        Array.from({ length: 24 }, (_, i) => i),
        [2, 3, 4],
      );
      assert.deepEqual(tf.slice(a, [0, 1, 1], [2, 2, 2]).arraySync(), [
        [
          [5, 6],
          [9, 10],
        ],
        [
          [17, 18],
          [21, 22],
        ],
      ]);
      const [left, right] = tf.split(a, [1, 3], 2);
      assert.deepEqual(left.arraySync(), [
        [[0], [4], [8]],
        [[12], [16], [20]],
      ]);
      assert.deepEqual(tf.concat([left, right], 2).arraySync(), a.arraySync());
      const rows = tf.unstack(a, 1);
      assert.deepEqual(rows[2].arraySync(), [
        [8, 9, 10, 11],
        [20, 21, 22, 23],
      ]);
      assert.deepEqual(tf.concat(tf.split(a, 2, 0), 0).arraySync(), a.arraySync());
      const ints = tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2], 'int32');
      const part = tf.slice(ints, [1, 0], [2, 1]);
      assert.equal(part.dtype, 'int32');
      assert.deepEqual(part.arraySync(), [[3], [5]]);
    });
  });

  it('differentiates softmax over the last axis like the op-by-op formula (≤ 1e-6)', () => {
    tf.tidy(() => {
      const x = tf.randomNormal([3, 2, 5, 7], 0, 2, 'float32', 4);
      const w = tf.randomNormal([3, 2, 5, 7], 0, 1, 'float32', 5);
      const fused = tf.grad((z: tf.Tensor) => tf.sum(tf.mul(softmaxLastAxis(z), w)))(x);
      const y = tf.softmax(x);
      const reference = tf.mul(y, tf.sub(w, tf.sum(tf.mul(w, y), -1, true)));
      assert.ok(maxAbsDiff(fused.dataSync(), reference.dataSync()) <= 1e-6);
    });
  });
});
