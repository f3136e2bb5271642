/** Builders of embedding-trajectory and checkpoint-summary results for webview tests. */
import type {
  CheckpointSummary,
  EmbeddingTrajectoryResult,
  Histogram,
  TensorStats,
} from '../../src/shared/embeddingResults';

/** A trajectory of `steps` checkpoints, 4 tokens in 2-D, with token and residue labels. */
export function aTrajectory(
  steps: number[] = [0, 10, 20, 30],
  k: 2 | 3 = 2,
): EmbeddingTrajectoryResult {
  const coords = (t: number, i: number): number[] =>
    Array.from({ length: k }, (_, c) => (c === 0 ? t + i : i - c));
  return {
    runDir: '/runs/exp/r1',
    runId: 'r1',
    experiment: 'exp',
    task: 'remainder equivalence mod 2 over 4 tokens',
    tensor: 'embedding.weight',
    k,
    steps,
    points: steps.map((_, t) => [0, 1, 2, 3].map((i) => coords(t, i))),
    explained: steps.map(() => (k === 2 ? [0.6, 0.3] : [0.5, 0.3, 0.1])),
    tokens: [0, 1, 2, 3],
    labels: { token: [0, 1, 2, 3], residue: [0, 1, 0, 1] },
    metrics: steps.map((step) => ({ step, trainAcc: 0.5, testAcc: 0.25 })),
    skipped: [],
  };
}

/** A checkpoint summary with an embedding, a weight with a NaN, and optimizer state. */
export function aCheckpointSummary(): CheckpointSummary {
  const stats = (count: number, mean: number, nonFinite = 0): TensorStats => ({
    count,
    nonFinite,
    norm: Math.sqrt(count) * Math.abs(mean),
    mean,
    std: 0.5,
    min: mean - 1,
    max: mean + 1,
  });
  const hist = (lo: number, hi: number): Histogram => ({ lo, hi, counts: [1, 2, 3, 2] });
  return {
    file: '/runs/exp/r1/checkpoints/step-000030.safetensors',
    bytes: 3000,
    metadata: { format: 'replens-checkpoint-1', step: '30', runId: 'r1', configHash: 'abc' },
    replens: { step: 30, runId: 'r1', configHash: 'abc' },
    tensors: [
      {
        name: 'layers.0.weight',
        dtype: 'F32',
        shape: [4, 3],
        stats: stats(12, 0.25, 1),
        histogram: hist(-1, 1),
      },
      {
        name: 'embedding.weight',
        dtype: 'F32',
        shape: [4, 3],
        stats: stats(12, 0.000012345),
        histogram: hist(0, 4),
      },
      {
        name: 'optimizer.exp_avg.embedding.weight',
        dtype: 'F32',
        shape: [4, 3],
        stats: stats(12, 0),
        histogram: hist(0, 1),
      },
    ],
    parameters: 24,
    projection: {
      tensor: 'embedding.weight',
      rows: 4,
      cols: 3,
      tokens: [0, 1, 2, 3],
      points: [
        [1, 0],
        [0, 1],
        [-1, 0],
        [0, -1],
      ],
      explained: [0.5, 0.25],
      fittedOn: 4,
    },
  };
}
