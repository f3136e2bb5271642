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

/** Model inputs for a set of examples, as tensors owned by the caller. */
export interface ModelBatch {
  inputs: tf.Tensor[];
  /** Integer class labels [B]. */
  labels: tf.Tensor1D;
  /** One-hot labels [B, classes] as float32, used by the loss. */
  targets: tf.Tensor2D;
  size: number;
}

/** A trainable network with named layers whose activations analyses can read. */
export interface Model {
  params: Parameter[];
  /** Names of the layers `forward` can capture, in order from input to output. */
  layerNames: readonly string[];
  /** Builds tensors for the given example indices of a dataset. */
  batch(dataset: Dataset, indices: Int32Array): ModelBatch;
  /**
   * Forward pass. Returns logits [B, classes] and the activations of the layers named in
   * `capture` (each [B, width]); all returned tensors belong to the caller (or an outer tidy).
   */
  forward(batch: ModelBatch, capture?: readonly string[]): ForwardResult;
}

export interface ForwardResult {
  logits: tf.Tensor2D;
  activations: Map<string, tf.Tensor2D>;
}
