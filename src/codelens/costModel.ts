/**
 * What a config costs before it runs: dataset sizes, parameter count, multiply-add work per step
 * and an estimated training time. Pure, for the code-lens preview line.
 *
 * Time = steps × (fixed per-step cost + FLOPs × ms/GFLOP) + evaluations × (their FLOPs + a fixed
 * cost) + checkpoints × a fixed cost. The constants (see `backendCosts`) come from
 * `npm run bench:train-step` (bench/train-step/README.md, 2-vCPU AMD EPYC, Node 20, tfjs 4.22):
 * one full-batch step of examples/modular-addition.replens.json (p = 59, 2785 training pairs,
 * d = 128 concatenated, MLP 256→100→100→59, 0.69 GFLOP of matrix products) takes 28.0 ms on wasm
 * and 957 ms on the cpu backend; and from timing `replens run` of small configs (p = 13, d = 16,
 * MLP 32) against that one: about 0.5 ms per step that FLOPs do not explain, 1 ms per logged
 * evaluation and 5 ms per checkpoint on wasm. Mid-sized layers run below the large-layer FLOP
 * rate, so expect up to 2× more there. tfjs-node could not be measured; its constants assume
 * native BLAS at PyTorch's 10.5 ms for the benchmark step. Worker start-up is not counted.
 */
import type { ExperimentConfig } from '../shared/experimentConfig';
import { type TaskSize, taskSize } from '../shared/taskSizes';
import { macsPerExample, parameterCount } from '../shared/modelCost';

export { parameterCount };

/** Backends the estimate knows; `auto` is resolved by the caller. */
export type EstimateBackend = 'node' | 'wasm' | 'cpu';

/** Time constants of one backend, in milliseconds. */
export interface BackendCost {
  /** Per GFLOP of matrix products. */
  perGflop: number;
  /** Per optimizer step, besides its products (small ops, AdamW, dispatch). */
  perStep: number;
  /** Per logged evaluation, besides its products (metrics to the host and to disk). */
  perEval: number;
  /** Per checkpoint written. */
  perCheckpoint: number;
}

const benchGflop = 0.6935;

/** Measured (wasm, cpu) and assumed (node) constants; see the file comment. */
export const backendCosts: Readonly<Record<EstimateBackend, BackendCost>> = {
  wasm: { perGflop: (28.0 - 0.5) / benchGflop, perStep: 0.5, perEval: 1, perCheckpoint: 5 },
  cpu: { perGflop: (957 - 3) / benchGflop, perStep: 3, perEval: 3, perCheckpoint: 5 },
  node: { perGflop: (10.5 - 0.5) / benchGflop, perStep: 0.5, perEval: 1, perCheckpoint: 5 },
};

/** Sizes, parameters and cost of one config. */
export interface ConfigCost {
  size: TaskSize;
  parameters: number;
  /** GFLOP of one optimizer step (forward and backward products). */
  gflopPerStep: number;
  /** Estimated training time in seconds on the given backend. */
  seconds: number;
}

/** Parameter count, work per step and estimated time of a (valid, resolved) config. */
export function configCost(config: ExperimentConfig, backend: EstimateBackend): ConfigCost {
  const size = taskSize(config.task);
  const macs = macsPerExample(config.model, size);
  const rows = size.train + (size.extraRows ?? 0);
  const batch = config.train.batchSize === 'full' ? rows : config.train.batchSize;
  const { steps, logEvery } = config.train;
  // Training: forward, input gradient and weight gradient are one product each (2 FLOP per MAC).
  const gflopPerStep = (6 * Math.min(batch, rows) * macs) / 1e9;
  // Logging evaluates the forward pass on every example.
  const evalGflop = (2 * size.examples * macs) / 1e9;
  const c = backendCosts[backend];
  const ms =
    steps * (c.perStep + gflopPerStep * c.perGflop) +
    Math.floor(steps / logEvery) * (c.perEval + evalGflop * c.perGflop) +
    checkpointCount(config) * c.perCheckpoint;
  return {
    size,
    parameters: parameterCount(config.model, size.vocab, size.classes),
    gflopPerStep,
    seconds: ms / 1000,
  };
}

/** Checkpoints a run writes: the stride, the log-spaced ones, step 0 and the last step. */
function checkpointCount(config: ExperimentConfig): number {
  const { every, logSpaced } = config.checkpoints;
  return (every === null ? 0 : Math.floor(config.train.steps / every)) + logSpaced + 2;
}

/** An estimated duration: `~12 s`, `~4 min`, `~1.5 h`; under a second is `<1 s`. */
export function formatEstimate(seconds: number): string {
  if (seconds < 1) {
    return '<1 s';
  }
  if (seconds < 90) {
    return `~${Math.round(seconds)} s`;
  }
  if (seconds < 90 * 60) {
    return `~${Math.round(seconds / 60)} min`;
  }
  return `~${(seconds / 3600).toFixed(1)} h`;
}

/** An integer with thousands separators: `1,693`. */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
