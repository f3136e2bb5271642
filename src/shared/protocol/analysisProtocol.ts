/**
 * Analysis requests the worker serves (computations the extension host must not do itself).
 * Each analysis adds its request here and its handler in src/worker/analysisHandlers.ts.
 */
import type { InitialCompleteness, SweepCompleteness } from '../completenessResults';
import type { ExtrapolationComparison } from '../extrapolationResults';
import type { HessianResult, PolcaFeatures, PolcaResult } from '../polcaResults';
import type {
  CkaEstimator,
  CkaRunsComparison,
  RunCkaLayers,
  StarvationResult,
  StitchingResult,
} from '../universalityResults';
import type {
  CheckpointSummary,
  EmbeddingProjectionRequest,
  EmbeddingTrajectoryResult,
} from '../embeddingResults';

/** Which [p, d] matrix of an external folder a study reads, and its p. */
export interface ExternalEmbeddingChoice {
  layer?: string;
  p?: number;
}

export type AnalysisRequests = {
  /**
   * The run's token embedding at every checkpoint with the task's per-token labels, projected
   * with `projection` (default: the task's own, see `EmbeddingProjectionRequest`): onto each
   * checkpoint's top-k PCs aligned across steps (`pca`), or onto axes fixed from the last
   * checkpoint (`fourier`, `walsh`, `line`). `k` (default 2) is the number of coordinates of pca
   * and line, and of masks of a walsh projection without `masks`. `runDir` may be an external
   * folder: `layer` then names the layer or weight matrix (default: its only or "embed" one).
   * Errors: `bad-run` (unreadable run.json or external folder), `bad-projection` (a projection the
   * task lacks, or a frequency or mask out of range).
   */
  'analysis/embeddingTrajectory': {
    params: {
      runDir: string;
      k?: 2 | 3;
      projection?: EmbeddingProjectionRequest;
      layer?: string;
    };
    result: EmbeddingTrajectoryResult;
  };
  /**
   * Tensors of any safetensors file, or arrays of a NumPy `.npy` / `.npz` file (name, dtype,
   * shape, statistics, histogram) and a 2-D PCA of its embedding matrix if it has one. Errors:
   * `bad-file` (unreadable, or not safetensors / npy / npz).
   */
  'checkpoint/summary': { params: { file: string }; result: CheckpointSummary };
  /**
   * The completeness study of a run or a sweep folder (every finished run in it): candidates'
   * initial completeness, the final representation at `step` (default: each run's last
   * checkpoint), the prediction test and, for sweeps, survival / dimension / perturbation
   * summaries. Cached in each run's `analyses/`. `source` may be an external folder: the study of
   * its `external.layer` (a [p, d] matrix) between its first step and `step`, as modular addition
   * mod `external.p` (default: the layer's rows). Errors: `bad-run` (not a run, sweep or external
   * folder, or a task without a completeness analysis).
   */
  'analysis/completeness': {
    params: { source: string; step?: number; external?: ExternalEmbeddingChoice };
    result: SweepCompleteness;
  };
  /**
   * Completeness of the initial embedding a config would train from (no training): the step-0
   * preview. `configText` is the document text (it may be unsaved); `configPath` names it in
   * errors. Errors: `bad-config` (invalid config or a task without a completeness analysis).
   */
  'analysis/initialCompleteness': {
    params: { configPath: string; configText: string };
    result: InitialCompleteness;
  };
  /**
   * The rule-extrapolation analysis of runs (folders of formal-language runs, or sweep folders:
   * every finished run in them): per checkpoint the teacher-forced validation loss and the greedy
   * completions of ID and OOD prompts, the best-validation checkpoint, sample completions, and a
   * summary per training variant. Cached per run in `analyses/`. Errors: `bad-run`.
   */
  'analysis/extrapolation': {
    params: { sources: string[] };
    result: ExtrapolationComparison;
  };
  /**
   * Runs found under run or sweep folders, for pickers in analysis views (finished or not).
   * Errors: `bad-run` (a folder that is neither).
   */
  'analysis/runs': {
    params: { sources: string[] };
    result: { runs: RunListing[]; sweeps: string[] };
  };
  /**
   * CKA between the layers of a run at every checkpoint (with each layer's 2-D projection), on
   * up to `maxExamples` (default 1000) examples of the split. Cached in the run's `analyses/`.
   * Errors: `bad-run`.
   */
  'analysis/ckaLayers': {
    params: { runDir: string; options?: CkaRequestOptions };
    result: RunCkaLayers;
  };
  /**
   * CKA between runs (every finished run under `sources`) at one layer (default `embedding`),
   * each at its last checkpoint. Errors: `bad-run` (no two comparable runs).
   */
  'analysis/ckaRuns': {
    params: { sources: string[]; layer?: string; options?: CkaRequestOptions };
    result: CkaRunsComparison;
  };
  /**
   * Stitching between two runs in both directions over all layer pairs, with the controls.
   * Cached in the source run's `analyses/`. Errors: `bad-run` (runs of different tasks).
   */
  'analysis/stitching': {
    params: { from: string; to: string; options?: StitchingRequestOptions };
    result: StitchingResult;
  };
  /** The starvation summary of a sweep folder. Errors: `bad-run` (not a sweep). */
  'analysis/starvation': {
    params: { source: string; options?: StarvationRequestOptions };
    result: StarvationResult;
  };
  /**
   * Top Hessian eigenvalues of a run at each checkpoint (Lanczos). Cached in the run's
   * `analyses/`. Errors: `bad-run`.
   */
  'analysis/hessian': {
    params: { runDir: string; options?: HessianRequestOptions };
    result: HessianResult;
  };
  /**
   * POLCA of a run: the sequential Hessian basis, per-token loss-change allocation, clusters per
   * output token against the skill labels, with the loss baseline and the basis controls. Cached
   * in the run's `analyses/`. Errors: `bad-run` (no skill labels, no checkpoints).
   */
  'analysis/polca': {
    params: { runDir: string; options?: PolcaRequestOptions };
    result: PolcaResult;
  };
};

/** Options of the Hessian request (all optional). */
export interface HessianRequestOptions {
  k?: number;
  iterations?: number;
  /** Training examples (sequences) of the Hessian loss. */
  examples?: number;
  seed?: number;
}

/** Options of the POLCA request (all optional). */
export interface PolcaRequestOptions extends HessianRequestOptions {
  /** Checkpoints used at most (evenly over the run's list). */
  checkpoints?: number;
  /** Analysis sequences (from the test split). */
  analysisExamples?: number;
  allocation?: 'taylor' | 'path';
  /** Skill label to score against (default carryIn). */
  skill?: string;
  /** Skip the random and single-checkpoint controls. */
  noControls?: boolean;
  /** Output-token groups with fewer analysed tokens are not clustered (default 20). */
  minGroup?: number;
  /** What the clusterer sees of each trajectory (default increments). */
  features?: PolcaFeatures;
}

/** Options of the CKA requests (all optional). */
export interface CkaRequestOptions {
  estimator?: CkaEstimator;
  rbfThreshold?: number;
  permutations?: number;
  maxExamples?: number;
  split?: 'train' | 'test' | 'all';
  seed?: number;
}

/** Options of the stitching request (all optional). */
export interface StitchingRequestOptions {
  epsilon?: number;
  steps?: number;
  /** Only the embedding layer pair (fast) instead of all layer pairs. */
  embeddingOnly?: boolean;
  seed?: number;
}

/** Options of the starvation request (all optional). */
export interface StarvationRequestOptions {
  /** Bridge steps of the cross-seed stitching (0 skips it). */
  stitchingSteps?: number;
}

/** One run found under a folder. */
export interface RunListing {
  runDir: string;
  runId: string;
  experiment: string;
  status: string;
  /** What distinguishes it within its sweep ("seed 2, width 64"), else the run id. */
  label: string;
  task: string;
  model: string;
  /** Whether it has at least one checkpoint. */
  checkpoints: number;
}
