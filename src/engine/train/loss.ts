/** Cross-entropy and accuracy from logits. */
import * as tf from '@tensorflow/tfjs-core';

/**
 * Mean cross-entropy −Σ y·log softmax(z) over the batch, written as z − logsumexp(z) with
 * primitive ops so it stays twice differentiable.
 * @param logits [B, C]; @param targets one-hot [B, C] float32.
 */
export function crossEntropy(logits: tf.Tensor2D, targets: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const logp = tf.logSoftmax(logits);
    return tf.neg(tf.mean<tf.Scalar>(tf.sum(tf.mul(targets, logp), 1)));
  });
}

/** Fraction of rows whose argmax equals the label. @param labels int32 [B]. */
export function accuracy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32')));
}
