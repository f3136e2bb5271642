/** Helpers for generating with sequence models (transformer, LSTM). */
import * as tf from '@tensorflow/tfjs-core';
import type { Model, ModelBatch } from './types';

/**
 * A forward-only batch of token rows [count, width] for a sequence model: `forward` of the
 * sequence models reads only `inputs[0]`, so labels and targets are empty placeholders (no loss
 * can be computed from this batch). Tensors belong to the caller.
 */
export function tokenBatch(tokens: Int32Array, count: number, width: number): ModelBatch {
  if (count < 1 || width < 1 || tokens.length !== count * width) {
    throw new Error(`${tokens.length} tokens are not ${count} rows of ${width}`);
  }
  return {
    inputs: [tf.tensor2d(tokens, [count, width], 'int32')],
    labels: tf.tensor1d([], 'int32'),
    targets: tf.tensor2d([], [0, 0]),
    size: count,
  };
}

/**
 * Logits of the next token after each prefix, by a full evaluation-mode forward pass over the
 * prefixes. No incremental state is kept, so generating L tokens costs O(L²) positions.
 * @param tokens prefixes [count, width] row-major (usually starting with SOS).
 * @returns logits [count, vocab] row-major: the model's output at the last position of each row.
 */
export function nextTokenLogits(
  model: Model,
  tokens: Int32Array,
  count: number,
  width: number,
): Float32Array {
  const batch = tokenBatch(tokens, count, width);
  try {
    const last = tf.tidy(() => {
      const { logits } = model.forward(batch);
      const rows = Int32Array.from({ length: count }, (_, b) => b * width + width - 1);
      return tf.gather(logits, tf.tensor1d(rows, 'int32'));
    });
    const out = last.dataSync() as Float32Array;
    last.dispose();
    return out;
  } finally {
    tf.dispose([...batch.inputs, batch.labels, batch.targets]);
  }
}
