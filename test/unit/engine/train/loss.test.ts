import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../../src/engine/backend';
import type { ModelBatch } from '../../../../src/engine/model/types';
import {
  accuracy,
  balancedAccuracy,
  batchAccuracy,
  batchLoss,
  binaryCrossEntropy,
  crossEntropy,
} from '../../../../src/engine/train/loss';

/** −[y log σ(z) + (1 − y) log(1 − σ(z))] in float64, the textbook form (moderate z only). */
function bceEntry(z: number, y: number): number {
  const s = 1 / (1 + Math.exp(-z));
  return -(y * Math.log(s) + (1 - y) * Math.log(1 - s));
}

/** Gradient of binaryCrossEntropy with respect to the logits (targets made outside the tape). */
function bceGrad(z: number[][], y: number[][]): Float32Array {
  const targets = tf.tensor2d(y);
  const grad = tf.tidy(() =>
    tf.grad((t: tf.Tensor) => binaryCrossEntropy(t as tf.Tensor2D, targets))(tf.tensor2d(z)),
  );
  const out = grad.dataSync() as Float32Array;
  tf.dispose([grad, targets]);
  return out;
}

/** Mean over rows of the summed per-class BCE. */
function bceReference(z: number[][], y: number[][]): number {
  const rows = z.map((row, i) => row.reduce((s, v, c) => s + bceEntry(v, y[i][c]), 0));
  return rows.reduce((s, v) => s + v, 0) / z.length;
}

const scalar = (t: tf.Scalar): number => {
  const v = t.dataSync()[0];
  t.dispose();
  return v;
};

const bce = (z: number[][], y: number[][]): number =>
  scalar(tf.tidy(() => binaryCrossEntropy(tf.tensor2d(z), tf.tensor2d(y))));

const balanced = (z: number[][], y: number[][]): number =>
  scalar(tf.tidy(() => balancedAccuracy(tf.tensor2d(z), tf.tensor2d(y))));

describe('binary cross-entropy', () => {
  before(async () => {
    await initBackend('wasm');
  });

  const z = [
    [0.3, -1.2, 2.5],
    [-0.7, 0, 4.1],
    [1.9, -3.3, -0.2],
    [0.05, 2.2, -1.1],
  ];
  const y = [
    [1, 0, 1],
    [0, 1, 0],
    [1, 0, 0],
    [0, 1, 1],
  ];

  it('matches −[y log σ(z) + (1 − y) log(1 − σ(z))], summed over classes, mean over rows', () => {
    const want = bceReference(z, y);
    assert.ok(Math.abs(bce(z, y) - want) < 1e-5, `${bce(z, y)} vs ${want}`);
  });

  it('stays finite and exact for large logits', () => {
    // max(z, 0) − z·y + log(1 + exp(−|z|)): a confident wrong answer costs |z|.
    assert.ok(Math.abs(bce([[100, -100]], [[0, 1]]) - 200) < 1e-3);
    assert.ok(Math.abs(bce([[100, -100]], [[1, 0]])) < 1e-6);
    assert.equal(bce([[0, 0]], [[1, 0]]).toFixed(6), (2 * Math.log(2)).toFixed(6));
  });

  it('has gradient (σ(z) − y)/B, also at z = 0', () => {
    const zz = [...z, [0, 0, 0]];
    const yy = [...y, [1, 0, 1]];
    const got = bceGrad(zz, yy);
    const b = zz.length;
    zz.flat().forEach((v, i) => {
      const want = (1 / (1 + Math.exp(-v)) - yy.flat()[i]) / b;
      assert.ok(Math.abs(got[i] - want) < 1e-6, `entry ${i}: ${got[i]} vs ${want}`);
    });
  });

  it('agrees with central finite differences of the reference formula', () => {
    const got = bceGrad(z, y);
    const h = 1e-5;
    z.forEach((row, i) =>
      row.forEach((_, c) => {
        const shifted = (d: number): number[][] =>
          z.map((r, k) => r.map((v, j) => (k === i && j === c ? v + d : v)));
        const fd = (bceReference(shifted(h), y) - bceReference(shifted(-h), y)) / (2 * h);
        assert.ok(Math.abs(got[i * 3 + c] - fd) < 1e-5, `(${i}, ${c}): ${got[i * 3 + c]} vs ${fd}`);
      }),
    );
  });
});

describe('balanced accuracy', () => {
  before(async () => {
    await initBackend('wasm');
  });

  it('is 1 for perfect predictions and 0 for inverted ones', () => {
    assert.equal(
      balanced(
        [
          [2, -1],
          [-3, 4],
        ],
        [
          [1, 0],
          [0, 1],
        ],
      ),
      1,
    );
    assert.equal(
      balanced(
        [
          [-2, 1],
          [3, -4],
        ],
        [
          [1, 0],
          [0, 1],
        ],
      ),
      0,
    );
  });

  it('averages the true-positive and true-negative rates over all entries', () => {
    // Positives (0,0), (1,0): one predicted → TPR ½. Negatives (0,1), (1,1): both right → TNR 1.
    assert.equal(
      balanced(
        [
          [1, -1],
          [-1, -1],
        ],
        [
          [1, 0],
          [1, 0],
        ],
      ),
      0.75,
    );
    // 1 positive missed (TPR 0), 5 negatives with 1 false alarm (TNR 4/5): ½(0 + 0.8) = 0.4.
    assert.ok(
      Math.abs(
        balanced(
          [
            [-1, 1, -1],
            [-1, -1, -1],
          ],
          [
            [1, 0, 0],
            [0, 0, 0],
          ],
        ) - 0.4,
      ) < 1e-7,
    );
  });

  it('is not fooled by answering "no" everywhere on rare positives', () => {
    const y = [[1, 0, 0, 0, 0, 0, 0, 0, 0, 0]];
    const allNo = [y[0].map(() => -5)];
    assert.equal(balanced(allNo, y), 0.5);
  });

  it('predicts "holds" only for logits > 0', () => {
    assert.equal(balanced([[0, 0]], [[1, 0]]), 0.5);
  });

  it('falls back to the rate that exists when a class of entries is absent', () => {
    assert.equal(balanced([[-1, 1]], [[0, 0]]), 0.5); // TNR only
    assert.equal(balanced([[1, 1]], [[1, 1]]), 1); // TPR only
  });
});

describe('batch loss and accuracy', () => {
  before(async () => {
    await initBackend('wasm');
  });

  const logits = [
    [1.5, -0.5, 0.2],
    [-1, 2, 0.3],
  ];

  it('use cross-entropy and argmax accuracy for single-label batches, bit for bit', () => {
    const [got, want] = tf.tidy(() => {
      const z = tf.tensor2d(logits);
      const labels = tf.tensor1d([0, 2], 'int32');
      const batch: ModelBatch = {
        inputs: [],
        labels,
        targets: tf.cast(tf.oneHot(labels, 3), 'float32') as tf.Tensor2D,
        size: 2,
      };
      return [
        tf.stack([batchLoss(z, batch), batchAccuracy(z, batch)]).dataSync(),
        tf.stack([crossEntropy(z, batch.targets), accuracy(z, labels)]).dataSync(),
      ];
    });
    assert.deepEqual(got, want);
  });

  it('use binary cross-entropy and balanced accuracy for multi-label batches', () => {
    const targets = [
      [1, 0, 1],
      [0, 1, 0],
    ];
    const [loss, acc] = tf.tidy(() => {
      const batch: ModelBatch = {
        inputs: [],
        labels: tf.tensor1d([0, 1], 'int32'),
        targets: tf.tensor2d(targets),
        multiLabel: true,
        size: 2,
      };
      const z = tf.tensor2d(logits);
      return tf.stack([batchLoss(z, batch), batchAccuracy(z, batch)]).dataSync();
    });
    assert.ok(Math.abs(loss - bceReference(logits, targets)) < 1e-5);
    // Positives (0,0), (0,2), (1,1) all predicted; negatives (0,1) right, (1,0) right, (1,2) wrong.
    assert.ok(Math.abs(acc - 0.5 * (1 + 2 / 3)) < 1e-6);
  });
});
