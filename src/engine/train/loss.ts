/**
 * Losses and accuracies from logits: softmax cross-entropy and argmax accuracy for single-label
 * tasks, binary cross-entropy and balanced accuracy for multi-label ones, and `batchLoss` /
 * `batchAccuracy` picking the right pair for a batch.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ModelBatch } from '../model/types';

/** The training loss of a batch: binary cross-entropy if it is multi-label, else cross-entropy. */
export function batchLoss(logits: tf.Tensor2D, batch: ModelBatch): tf.Scalar {
  return batch.multiLabel === true
    ? binaryCrossEntropy(logits, batch.targets)
    : crossEntropy(logits, batch.targets, batch.weights);
}

/** The accuracy of a batch: balanced accuracy if it is multi-label, else argmax accuracy. */
export function batchAccuracy(logits: tf.Tensor2D, batch: ModelBatch): tf.Scalar {
  return batch.multiLabel === true
    ? balancedAccuracy(logits, batch.targets)
    : accuracy(logits, batch.labels, batch.weights);
}

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

/**
 * Binary cross-entropy with logits, summed over the classes and averaged over the rows:
 * mean_rows Σ_c [max(z, 0) − z·y + log(1 + exp(−|z|))], which never takes the log of a small
 * number nor the exp of a large one. The gradient (σ(z) − y)/B is written out (autodiff of
 * max and |z| would give the wrong one-sided value at z = 0).
 * @param logits [B, C]; @param targets multi-hot [B, C] float32 (0 or 1; probabilities work too).
 */
export function binaryCrossEntropy(logits: tf.Tensor2D, targets: tf.Tensor2D): tf.Scalar {
  const batch = logits.shape[0];
  const bce = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [z, save] = args as [tf.Tensor2D, tf.GradSaveFunc];
    const softplusNegAbs = tf.log1p(tf.exp(tf.neg(tf.abs(z))));
    const entries = tf.add(tf.sub(tf.relu(z), tf.mul(z, targets)), softplusNegAbs);
    const value = tf.div<tf.Scalar>(tf.sum(entries), batch);
    save([z]);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor =>
      tf.mul(tf.sub(tf.sigmoid(saved[0]), targets), tf.div(dy, batch));
    return { value, gradFunc };
  });
  return bce(logits);
}

/**
 * Balanced accuracy ½(TPR + TNR) over all (row, class) entries pooled, predicting "holds" where
 * the logit is > 0. Without positive entries it is the TNR alone, without negatives the TPR.
 * @param targets multi-hot [B, C] float32.
 */
export function balancedAccuracy(logits: tf.Tensor2D, targets: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const predicted = tf.cast(tf.greater(logits, 0), 'float32');
    const positives = tf.sum(targets);
    const negatives = tf.sub(tf.scalar(targets.size), positives);
    const truePos = tf.sum(tf.mul(predicted, targets));
    const trueNeg = tf.sub(negatives, tf.sub(tf.sum(predicted), truePos));
    const hasPos = tf.cast(tf.greater(positives, 0), 'float32');
    const hasNeg = tf.cast(tf.greater(negatives, 0), 'float32');
    const tpr = tf.div(truePos, tf.maximum(positives, 1));
    const tnr = tf.div(trueNeg, tf.maximum(negatives, 1));
    const rates = tf.add(tf.mul(hasPos, tpr), tf.mul(hasNeg, tnr));
    return tf.div(rates, tf.maximum(tf.add(hasPos, hasNeg), 1));
  });
}
