import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../../src/engine/backend';
import {
  bridgeDefaults,
  createBridge,
  trainBridge,
} from '../../../../src/engine/analysis/stitching/bridge';
import { fitAffine } from '../../../../src/engine/analysis/stitching/leastSquares';
import { createRng } from '../../../../src/engine/rng';

function randomMatrix(rows: number, cols: number, seed: number) {
  const rng = createRng(seed);
  return { rows, cols, data: Float64Array.from({ length: rows * cols }, () => rng.normal()) };
}

/** Z·A + b in float64 for A [in, out] row-major. */
function applyAffine(
  z: { rows: number; cols: number; data: Float64Array },
  a: Float64Array,
  b: Float64Array,
  out: number,
) {
  const data = new Float64Array(z.rows * out);
  for (let i = 0; i < z.rows; i++) {
    for (let j = 0; j < out; j++) {
      let s = b[j];
      for (let k = 0; k < z.cols; k++) {
        s += z.data[i * z.cols + k] * a[k * out + j];
      }
      data[i * out + j] = s;
    }
  }
  return { rows: z.rows, cols: out, data };
}

describe('stitching bridges', () => {
  before(async () => {
    await initBackend('wasm');
  });

  it('least squares recovers an exact affine map, also from a rank-deficient source', () => {
    const z = randomMatrix(40, 5, 1);
    const a = randomMatrix(5, 3, 2).data;
    const b = Float64Array.from([0.5, -2, 3]);
    const fit = fitAffine(z, applyAffine(z, a, b, 3));
    fit.weight.forEach((v, i) => assert.ok(Math.abs(v - a[i]) < 1e-8, `A ${v} vs ${a[i]}`));
    fit.bias.forEach((v, i) => assert.ok(Math.abs(v - b[i]) < 1e-8, `b ${v} vs ${b[i]}`));
    // A duplicated column: many solutions, the fit must still reproduce the targets.
    const dup = { rows: 40, cols: 6, data: new Float64Array(240) };
    for (let i = 0; i < 40; i++) {
      dup.data.set(z.data.subarray(i * 5, i * 5 + 5), i * 6);
      dup.data[i * 6 + 5] = z.data[i * 5];
    }
    const target = applyAffine(z, a, b, 3);
    const f2 = fitAffine(dup, target);
    const back = applyAffine(dup, f2.weight, f2.bias, 3);
    back.data.forEach((v, i) => assert.ok(Math.abs(v - target.data[i]) < 1e-5));
  });

  it('an almost-affine bridge starts as its affine part and learns a nonlinear target', () => {
    const init = { weight: Float64Array.from([1, 0, 0, 1]), bias: Float64Array.from([0, 0]) };
    const options = { ...bridgeDefaults, epsilon: 0.5, steps: 300, lr: 0.01 };
    const bridge = createBridge(2, 2, options, init);
    const z = tf.tensor2d(Float32Array.from(randomMatrix(64, 2, 3).data), [64, 2]);
    const start = bridge.apply(z);
    assert.ok(tf.max(tf.abs(tf.sub(start, z))).dataSync()[0] < 1e-6, 'T(z) = z at the start');
    const target = tf.square(z);
    const before = tf.mean(tf.square(tf.sub(start, target))).dataSync()[0];
    const after = trainBridge(
      bridge,
      () => tf.mean(tf.square(tf.sub(bridge.apply(z), target))),
      options,
    );
    assert.ok(after < 0.5 * before, `${after} vs ${before}`);
    tf.dispose([z, start, target]);
    bridge.dispose();
  });

  it('frees every tensor it creates', () => {
    const count = tf.memory().numTensors;
    const options = { ...bridgeDefaults, epsilon: 0.1, steps: 5 };
    const bridge = createBridge(3, 2, options);
    const z = tf.tensor2d(new Float32Array(12).fill(1), [4, 3]);
    trainBridge(bridge, () => tf.sum(bridge.apply(z)), options);
    z.dispose();
    bridge.dispose();
    assert.equal(tf.memory().numTensors, count);
  });
});
