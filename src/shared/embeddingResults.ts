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

/** How the embedding trajectory is projected (see `EmbeddingProjection`). */
export type EmbeddingProjectionKind = 'pca' | 'fourier' | 'walsh' | 'line';

/**
 * The projection a caller asks for; absent means the task's default (fourier for modular
 * addition, walsh for multi-digit XOR, line for remainder equivalence, pca otherwise).
 * `k` picks the circle frequency, `masks` the 2 or 3 Walsh masks (default: the strongest).
 */
export type EmbeddingProjectionRequest =
  | { kind: 'pca' }
  | { kind: 'fourier'; k?: number }
  | { kind: 'walsh'; masks?: number[] }
  | { kind: 'line' };

/** A frequency of a modular-addition embedding the fourier projection can use. */
export interface FrequencyChoice {
  /** Frequency 1..(p−1)/2. */
  k: number;
  /** S_k = ‖F_k‖ of the last checkpoint's embedding. */
  signal: number;
  /** Whether k is a final circle (S_k > 2·mean S) of the last checkpoint. */
  circle: boolean;
}

/** A Walsh mask of an XOR embedding the walsh projection can use. */
export interface MaskChoice {
  /** Mask s in 1..2^n−1. */
  mask: number;
  /** σ_s = ‖W_s‖ of the last checkpoint's embedding. */
  signal: number;
  /** Whether s is one of the final masks (the n strongest) of the last checkpoint. */
  final: boolean;
}

/** Label of each token's position on the circle of the fourier projection: x·k mod p. */
export const circlePositionLabel = 'x·k mod p';

/** What every projection description has. */
interface ProjectionBase {
  /** Title of each coordinate axis, e.g. "aligned PC 1", "Re F_7 (final)", "W_3". */
  axes: string[];
  /** The projections this run's task offers (always including `pca`). */
  available: EmbeddingProjectionKind[];
}

/**
 * The projection used. `pca`: each checkpoint on its own top PCs, aligned across steps.
 * The other kinds use axes fixed from the last checkpoint, the same for every step: `fourier`
 * the orthonormalised plane of frequency k, `walsh` the directions W_s/‖W_s‖ of the masks,
 * `line` the final residue line and the top remaining principal direction(s).
 */
export type EmbeddingProjection = ProjectionBase &
  (
    | { kind: 'pca' }
    | { kind: 'fourier'; k: number; p: number; frequencies: FrequencyChoice[] }
    | { kind: 'walsh'; masks: number[]; bits: number; choices: MaskChoice[] }
    | { kind: 'line'; m: number; order: number[] }
  );

/** Projections of a run's token embedding at every checkpoint (aligned PCA or fixed axes). */
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
  /** points[t][token] = the token's coordinates [k] at steps[t]. */
  points: number[][][];
  /**
   * explained[t][i] = share of the variance of steps[t]'s embedding along axis i: the explained
   * variance ratio of PC i (pca), or of the fixed axis i (other projections).
   */
  explained: number[][];
  /** Token ids, one per row of the embedding. */
  tokens: number[];
  /**
   * Per-token labels from the task (label name → value per token), e.g. residue, bit0; the
   * fourier projection adds `x·k mod p` (each token's position on the circle of frequency k).
   */
  labels: Record<string, number[]>;
  /** Last metrics line at or before each step (null when none was logged). */
  metrics: ({ step: number; trainAcc: number; testAcc: number } | null)[];
  /** Checkpoints that could not be read, with the reason. */
  skipped: { step: number; reason: string }[];
  /** The projection used (absent from results of older versions, which are always pca). */
  projection?: EmbeddingProjection;
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
