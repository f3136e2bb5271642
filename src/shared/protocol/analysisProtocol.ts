/**
 * Analysis requests the worker serves (computations the extension host must not do itself).
 * Each analysis adds its request here and its handler in src/worker/analysisHandlers.ts.
 */
import type { CheckpointSummary, EmbeddingTrajectoryResult } from '../embeddingResults';

export type AnalysisRequests = {
  /**
   * The run's token embedding at every checkpoint, projected onto its top-k PCs and aligned
   * across steps, with the task's per-token labels. Errors: `bad-run` (unreadable run.json).
   */
  'analysis/embeddingTrajectory': {
    params: { runDir: string; k?: 2 | 3 };
    result: EmbeddingTrajectoryResult;
  };
  /**
   * Tensors of any safetensors file (name, dtype, shape, statistics, histogram) and a 2-D PCA
   * of its embedding matrix if it has one. Errors: `bad-file` (unreadable or not safetensors).
   */
  'checkpoint/summary': { params: { file: string }; result: CheckpointSummary };
};
