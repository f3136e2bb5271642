/** Checkpoint contents as plain data, shared by the engine (producer) and storage (writer). */

/** A named float32 tensor as plain data (row-major). */
export interface TensorData {
  shape: number[];
  data: Float32Array;
}

/** Everything needed to continue training from a step. */
export interface CheckpointData {
  step: number;
  /** Parameters (PyTorch layout) and optimizer moments (`optimizer.exp_avg.<param>` …). */
  tensors: Map<string, TensorData>;
  /** Updates the optimizer has applied (its bias-correction t). */
  optimizerStep: number;
}

/** Name prefixes of the AdamW moments inside a checkpoint. */
export const optimizerPrefixes = {
  expAvg: 'optimizer.exp_avg.',
  expAvgSq: 'optimizer.exp_avg_sq.',
} as const;
