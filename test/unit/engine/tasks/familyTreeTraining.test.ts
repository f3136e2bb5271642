import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../../src/engine/backend';
import { train } from '../../../../src/engine/train/loop';
import { createSession } from '../../../../src/engine/train/session';
import type { StepMetrics } from '../../../../src/engine/train/loop';
import { experimentConfigSchema } from '../../../../src/shared/experimentConfig';

/** A small tree (15 persons, 210 pairs) with the reference model at a higher learning rate. */
function smallConfig(steps: number) {
  return experimentConfigSchema.parse({
    task: { kind: 'family-tree', generations: 4, children: 2 },
    model: { kind: 'embed-mlp', embedDim: 8, embedInitStd: 1 / Math.sqrt(8), hidden: [64, 64] },
    train: { steps, logEvery: 50, optimizer: { lr: 0.01, weightDecay: 0.05 } },
    checkpoints: { every: null },
  });
}

describe('family tree: multi-label training with embed-mlp', () => {
  before(async () => {
    await initBackend('wasm');
  });

  it('builds batches of multi-hot targets and one logit per relation', () => {
    const session = createSession(smallConfig(1));
    const { dataset, model } = session;
    assert.equal(dataset.kind, 'pairs');
    const idx = Int32Array.from([0, 5, 17, 209]);
    const batch = model.batch(dataset, idx);
    try {
      assert.equal(batch.multiLabel, true);
      assert.deepEqual(batch.targets.shape, [4, 11]);
      const ml = dataset.kind === 'pairs' ? dataset.multiLabel : undefined;
      assert.ok(ml);
      const want = Array.from(idx).flatMap((i) =>
        Array.from(ml.targets.subarray(i * 11, i * 11 + 11)),
      );
      assert.deepEqual(Array.from(batch.targets.dataSync()), want);
      const logits = tf.tidy(() => model.forward(batch).logits);
      assert.deepEqual(logits.shape, [4, 11]);
      logits.dispose();
    } finally {
      tf.dispose([...batch.inputs, batch.labels, batch.targets]);
      session.dispose();
    }
  });

  it('reaches 100 % train balanced accuracy, every (pair, relation) entry right', async () => {
    const session = createSession(smallConfig(300));
    let final: StepMetrics | undefined;
    for await (const e of train(session, { fromStep: 0 })) {
      if (e.type === 'end') {
        final = e.final;
      }
    }
    assert.ok(final);
    assert.equal(final.trainAcc, 1);
    assert.ok(final.trainLoss < 0.05, `train loss ${final.trainLoss}`);
    // The metric agrees with a direct count of right answers on the training pairs.
    const { dataset, model } = session;
    const batch = model.batch(dataset, dataset.train);
    const logits = tf.tidy(() => model.forward(batch).logits);
    const z = logits.dataSync();
    const y = batch.targets.dataSync();
    assert.ok(z.every((v, k) => v > 0 === (y[k] === 1)));
    tf.dispose([logits, ...batch.inputs, batch.labels, batch.targets]);
    session.dispose();
  });
});
