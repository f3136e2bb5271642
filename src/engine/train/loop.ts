/**
 * The training loop: a custom AdamW loop (not `model.fit`) because parameters, optimizer state and
 * checkpoints must be ours to save and restore exactly. It yields events; the caller decides what
 * to store. Cancellation is checked between steps through an AbortSignal.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng, permutation, streams } from '../rng';
import type { ModelBatch } from '../model/types';
import { accuracy, crossEntropy } from './loss';
import { checkpointSteps, learningRate, minibatchIndices } from './schedule';
import { type CheckpointData, type Session, captureCheckpoint } from './session';
import type { StepMetricsRecord } from '../../shared/runResult';

/** Train and test loss and accuracy of the model at a step (after `step` updates). */
export type StepMetrics = StepMetricsRecord;

export type TrainEvent =
  | { type: 'metrics'; metrics: StepMetrics }
  | { type: 'checkpoint'; checkpoint: CheckpointData }
  | { type: 'progress'; step: number; total: number }
  | { type: 'end'; step: number; status: 'done' | 'cancelled'; final: StepMetrics };

export interface TrainOptions {
  /** Step the session's state corresponds to (0 for a fresh model, else the restored checkpoint). */
  fromStep: number;
  signal?: AbortSignal;
  /** Minimum milliseconds between `progress` events. */
  progressIntervalMs?: number;
}

/** Runs training from `fromStep` to `config.train.steps`, yielding metrics and checkpoints. */
export async function* train(session: Session, opts: TrainOptions): AsyncGenerator<TrainEvent> {
  const { config, model } = session;
  const total = config.train.steps;
  const saveAt = new Set(checkpointSteps(total, config.checkpoints));
  const full = fullBatches(session);
  const batchFor = batchSource(session, full.train);
  const trainable = model.params.filter((p) => p.trainable).map((p) => p.variable);
  let lastYield = Date.now();
  let step = opts.fromStep;
  let saved = -1;
  try {
    if (step === 0) {
      yield { type: 'metrics', metrics: evaluate(session, full, 0) };
      yield { type: 'checkpoint', checkpoint: captureCheckpoint(session, 0) };
      saved = 0;
    }
    while (step < total && opts.signal?.aborted !== true) {
      const lr = learningRate(config.train, step);
      const batch = batchFor(step);
      tf.dispose(trainStep(session, batch.batch, trainable, lr));
      batch.release();
      step += 1;
      if (step % config.train.logEvery === 0 || step === total) {
        yield { type: 'metrics', metrics: evaluate(session, full, step) };
      }
      if (saveAt.has(step)) {
        yield { type: 'checkpoint', checkpoint: captureCheckpoint(session, step) };
        saved = step;
      }
      if (Date.now() - lastYield >= (opts.progressIntervalMs ?? 200)) {
        yield { type: 'progress', step, total };
        // Let timers and signal handlers (SIGINT, IPC) run between synchronous tfjs steps.
        await new Promise((resolve) => setImmediate(resolve));
        lastYield = Date.now();
      }
    }
    const final = evaluate(session, full, step);
    if (saved !== step) {
      // Cancelled between scheduled checkpoints: keep the latest state so a resume loses nothing.
      yield { type: 'checkpoint', checkpoint: captureCheckpoint(session, step) };
    }
    yield { type: 'end', step, status: step >= total ? 'done' : 'cancelled', final };
  } finally {
    tf.dispose([...full.train.inputs, full.train.labels, full.train.targets]);
    tf.dispose([...full.test.inputs, full.test.labels, full.test.targets]);
  }
}

interface FullBatches {
  train: ModelBatch;
  test: ModelBatch;
}

function fullBatches(session: Session): FullBatches {
  const { dataset, model } = session;
  return { train: model.batch(dataset, dataset.train), test: model.batch(dataset, dataset.test) };
}

/**
 * One optimizer update: gradients of the cross-entropy on `batch` with respect to `trainable`,
 * then an AdamW step with learning rate `lr`. Returns the loss before the update (the caller
 * disposes it; reading it forces a sync, so the loop does not).
 */
export function trainStep(
  session: Session,
  batch: ModelBatch,
  trainable: tf.Variable[],
  lr: number,
): tf.Scalar {
  const { value, grads } = tf.variableGrads(() => lossOf(session, batch), trainable);
  session.optimizer.apply(
    trainable.map((v) => grads[v.name]),
    lr,
  );
  tf.dispose(Object.values(grads));
  return value;
}

function lossOf(session: Session, batch: ModelBatch): tf.Scalar {
  return crossEntropy(session.model.forward(batch).logits, batch.targets);
}

/** Returns, for an update index, the batch to train on and how to release it. */
function batchSource(
  session: Session,
  fullTrain: ModelBatch,
): (k: number) => { batch: ModelBatch; release: () => void } {
  const { dataset, model, config } = session;
  const size = config.train.batchSize;
  if (size === 'full' || size >= dataset.train.length) {
    return () => ({ batch: fullTrain, release: () => undefined });
  }
  let cached: { epoch: number; order: Int32Array } | undefined;
  const epochOrder = (epoch: number): Int32Array => {
    if (cached?.epoch !== epoch) {
      const rng = createRng(session.seeds.batches, streams.batches * 1_000_003 + epoch);
      cached = { epoch, order: permutation(dataset.train.length, rng) };
    }
    return cached.order;
  };
  return (k) => {
    const batch = model.batch(dataset, minibatchIndices(dataset.train, size, k, epochOrder));
    return { batch, release: () => tf.dispose([...batch.inputs, batch.labels, batch.targets]) };
  };
}

/** Loss and accuracy on the full train and test sets. */
export function evaluate(session: Session, full: FullBatches, step: number): StepMetrics {
  const stacked = tf.tidy(() => {
    const out: tf.Scalar[] = [];
    for (const b of [full.train, full.test]) {
      const { logits } = session.model.forward(b);
      out.push(crossEntropy(logits, b.targets), accuracy(logits, b.labels));
    }
    return tf.stack(out);
  });
  const [trainLoss, trainAcc, testLoss, testAcc] = stacked.dataSync();
  stacked.dispose();
  const lr = learningRate(session.config.train, Math.max(0, step - 1));
  return { step, lr, trainLoss, trainAcc, testLoss, testAcc };
}
