/**
 * Hessian–vector products H·v of a scalar loss with respect to a list of variables, taken as one
 * flat parameter vector θ (the variables' elements in list order, each row-major). Vectors are
 * float64 outside and float32 inside tfjs; nothing allocated by an operator outlives `apply`.
 * - `exactHvp`: double backprop, H·v = ∇θ⟨∇θL, v⟩ in one recording (the gradient is taken while
 *   the outer tape records it, then differentiated once more along v). Exact up to float32
 *   rounding, for ReLU nets as well. It needs the gradients of secondOrder.ts (registered here)
 *   and refuses losses whose tape holds a first-order-only op, naming it.
 * - `finiteDifferenceHvp`: central differences of gradients along v, the fallback for losses
 *   that `exactHvp` refuses (the transformer). Only for smooth losses (SiLU, GELU, tanh, LSTM): at
 *   a ReLU kink the difference of gradients says nothing about H.
 * The loss is modelLossFn(model, batch) for a model (./loss.ts). Both operators keep no state
 * between calls, so they follow later changes of the variables.
 */
import * as tf from '@tensorflow/tfjs-core';
import { type RecordedOp, enableSecondOrderGradients, firstOrderOnlyOps } from './secondOrder';

/** A symmetric linear operator v ↦ H·v on the flat parameter vector. */
export interface HvpOperator {
  /** Length of θ (and of every v). */
  readonly dim: number;
  /** How H·v is computed. */
  readonly method: 'exact' | 'finite-difference';
  /** H·v; a new array of length `dim`. */
  apply(v: Float64Array): Float64Array;
}

/** Default step of `finiteDifferenceHvp` along the unit vector v/|v|. */
export const defaultDifferenceStep = 0.02;

/**
 * H·v by double backprop. Throws on `apply` when the loss uses an op whose gradient is first
 * order only (a `tf.customGrad`, e.g. the transformer's LayerNorm and attention softmax, or an op
 * whose tfjs gradient reads its saved output), and when a variable does not affect the loss.
 */
export function exactHvp(lossFn: () => tf.Scalar, params: tf.Variable[]): HvpOperator {
  enableSecondOrderGradients();
  const shapes = shapesOf(params);
  const dim = sizeOf(shapes);
  const apply = (v: Float64Array): Float64Array => {
    checkLength(v, dim);
    const hv = releasingTapeOnError(() =>
      tf.tidy(() => {
        const vs = toTensors(v, shapes);
        const directional = (): tf.Scalar => {
          const g = tf.grads(() => lossFn())(params);
          refuseFirstOrderOnly();
          return tf.addN(g.map((gi, i) => tf.sum(tf.mul(gi, vs[i])))) as tf.Scalar;
        };
        return tf.grads(() => directional())(params);
      }),
    );
    return flatten(hv, dim);
  };
  return { dim, method: 'exact', apply };
}

/**
 * H·v ≈ |v|·(g(θ + h·u) − g(θ − h·u))/(2h), u = v/|v|, g the float32 gradient: two gradients per
 * product, error O(h²) from the third derivative plus float32 noise of order 1e-7·|g|/h. The
 * variables are moved and then restored exactly (from a copy of their values). Default h:
 * `defaultDifferenceStep`.
 */
export function finiteDifferenceHvp(
  lossFn: () => tf.Scalar,
  params: tf.Variable[],
  h = defaultDifferenceStep,
): HvpOperator {
  if (!(h > 0)) {
    throw new Error(`finiteDifferenceHvp: the step must be positive, not ${h}`);
  }
  const shapes = shapesOf(params);
  const dim = sizeOf(shapes);
  const apply = (v: Float64Array): Float64Array => {
    checkLength(v, dim);
    const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    if (norm === 0) {
      return new Float64Array(dim);
    }
    const saved = params.map((p) => tf.keep(p.clone()));
    try {
      const gradientAt = (shift: number): Float64Array => {
        tf.tidy(() => {
          const vs = toTensors(v, shapes);
          params.forEach((p, i) => p.assign(tf.add(saved[i], tf.mul(vs[i], shift / norm))));
        });
        const g = releasingTapeOnError(() => tf.tidy(() => tf.grads(() => lossFn())(params)));
        return flatten(g, dim);
      };
      const plus = gradientAt(h);
      const minus = gradientAt(-h);
      return plus.map((x, i) => ((x - minus[i]) * norm) / (2 * h));
    } finally {
      params.forEach((p, i) => p.assign(saved[i]));
      tf.dispose(saved);
    }
  };
  return { dim, method: 'finite-difference', apply };
}

interface TapeState {
  activeTape: { saved?: tf.Tensor[] }[] | null;
  gradientDepth: number;
}

/**
 * Runs a gradient computation; if it throws at the outermost level, frees what tfjs keeps for
 * the backward pass (the saved tensors of the abandoned tape), which tfjs itself releases only
 * when a gradient completes.
 */
function releasingTapeOnError<T>(run: () => T): T {
  const state = tf.engine().state as unknown as TapeState;
  const outermost = state.gradientDepth === 0;
  try {
    return run();
  } catch (e) {
    if (outermost && state.gradientDepth === 0 && state.activeTape !== null) {
      state.activeTape.forEach((node) => tf.dispose(node.saved ?? []));
      state.activeTape = null;
    }
    throw e;
  }
}

/** Throws when the tape being recorded holds an op whose second derivative would be wrong. */
function refuseFirstOrderOnly(): void {
  const tape = tf.engine().state.activeTape as unknown as RecordedOp[] | null;
  const ops = firstOrderOnlyOps(tape ?? []);
  if (ops.length > 0) {
    throw new Error(
      `exact Hessian-vector products are not supported for this loss: it uses ${ops.join('; ')}, ` +
        'whose gradient is first order only (second derivatives through it would be wrong). ' +
        'Use finiteDifferenceHvp for smooth models.',
    );
  }
}

function shapesOf(params: tf.Variable[]): number[][] {
  if (params.length === 0) {
    throw new Error('Hessian-vector products need at least one variable');
  }
  for (const p of params) {
    if (p.dtype !== 'float32') {
      throw new Error(`Hessian-vector products need float32 variables; ${p.name} is ${p.dtype}`);
    }
  }
  return params.map((p) => p.shape);
}

function sizeOf(shapes: number[][]): number {
  return shapes.reduce((s, shape) => s + shape.reduce((p, q) => p * q, 1), 0);
}

function checkLength(v: Float64Array, dim: number): void {
  if (v.length !== dim) {
    throw new Error(`vector of length ${v.length} for an operator of dimension ${dim}`);
  }
}

/** v split into float32 tensors of the given shapes (in the current scope). */
function toTensors(v: Float64Array, shapes: number[][]): tf.Tensor[] {
  const f32 = Float32Array.from(v);
  let offset = 0;
  return shapes.map((shape) => {
    const n = shape.reduce((p, q) => p * q, 1);
    const t = tf.tensor(f32.subarray(offset, offset + n), shape, 'float32');
    offset += n;
    return t;
  });
}

/** The tensors' elements, in order, as one float64 vector; disposes the tensors. */
function flatten(tensors: tf.Tensor[], dim: number): Float64Array {
  const out = new Float64Array(dim);
  let offset = 0;
  for (const t of tensors) {
    out.set(t.dataSync(), offset);
    offset += t.size;
  }
  tf.dispose(tensors);
  return out;
}
