/**
 * The training losses written with ordinary ops only, so that they can be differentiated twice.
 * `crossEntropy` and `binaryCrossEntropy` (train/loss.ts) are `tf.customGrad`s, which the Hessian
 * code refuses; these are the same functions of the logits.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Model, ModelBatch } from '../model/types';
import { constantRowMax } from './secondOrder';

/**
 * Cross-entropy from logits [B, C], targets [B, C] (one-hot or probability rows) and optional
 * weights [B], as `crossEntropy` computes it. logsumexp(z) = m + log Σ exp(z − m) with m the row
 * maximum taken as a constant (`constantRowMax`): its derivative would cancel anyway, and no
 * derivative has to pass through a Max. Agrees with `crossEntropy` to float32 rounding (the
 * latter computes logsumexp from one Softmax instead).
 */
export function twiceDifferentiableCrossEntropy(
  logits: tf.Tensor2D,
  targets: tf.Tensor2D,
  weights?: tf.Tensor1D,
): tf.Scalar {
  return tf.tidy(() => {
    const m = constantRowMax(logits);
    const sumExp = tf.sum(tf.exp(tf.sub(logits, m)), 1);
    const lse = tf.add(tf.reshape(m, [logits.shape[0]]), tf.log(sumExp));
    const rows = tf.sub(lse, tf.sum(tf.mul(targets, logits), 1));
    return weights === undefined
      ? tf.mean<tf.Scalar>(rows)
      : tf.sum<tf.Scalar>(tf.mul(rows, weights));
  });
}

/**
 * Binary cross-entropy with logits as `binaryCrossEntropy` computes it, summed over classes and
 * averaged over rows: mean_rows Σ_c [softplus(z) − z·y]. tfjs differentiates softplus as σ(z)
 * from its input, also at z = 0 (where max(z, 0) and |z| would give one-sided derivatives).
 * Agrees with `binaryCrossEntropy` to float32 rounding.
 */
export function twiceDifferentiableBinaryCrossEntropy(
  logits: tf.Tensor2D,
  targets: tf.Tensor2D,
): tf.Scalar {
  return tf.tidy(() => {
    const entries = tf.sub(tf.softplus(logits), tf.mul(logits, targets));
    return tf.div<tf.Scalar>(tf.sum(entries), logits.shape[0]);
  });
}

/**
 * The loss whose Hessian the analyses study: the model's evaluation-mode forward pass (no
 * dropout) on `batch`, then the training loss of that batch (as `batchLoss` picks it) written
 * with ordinary ops: binary cross-entropy for a multi-label batch, else cross-entropy with the
 * batch's weights. Each call runs a new forward pass; the batch's tensors stay the caller's.
 */
export function modelLossFn(model: Model, batch: ModelBatch): () => tf.Scalar {
  return () =>
    tf.tidy(() => {
      const { logits } = model.forward(batch);
      return batch.multiLabel === true
        ? twiceDifferentiableBinaryCrossEntropy(logits, batch.targets)
        : twiceDifferentiableCrossEntropy(logits, batch.targets, batch.weights);
    });
}

/** The model's trainable variables in parameter order (what the Hessian is taken over). */
export function trainableVariables(model: Model): tf.Variable[] {
  return model.params.filter((p) => p.trainable).map((p) => p.variable);
}
