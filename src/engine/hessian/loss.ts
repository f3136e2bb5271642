/**
 * The training loss written with ordinary ops only, so that it can be differentiated twice.
 * `crossEntropy` (train/loss.ts) is a `tf.customGrad`, which the Hessian code refuses; this is
 * the same function of the logits: mean(logsumexp(z) − Σ y·z), or Σ w·(…) with batch weights.
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
 * The loss whose Hessian the analyses study: the model's evaluation-mode forward pass (no
 * dropout) on `batch`, then `twiceDifferentiableCrossEntropy` with the batch's targets and
 * weights. Each call runs a new forward pass; the batch's tensors stay the caller's.
 */
export function modelLossFn(model: Model, batch: ModelBatch): () => tf.Scalar {
  return () =>
    tf.tidy(() =>
      twiceDifferentiableCrossEntropy(model.forward(batch).logits, batch.targets, batch.weights),
    );
}

/** The model's trainable variables in parameter order (what the Hessian is taken over). */
export function trainableVariables(model: Model): tf.Variable[] {
  return model.params.filter((p) => p.trainable).map((p) => p.variable);
}
