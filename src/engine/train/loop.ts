/**
 * The training loop: a custom AdamW loop (not `model.fit`) because parameters, optimizer state and
 * checkpoints must be ours to save and restore exactly. It yields events; the caller decides what
 * to store. Cancellation is checked between steps through an AbortSignal.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng, permutation, streams } from '../rng';
import type { ModelBatch } from '../model/types';
import { batchAccuracy, batchLoss } from './loss';
import { checkpointSteps, learningRate, minibatchIndices } from './schedule';
import { type CheckpointData, type Session, captureCheckpoint } from './session';
import type { StepMetricsRecord } from '../../shared/runResult';

/** Train and test loss and accuracy of the model at a step (after `step` updates). */
export type StepMetrics = StepMetricsRecord;

export type TrainEvent =
  | { type: 'metrics'; metrics: StepMetrics }
  | { type: 'checkpoint'; checkpoint: CheckpointData }
  | { type: 'progress'; step: number; total: number }
  | {
      type: 'end';
      step: number;
      status: 'done' | 'cancelled';
      final: StepMetrics;
      /** Set when early stopping ended training before `train.steps`. */
      earlyStop?: EarlyStopState;
    };

/** The best validation (test) loss seen and when; drives early stopping. */
export interface EarlyStopState {
  bestStep: number;
  bestTestLoss: number;
  /** Evaluations since the best one. */
  since: number;
}

export interface TrainOptions {
  /** Step the session's state corresponds to (0 for a fresh model, else the restored checkpoint). */
  fromStep: number;
  signal?: AbortSignal;
  /** Minimum milliseconds between `progress` events. */
  progressIntervalMs?: number;
  /** Metrics logged before `fromStep` (a resumed run), so early stopping continues where it was. */
  history?: readonly StepMetrics[];
}

/** Runs training from `fromStep` to `config.train.steps`, yielding metrics and checkpoints. */
export async function* train(session: Session, opts: TrainOptions): AsyncGenerator<TrainEvent> {
  const { config, model } = session;
  const total = config.train.steps;
  const saveAt = new Set(checkpointSteps(total, config.checkpoints));
  const full = fullBatches(session);
  const batchFor = batchSource(session, full.fit);
  const trainable = model.params.filter((p) => p.trainable).map((p) => p.variable);
  const stopper = earlyStopper(config.train.earlyStopping, opts.history ?? [], opts.fromStep);
  let lastYield = Date.now();
  let step = opts.fromStep;
  let saved = -1;
  let stopped = false;
  try {
    if (step === 0) {
      yield { type: 'metrics', metrics: evaluate(session, full, 0) };
      yield { type: 'checkpoint', checkpoint: captureCheckpoint(session, 0) };
      saved = 0;
    }
    while (step < total && !stopped && opts.signal?.aborted !== true) {
      const lr = learningRate(config.train, step);
      const batch = batchFor(step);
      tf.dispose(trainStep(session, batch.batch, trainable, lr, step));
      batch.release();
      step += 1;
      if (step % config.train.logEvery === 0 || step === total) {
        const metrics = evaluate(session, full, step);
        stopped = stopper?.observe(metrics) ?? false;
        yield { type: 'metrics', metrics };
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
      // Cancelled or stopped early between scheduled checkpoints: keep the latest state.
      yield { type: 'checkpoint', checkpoint: captureCheckpoint(session, step) };
    }
    const status = step >= total || stopped ? 'done' : 'cancelled';
    yield { type: 'end', step, status, final, earlyStop: stopped ? stopper?.state : undefined };
  } finally {
    disposeBatches(full);
  }
}

/**
 * Early stopping on the validation (test) loss: `observe` returns true once `patience`
 * evaluations in a row brought no new best. Seeded from the metrics logged before a resume.
 */
function earlyStopper(
  settings: Session['config']['train']['earlyStopping'],
  history: readonly StepMetrics[],
  fromStep: number,
): { state: EarlyStopState; observe(m: StepMetrics): boolean } | undefined {
  if (settings === null) {
    return undefined;
  }
  const state: EarlyStopState = { bestStep: 0, bestTestLoss: Number.POSITIVE_INFINITY, since: 0 };
  const observe = (m: StepMetrics): boolean => {
    if (m.testLoss < state.bestTestLoss) {
      Object.assign(state, { bestStep: m.step, bestTestLoss: m.testLoss, since: 0 });
    } else {
      state.since += 1;
    }
    return state.since >= settings.patience;
  };
  for (const m of history) {
    if (m.step > 0 && m.step <= fromStep) {
      observe(m);
    }
  }
  return { state, observe };
}

interface FullBatches {
  /** What a full-batch step trains on: the training examples plus any extra sequences. */
  fit: ModelBatch;
  /** The training examples alone (evaluated as the train metrics). */
  train: ModelBatch;
  test: ModelBatch;
}

function fullBatches(session: Session): FullBatches {
  const { dataset, model } = session;
  const train = model.batch(dataset, dataset.train);
  const test = model.batch(dataset, dataset.test);
  const extra = dataset.kind === 'sequences' ? dataset.extra : new Int32Array(0);
  if (extra.length === 0) {
    return { fit: train, train, test };
  }
  return { fit: model.batch(dataset, fitIndices(session)), train, test };
}

/** Indices a step draws from: the training examples, then the extra sequences. */
function fitIndices(session: Session): Int32Array {
  const { dataset } = session;
  if (dataset.kind !== 'sequences' || dataset.extra.length === 0) {
    return dataset.train;
  }
  const out = new Int32Array(dataset.train.length + dataset.extra.length);
  out.set(dataset.train);
  out.set(dataset.extra, dataset.train.length);
  return out;
}

function disposeBatches(full: FullBatches): void {
  const all = new Set([full.fit, full.train, full.test]);
  for (const b of all) {
    tf.dispose([...b.inputs, b.labels, b.targets, ...(b.weights ? [b.weights] : [])]);
  }
}

/**
 * One optimizer update: gradients of the loss on `batch` (`batchLoss`) with respect to
 * `trainable`, then an AdamW step with learning rate `lr`. Returns the loss before the update (the caller
 * disposes it; reading it forces a sync, so the loop does not).
 */
export function trainStep(
  session: Session,
  batch: ModelBatch,
  trainable: tf.Variable[],
  lr: number,
  step = 0,
): tf.Scalar {
  const { value, grads } = tf.variableGrads(() => lossOf(session, batch, step), trainable);
  session.optimizer.apply(
    trainable.map((v) => grads[v.name]),
    lr,
  );
  tf.dispose(Object.values(grads));
  return value;
}

/** Training loss of a batch; dropout masks are seeded by the batch seed and the step. */
function lossOf(session: Session, batch: ModelBatch, step: number): tf.Scalar {
  const mode = { training: true, seed: dropoutSeed(session.seeds.batches, step) };
  const { logits } = session.model.forward(batch, [], mode);
  return batchLoss(logits, batch);
}

/** A 31-bit seed per (seed, step), so a resumed run draws the same dropout masks. */
function dropoutSeed(seed: number, step: number): number {
  return createRng(seed, streams.batches * 7919 + step).int(2 ** 31);
}

/** Returns, for an update index, the batch to train on and how to release it. */
function batchSource(
  session: Session,
  fullTrain: ModelBatch,
): (k: number) => { batch: ModelBatch; release: () => void } {
  const { dataset, model, config } = session;
  const size = config.train.batchSize;
  const pool = fitIndices(session);
  if (size === 'full' || size >= pool.length) {
    return () => ({ batch: fullTrain, release: () => undefined });
  }
  let cached: { epoch: number; order: Int32Array } | undefined;
  const epochOrder = (epoch: number): Int32Array => {
    if (cached?.epoch !== epoch) {
      const rng = createRng(session.seeds.batches, streams.batches * 1_000_003 + epoch);
      cached = { epoch, order: permutation(pool.length, rng) };
    }
    return cached.order;
  };
  return (k) => {
    const batch = model.batch(dataset, minibatchIndices(pool, size, k, epochOrder));
    const tensors = [...batch.inputs, batch.labels, batch.targets];
    return {
      batch,
      release: () => tf.dispose(batch.weights ? [...tensors, batch.weights] : tensors),
    };
  };
}

/**
 * Loss and accuracy on the full train and test sets (for multi-label tasks binary cross-entropy
 * and balanced accuracy).
 */
export function evaluate(session: Session, full: FullBatches, step: number): StepMetrics {
  const stacked = tf.tidy(() => {
    const out: tf.Scalar[] = [];
    for (const b of [full.train, full.test]) {
      const { logits } = session.model.forward(b);
      out.push(batchLoss(logits, b), batchAccuracy(logits, b));
    }
    return tf.stack(out);
  });
  const [trainLoss, trainAcc, testLoss, testAcc] = stacked.dataSync();
  stacked.dispose();
  const lr = learningRate(session.config.train, Math.max(0, step - 1));
  return { step, lr, trainLoss, trainAcc, testLoss, testAcc };
}
