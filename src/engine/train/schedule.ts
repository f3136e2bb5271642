/** Step schedules: learning rate and checkpoint steps. */
import type { ExperimentConfig, TrainConfig } from '../../shared/experimentConfig';

/** Learning rate of the update that moves the model from step `k` to step `k + 1`. */
export function learningRate(train: TrainConfig, k: number): number {
  const peak = train.optimizer.lr;
  const s = train.lrSchedule;
  switch (s.kind) {
    case 'constant':
      return peak;
    case 'warmup':
      return peak * Math.min(1, (k + 1) / s.warmupSteps);
    case 'inverse-sqrt': {
      // Step numbers start at 1: linear to the peak at `warmupSteps`, then peak·√(warmup/step).
      const t = k + 1;
      return peak * Math.min(t / s.warmupSteps, Math.sqrt(s.warmupSteps / t));
    }
  }
}

/**
 * Steps at which a checkpoint is saved: 0, the last step, every `every` steps, and `logSpaced`
 * steps spaced evenly in log(step) between 1 and the last step. Sorted, unique.
 */
export function checkpointSteps(total: number, c: ExperimentConfig['checkpoints']): number[] {
  const steps = new Set<number>([0, total]);
  if (c.every !== null) {
    for (let s = c.every; s < total; s += c.every) {
      steps.add(s);
    }
  }
  const n = Math.min(c.logSpaced, total);
  for (let i = 0; i < n; i++) {
    const t = n === 1 ? 1 : i / (n - 1);
    steps.add(Math.round(Math.exp(t * Math.log(total))));
  }
  return [...steps].sort((a, b) => a - b);
}

/**
 * Example indices of minibatch number `k` (0-based update index). Each epoch is a fresh seeded
 * permutation of the training set, so any step's batch is computed without replaying earlier
 * ones, which keeps resumed runs identical to uninterrupted ones.
 */
export function minibatchIndices(
  train: Int32Array,
  batchSize: number,
  k: number,
  epochOrder: (epoch: number) => Int32Array,
): Int32Array {
  const perEpoch = Math.ceil(train.length / batchSize);
  const epoch = Math.floor(k / perEpoch);
  const start = (k % perEpoch) * batchSize;
  const order = epochOrder(epoch);
  return Int32Array.from(
    order.subarray(start, Math.min(start + batchSize, order.length)),
    (j) => train[j],
  );
}
