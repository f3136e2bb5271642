/**
 * Activations of a model's named layers on chosen examples, and its token embedding matrix, read
 * out of tfjs into float64 matrices (rows are examples or tokens) for the analyses.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Model, ModelBatch } from '../model/types';
import type { Dataset } from '../tasks/types';
import type { Float64Matrix } from './cka';

/** Activations of the layers (each [examples, width]) on the dataset's examples `indices`. */
export function captureLayers(
  model: Model,
  dataset: Dataset,
  indices: Int32Array,
  layers: readonly string[],
): Map<string, Float64Matrix> {
  const batch = model.batch(dataset, indices);
  try {
    const { activations, logits } = model.forward(batch, layers);
    const out = new Map<string, Float64Matrix>();
    for (const name of layers) {
      const t = activations.get(name);
      if (t !== undefined) {
        out.set(name, toFloat64(t));
      }
    }
    tf.dispose([logits, ...activations.values()]);
    return out;
  } finally {
    disposeBatch(batch);
  }
}

/** The token embedding matrix [vocab, d] (`embedding.weight`), or undefined without one. */
export function embeddingMatrix(model: Model): Float64Matrix | undefined {
  const p = model.params.find((q) => q.name === 'embedding.weight');
  return p === undefined ? undefined : toFloat64(p.variable);
}

/** A 1-D or 2-D tensor as a float64 row-major matrix. */
export function toFloat64(t: tf.Tensor): Float64Matrix {
  const [rows, cols] = t.shape;
  return { rows, cols: cols ?? 1, data: Float64Array.from(t.dataSync()) };
}

/** Frees a batch's tensors. */
export function disposeBatch(b: ModelBatch): void {
  tf.dispose([...b.inputs, b.labels, b.targets, ...(b.weights ? [b.weights] : [])]);
}
