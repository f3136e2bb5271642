/** Cross-entropy and accuracy from logits. */
import * as tf from '@tensorflow/tfjs-core';

/**
 * Mean cross-entropy −Σ y·log softmax(z) over the batch, i.e. mean(logsumexp(z) − Σ y·z) for
 * targets whose rows sum to 1, with the gradient (softmax(z) − y)/B written out. With `weights`
 * [B] the loss is Σ w·ce instead (the weights carry their own normalisation: sequence tasks give
 * PAD targets weight 0) and the gradient (softmax(z) − y)·w.
 *
 * logsumexp(z) = max z − log max softmax(z) (the largest probability is 1/Σexp(z − max z) ≥ 1/C,
 * so the log never sees 0), which costs one Softmax kernel where log-softmax costs Exp kernels:
 * on wasm, Softmax is vectorised (XNNPACK) and Exp is about 5x slower. The gradient recomputes
 * softmax from the saved logits with ordinary ops, so a second derivative through it is taken
 * through those ops.
 * @param logits [B, C]; @param targets one-hot (or probability) rows [B, C] float32.
 */
export function crossEntropy(
  logits: tf.Tensor2D,
  targets: tf.Tensor2D,
  weights?: tf.Tensor1D,
): tf.Scalar {
  const batch = logits.shape[0];
  const ce = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [z, save] = args as [tf.Tensor2D, tf.GradSaveFunc];
    const lse = tf.sub(tf.max(z, 1), tf.log(tf.max(tf.softmax(z), 1)));
    const rows = tf.sub(lse, tf.sum(tf.mul(targets, z), 1));
    const value =
      weights === undefined ? tf.mean<tf.Scalar>(rows) : tf.sum<tf.Scalar>(tf.mul(rows, weights));
    save([z]);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor => {
      const diff = tf.sub(tf.softmax(saved[0]), targets);
      return weights === undefined
        ? tf.mul(diff, tf.div(dy, batch))
        : tf.mul(diff, tf.mul(tf.expandDims(weights, 1), dy));
    };
    return { value, gradFunc };
  });
  return ce(logits);
}

/**
 * Fraction of rows whose argmax equals the label; with `weights`, over the rows of positive
 * weight only. @param labels int32 [B].
 */
export function accuracy(
  logits: tf.Tensor2D,
  labels: tf.Tensor1D,
  weights?: tf.Tensor1D,
): tf.Scalar {
  return tf.tidy(() => {
    const hits = tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32');
    if (weights === undefined) {
      return tf.mean(hits);
    }
    const counted = tf.cast(tf.greater(weights, 0), 'float32');
    return tf.div(tf.sum(tf.mul(hits, counted)), tf.maximum(tf.sum(counted), 1));
  });
}
