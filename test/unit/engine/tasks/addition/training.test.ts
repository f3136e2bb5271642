import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../../../src/engine/backend';
import {
  accuracyByPositionLabel,
  argmaxTokens,
  exactMatchAccuracy,
} from '../../../../../src/engine/tasks/addition/metrics';
import type { SequenceDataset } from '../../../../../src/engine/tasks/types';
import { type StepMetrics, train } from '../../../../../src/engine/train/loop';
import { type Session, createSession } from '../../../../../src/engine/train/session';
import { experimentConfigSchema } from '../../../../../src/shared/experimentConfig';

/** 1-digit addition (all 100 pairs, 90 for training), full batch. */
function config(model: object, steps: number, lr: number) {
  return experimentConfigSchema.parse({
    task: { kind: 'addition', digits: 1, count: 100, trainFraction: 0.9 },
    model,
    train: {
      steps,
      logEvery: steps,
      optimizer: { lr, weightDecay: 0.01 },
      lrSchedule: { kind: 'warmup', warmupSteps: 50 },
    },
    checkpoints: { every: null },
  });
}

async function trainToEnd(session: Session): Promise<StepMetrics> {
  let final: StepMetrics | undefined;
  for await (const e of train(session, { fromStep: 0 })) {
    if (e.type === 'end') {
      final = e.final;
    }
  }
  assert.ok(final);
  return final;
}

/** Argmax predictions of every batch row of the given sequences. */
function predict(session: Session, indices: Int32Array): Int32Array {
  const { model, dataset } = session;
  const batch = model.batch(dataset, indices);
  const logits = tf.tidy(() => model.forward(batch).logits);
  const predicted = argmaxTokens(logits.dataSync(), logits.shape[1]);
  tf.dispose([logits, ...batch.inputs, batch.labels, batch.targets, batch.weights ?? []]);
  return predicted;
}

function sequences(session: Session): SequenceDataset {
  const ds = session.dataset;
  assert.equal(ds.kind, 'sequences');
  return ds;
}

describe('addition: training sequence models', () => {
  before(async () => {
    await initBackend('wasm');
  });

  it('a transformer learns every training answer of 1-digit addition', async () => {
    const model = { kind: 'transformer', dModel: 32, heads: 4, layers: 2, dFF: 64, dropout: 0 };
    const session = createSession(config(model, 200, 0.003));
    try {
      const final = await trainToEnd(session);
      assert.equal(final.trainAcc, 1);
      assert.ok(final.trainLoss < 0.05, `train loss ${final.trainLoss}`);
      const ds = sequences(session);
      const predicted = predict(session, ds.train);
      assert.equal(exactMatchAccuracy(ds, ds.train, predicted), 1);
      // Both answer digits are counted: the units digit (index 0) and the carry (index 1).
      const byDigit = accuracyByPositionLabel(ds, ds.train, predicted, 'digitIndex');
      assert.deepEqual(byDigit.get(0), { right: 90, total: 90 });
      assert.deepEqual(byDigit.get(1), { right: 90, total: 90 });
    } finally {
      session.dispose();
    }
  });

  it('an lstm learns the training answers too', async () => {
    const session = createSession(config({ kind: 'lstm', embedDim: 16, hidden: 64 }, 150, 0.01));
    try {
      const final = await trainToEnd(session);
      const ds = sequences(session);
      const exact = exactMatchAccuracy(ds, ds.train, predict(session, ds.train));
      assert.ok(exact >= 0.95, `train exact match ${exact}, token accuracy ${final.trainAcc}`);
    } finally {
      session.dispose();
    }
  });
});
