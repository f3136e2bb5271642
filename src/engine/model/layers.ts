/**
 * Building blocks shared by the sequence models: named parameters with PyTorch initialisation,
 * linear maps, LayerNorm (fast first-order or exact higher-order, see `layerNorm`) and sinusoidal
 * positions. Linear weights are drawn in PyTorch's [out, in] order and held as [in, out] (x·W
 * needs no transpose; `storedTransposed`).
 */
import * as tf from '@tensorflow/tfjs-core';
import { higherOrderRecording } from '../hessian/secondOrder';
import { type Rng, normalArray, uniformArray } from '../rng';
import type { Parameter } from './types';

/** A linear map held as W [in, out] and b [out]. */
export interface Linear {
  w: tf.Variable;
  b: tf.Variable;
}

/** Collects named trainable parameters in creation order (the order of PyTorch's state_dict). */
export class ParamList {
  readonly params: Parameter[] = [];

  /**
   * Adds a trainable variable. `values` are in PyTorch layout: [out, in] when `transposed`
   * (held as [in, out]), else `shape`.
   */
  add(name: string, values: Float32Array, shape: number[], transposed = false): tf.Variable {
    const variable = tf.tidy(() => {
      if (!transposed) {
        return tf.variable(tf.tensor(values, shape), true);
      }
      const [inDim, outDim] = shape;
      return tf.variable(tf.transpose(tf.tensor2d(values, [outDim, inDim])), true);
    });
    this.params.push({ name, variable, trainable: true, storedTransposed: transposed });
    return variable;
  }

  /** A linear layer `name.weight` [in, out] / `name.bias` from the given PyTorch-layout values. */
  linear(name: string, init: LinearInit, inDim: number, outDim: number): Linear {
    const w = this.add(`${name}.weight`, init.w, [inDim, outDim], true);
    const b = this.add(`${name}.bias`, init.b, [outDim]);
    return { w, b };
  }
}

/** Initial values of a linear layer in PyTorch layout: w [out·in], b [out]. */
export interface LinearInit {
  w: Float32Array;
  b: Float32Array;
}

/** nn.Linear's default init: weight and bias ~ U(−1/√in, 1/√in), weight first. */
export function linearInit(inDim: number, outDim: number, rng: Rng): LinearInit {
  const bound = 1 / Math.sqrt(inDim);
  const w = uniformArray(outDim * inDim, bound, rng);
  return { w, b: uniformArray(outDim, bound, rng) };
}

/** nn.init.xavier_uniform_ of an [out, in] weight: U(±√(6/(in + out))). */
export function xavierUniform(inDim: number, outDim: number, rng: Rng): Float32Array {
  return uniformArray(outDim * inDim, Math.sqrt(6 / (inDim + outDim)), rng);
}

/** nn.Embedding's default init: N(0, 1). */
export function embeddingInit(vocab: number, dim: number, rng: Rng): Float32Array {
  return normalArray(vocab * dim, 1, rng);
}

/** x·W + b for x [N, in]. */
export function applyLinear(x: tf.Tensor2D, { w, b }: Linear): tf.Tensor2D {
  return tf.add(tf.matMul(x, w as tf.Tensor2D), b);
}

/**
 * LayerNorm over the last axis of x [N, d] (biased variance, as PyTorch), computed one of two
 * ways with the same kernels in the same order, so the values are bit-identical:
 * - normally (training, analyses, first-order gradients) a `tf.customGrad` with a written-out
 *   gradient (fewer kernels than differentiating the ops). It is first order only: its gradient
 *   reads the saved x̂ and 1/σ, which a tape differentiating that gradient takes as constants.
 * - while a higher-order gradient records (`higherOrderRecording`: the forward pass inside
 *   `exactHvp` and `recordedHvp`), the plain ops (mean, centring, variance, 1/√, scale, shift),
 *   which tfjs differentiates to every order. Their first-order gradient agrees with the fused
 *   one to float32 rounding.
 */
export function layerNorm(
  x: tf.Tensor2D,
  gamma: tf.Tensor,
  beta: tf.Tensor,
  eps: number,
): tf.Tensor2D {
  if (higherOrderRecording()) {
    return tf.add(tf.mul(standardise(x, eps).xhat, gamma), beta);
  }
  return fusedLayerNorm(x, gamma, beta, eps);
}

/** x̂ = (x − mean)/σ per row of x [N, d], σ = √(biased variance + ε), and inv = 1/σ [N, 1]. */
function standardise(x: tf.Tensor2D, eps: number): { xhat: tf.Tensor2D; inv: tf.Tensor2D } {
  const centred = tf.sub(x, tf.mean(x, 1, true));
  const inv = tf.div<tf.Tensor2D>(
    1,
    tf.sqrt(tf.add(tf.mean(tf.mul(centred, centred), 1, true), eps)),
  );
  return { xhat: tf.mul(centred, inv), inv };
}

/** `layerNorm` as a `tf.customGrad` (first order only, see there). */
function fusedLayerNorm(
  x: tf.Tensor2D,
  gamma: tf.Tensor,
  beta: tf.Tensor,
  eps: number,
): tf.Tensor2D {
  const d = x.shape[1];
  const ln = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xi, g, b, save] = args as [tf.Tensor2D, tf.Tensor1D, tf.Tensor1D, tf.GradSaveFunc];
    const { xhat, inv } = standardise(xi, eps);
    save([xhat, inv, g]);
    const value = tf.add(tf.mul(xhat, g), b);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
      const [xh, iv, gm] = saved;
      const dxhat = tf.mul(dy, gm);
      const meanD = tf.mean(dxhat, 1, true);
      const meanDX = tf.div(tf.sum(tf.mul(dxhat, xh), 1, true), d);
      const dx = tf.mul(tf.sub(tf.sub(dxhat, meanD), tf.mul(xh, meanDX)), iv);
      return [dx, tf.sum(tf.mul(dy, xh), 0), tf.sum(dy, 0)];
    };
    return { value, gradFunc };
  });
  return ln(x, gamma, beta) as tf.Tensor2D;
}

/**
 * Sinusoidal positions [len, d] as in the PyTorch tutorial: PE[p, 2i] = sin(p·ω_i),
 * PE[p, 2i+1] = cos(p·ω_i), ω_i = exp(−2i·ln(10000)/d), each step rounded to float32 as torch
 * computes it.
 */
export function sinusoidalPositions(len: number, d: number): Float32Array {
  const f = Math.fround;
  const out = new Float32Array(len * d);
  const c = f(-Math.log(10000) / d);
  for (let j = 0; j < d; j += 2) {
    const omega = f(Math.exp(f(j * c)));
    for (let p = 0; p < len; p++) {
      const angle = f(p * omega);
      out[p * d + j] = Math.sin(angle);
      if (j + 1 < d) {
        out[p * d + j + 1] = Math.cos(angle);
      }
    }
  }
  return out;
}
