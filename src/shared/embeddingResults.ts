/**
 * Results of the embedding-trajectory and checkpoint-summary analyses, as plain JSON-safe data.
 * The worker computes them; the host forwards them unchanged to the embedding panel and the
 * checkpoint editor.
 */

/** Statistics over the finite values of a tensor. */
export interface TensorStats {
  /** Number of values. */
  count: number;
  /** Values that are NaN or infinite (excluded from every statistic below). */
  nonFinite: number;
  /** Euclidean (Frobenius) norm √Σv². */
  norm: number;
  mean: number;
  /** Population standard deviation √(Σ(v − mean)² / count). */
  std: number;
  /** Smallest and largest finite value; 0 when there is none. */
  min: number;
  max: number;
}

/** Equal-width bins over [lo, hi]: bin i covers [lo + i·w, lo + (i+1)·w), the last one closed. */
export interface Histogram {
  lo: number;
  hi: number;
  counts: number[];
}

/** Aligned PCA projections of a run's token embedding at every checkpoint. */
export interface EmbeddingTrajectoryResult {
  runDir: string;
  runId: string;
  experiment: string;
  /** One-line task description (e.g. "modular addition mod 59"); empty if unknown. */
  task: string;
  /** Name of the projected tensor (`embedding.weight`). */
  tensor: string;
  /** Coordinates per point (2 or 3). */
  k: number;
  /** Checkpoint steps, ascending. */
  steps: number[];
  /** points[t][token] = the token's aligned coordinates [k] at steps[t]. */
  points: number[][][];
  /** explained[t] = explained variance ratio of each of the k PCs at steps[t]. */
  explained: number[][];
  /** Token ids, one per row of the embedding. */
  tokens: number[];
  /** Per-token labels from the task (label name → value per token), e.g. residue, bit0. */
  labels: Record<string, number[]>;
  /** Last metrics line at or before each step (null when none was logged). */
  metrics: ({ step: number; trainAcc: number; testAcc: number } | null)[];
  /** Checkpoints that could not be read, with the reason. */
  skipped: { step: number; reason: string }[];
}

/** One tensor of a safetensors file. `stats`/`histogram` are absent when it has no values. */
export interface TensorSummary {
  name: string;
  /** safetensors dtype code (F32, BF16, I64, …). */
  dtype: string;
  shape: number[];
  stats: TensorStats;
  histogram: Histogram;
}

/** 2-D PCA projection of an embedding-like matrix found in a checkpoint. */
export interface ProjectionSummary {
  /** Tensor that was projected ([rows, cols]). */
  tensor: string;
  rows: number;
  cols: number;
  /** Row index of each point shown (all rows, or an even subsample of large matrices). */
  tokens: number[];
  /** points[i] = [pc1, pc2] of row tokens[i]. */
  points: number[][];
  /** Explained variance ratio of the two PCs. */
  explained: number[];
  /** Rows the PCA was fitted on (an even subsample when the matrix is large). */
  fittedOn: number;
}

/** Everything the checkpoint editor shows about one safetensors file. */
export interface CheckpointSummary {
  file: string;
  /** File size in bytes. */
  bytes: number;
  metadata: Record<string, string>;
  /** Set when the metadata marks a Replens checkpoint. */
  replens?: { step: number; runId: string; configHash: string };
  tensors: TensorSummary[];
  /** Number of values over all tensors except optimizer state. */
  parameters: number;
  projection?: ProjectionSummary;
  /** Why there is no projection (absent when there is one). */
  projectionNote?: string;
}
