/** The model interface the training loop, checkpoints and analyses rely on. */
import type * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '../tasks/types';

/** A named parameter. Names are stable: they key checkpoints and optimizer state. */
export interface Parameter {
  name: string;
  variable: tf.Variable;
  trainable: boolean;
  /**
   * True for linear weights held as [in, out] in memory (so x·W needs no transpose) and stored
   * as [out, in] in checkpoints, which is PyTorch's nn.Linear layout.
   */
  storedTransposed: boolean;
}

/**
 * Model inputs for a set of examples, as tensors owned by the caller. Rows are examples for pair
 * tasks and (example, position) pairs, flattened, for sequence tasks.
 */
export interface ModelBatch {
  inputs: tf.Tensor[];
  /** Integer class labels [R] (display only when `multiLabel`). */
  labels: tf.Tensor1D;
  /** One-hot labels [R, classes] as float32, used by the loss; multi-hot when `multiLabel`. */
  targets: tf.Tensor2D;
  /**
   * Set for multi-label tasks: every class is an independent yes/no output (sigmoid), trained
   * with binary cross-entropy and scored by balanced accuracy (see `batchLoss`).
   */
  multiLabel?: true;
  /**
   * Loss weight per row [R] (sequence tasks: 0 for PAD targets and prompt positions), normalised
   * so the loss is Σ w·ce; absent means the plain mean over rows.
   */
  weights?: tf.Tensor1D;
  /** Number of examples (sequences for sequence tasks). */
  size: number;
}

/** How `forward` runs: in training (dropout active, seeded per step) or evaluation (default). */
export interface ForwardMode {
  training: boolean;
  /** Seed of this step's dropout masks (training only). */
  seed: number;
}

/** A trainable network with named layers whose activations analyses can read. */
export interface Model {
  params: Parameter[];
  /** Names of the layers `forward` can capture, in order from input to output. */
  layerNames: readonly string[];
  /** Builds tensors for the given example indices of a dataset. */
  batch(dataset: Dataset, indices: Int32Array): ModelBatch;
  /**
   * Forward pass. Returns logits [R, classes] and the activations of the layers named in
   * `capture` (each [R, width]); all returned tensors belong to the caller (or an outer tidy).
   */
  forward(batch: ModelBatch, capture?: readonly string[], mode?: ForwardMode): ForwardResult;
}

export interface ForwardResult {
  logits: tf.Tensor2D;
  activations: Map<string, tf.Tensor2D>;
}

/** The activations a forward pass was asked to capture, and `keep` to record one by layer name. */
export function activationCapture(capture: readonly string[]): {
  activations: Map<string, tf.Tensor2D>;
  keep: (name: string, t: tf.Tensor2D) => void;
} {
  const activations = new Map<string, tf.Tensor2D>();
  const keep = (name: string, t: tf.Tensor2D): void => {
    if (capture.includes(name)) {
      activations.set(name, t);
    }
  };
  return { activations, keep };
}
