/**
 * Per-token losses: the cross-entropy of each counted row of a batch (a row is a token position
 * of a sequence; counted rows are those with positive loss weight, e.g. answer tokens), in
 * float64, evaluated at the model's current weights in evaluation mode.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Model, ModelBatch } from '../../model/types';

/** The rows of a batch that count in its loss (weight > 0; every row without weights). */
export function countedRows(batch: ModelBatch): Int32Array {
  const rows = batch.targets.shape[0];
  if (batch.weights === undefined) {
    return Int32Array.from({ length: rows }, (_, i) => i);
  }
  const w = batch.weights.dataSync();
  return Int32Array.from(w.keys()).filter((i) => w[i] > 0);
}

/** Cross-entropy logsumexp(z) − Σ y·z of each of `rows`, in their order. */
export function rowLosses(model: Model, batch: ModelBatch, rows: Int32Array): Float64Array {
  const losses = tf.tidy(() => {
    const z = model.forward(batch).logits;
    const lse = tf.logSumExp(z, 1);
    const all = tf.sub(lse, tf.sum(tf.mul(batch.targets, z), 1));
    return tf.gather(all, tf.tensor1d(rows, 'int32'));
  });
  const out = Float64Array.from(losses.dataSync());
  losses.dispose();
  return out;
}
