/**
 * Causal multi-head self-attention with a PAD key mask, as PyTorch's nn.MultiheadAttention
 * computes it inside nn.TransformerEncoderLayer (packed in_proj [d, 3d] for q, k, v; q scaled by
 * 1/√(d/h) before q·kᵀ; the additive mask; softmax; dropout on the attention weights; out_proj).
 *
 * Masking: a key is hidden from a query when it lies in the future or is PAD. PyTorch adds −∞,
 * which turns a query with every key hidden into NaN; here the mask adds −1e9 (−2e9 where both
 * apply). Whenever a query sees at least one key, the hidden keys' weights are exactly 0, as in
 * PyTorch; a query that sees none (a row starting with PAD) averages the values of its causal
 * PAD keys instead of producing NaN.
 */
import * as tf from '@tensorflow/tfjs-core';
import { higherOrderRecording } from '../hessian/secondOrder';
import { softmaxLastAxis } from '../kernels/softmaxGrad';
import type { DropoutFn } from './dropout';
import { type Linear, applyLinear } from './layers';

export const maskedScore = -1e9;

/** Shapes of one attention call. */
export interface AttentionShape {
  batch: number;
  len: number;
  heads: number;
  dModel: number;
}

/** The additive mask [B, 1, T, T]: causal (key > query) plus PAD keys, each −1e9. */
export function attentionMask(tokens: tf.Tensor2D, pad: number): tf.Tensor4D {
  const [B, T] = tokens.shape;
  const causal = new Float32Array(T * T);
  for (let q = 0; q < T; q++) {
    for (let k = q + 1; k < T; k++) {
      causal[q * T + k] = maskedScore;
    }
  }
  return tf.tidy(() => {
    const padKeys = tf.mul(tf.cast(tf.equal(tokens, pad), 'float32'), maskedScore);
    return tf.add(tf.reshape(padKeys, [B, 1, 1, T]), tf.tensor4d(causal, [1, 1, T, T]));
  });
}

/** Splits [B·T, d] into heads [B·H, T, d/H]. */
function toHeads(x: tf.Tensor2D, s: AttentionShape): tf.Tensor3D {
  const hd = s.dModel / s.heads;
  const split = tf.reshape(x, [s.batch, s.len, s.heads, hd]);
  return tf.reshape(tf.transpose(split, [0, 2, 1, 3]), [s.batch * s.heads, s.len, hd]);
}

/** Merges heads [B·H, T, d/H] back into [B·T, d]. */
function fromHeads(x: tf.Tensor3D, s: AttentionShape): tf.Tensor2D {
  const hd = s.dModel / s.heads;
  const split = tf.reshape(x, [s.batch, s.heads, s.len, hd]);
  return tf.reshape(tf.transpose(split, [0, 2, 1, 3]), [s.batch * s.len, s.dModel]);
}

/**
 * softmax over the keys (the last axis) of the masked scores. Normally `softmaxLastAxis`, whose
 * fused gradient reads its saved output and so is first order only; while a higher-order
 * gradient records (`higherOrderRecording`: the forward pass inside `exactHvp` and
 * `recordedHvp`) tfjs' Softmax, the same kernel (bit-identical weights), whose gradient
 * secondOrder.ts registers to recompute the output from the input, exact to every order.
 */
function attentionWeights(masked: tf.Tensor4D): tf.Tensor4D {
  return higherOrderRecording() ? tf.softmax(masked) : softmaxLastAxis(masked);
}

/**
 * Self-attention of x [B·T, d] under `mask` [B, 1, T, T]; returns [B·T, d].
 * @param dropout applied to the attention weights with rate `rate`.
 */
export function selfAttention(
  x: tf.Tensor2D,
  inProj: Linear,
  outProj: Linear,
  mask: tf.Tensor4D,
  s: AttentionShape,
  dropout: DropoutFn,
  rate: number,
): tf.Tensor2D {
  const d = s.dModel;
  const qkv = applyLinear(x, inProj);
  const [q, k, v] = tf.split(qkv, 3, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
  const qh = toHeads(tf.mul(q, 1 / Math.sqrt(d / s.heads)), s);
  const scores = tf.matMul(qh, toHeads(k, s), false, true);
  const masked = tf.add<tf.Tensor4D>(tf.reshape(scores, [s.batch, s.heads, s.len, s.len]), mask);
  const weights = dropout(attentionWeights(masked), rate);
  const flat = tf.reshape<tf.Rank.R3>(weights, [s.batch * s.heads, s.len, s.len]);
  const out = tf.matMul<tf.Tensor3D>(flat, toHeads(v, s));
  return applyLinear(fromHeads(out, s), outProj);
}
