/**
 * Hessian–vector products H·v of a scalar loss with respect to a list of variables, taken as one
 * flat parameter vector θ (the variables' elements in list order, each row-major). Vectors are
 * float64 outside and float32 inside tfjs; nothing allocated by an operator outlives `apply`.
 * - `exactHvp`: double backprop, H·v = ∇θ⟨∇θL, v⟩ in one recording (the gradient is taken while
 *   the outer tape records it, then differentiated once more along v). Exact up to float32
 *   rounding, for ReLU nets as well. It needs the gradients of secondOrder.ts (registered here)
 *   and refuses losses whose tape holds a first-order-only op, naming it.
 * - `finiteDifferenceHvp`: central differences of gradients along v, the fallback for losses
 *   that `exactHvp` refuses. Only for smooth losses (SiLU, GELU, tanh, LSTM): at a ReLU kink the
 *   difference of gradients says nothing about H, so on ReLU models (the embed-mlp with ReLU, the
 *   transformer's feed-forward block) it is an approximation of unknown quality.
 * - `recordedHvp` (./recordedHvp.ts): exact too, recording the gradient once for many products.
 * Both exact ones accept the transformer: its first-order-only LayerNorm and attention softmax
 * give way to ordinary ops while a higher-order gradient records (`higherOrderRecording`,
 * secondOrder.ts).
 * The loss is modelLossFn(model, batch) for a model (./loss.ts). `exactHvp` and
 * `finiteDifferenceHvp` keep no state between calls, so they follow later changes of the variables.
 */
import * as tf from '@tensorflow/tfjs-core';
import { checkLength, flatten, shapesOf, sizeOf, toTensors } from './flatParams';
import { type RecordedOp, assertSecondOrderSafe, enableSecondOrderGradients } from './secondOrder';

export { modelLossFn, trainableVariables } from './loss';

/** A symmetric linear operator v ↦ H·v on the flat parameter vector. */
export interface HvpOperator {
  /** Length of θ (and of every v). */
  readonly dim: number;
  /** How H·v is computed. */
  readonly method: 'exact' | 'finite-difference';
  /** H·v; a new array of length `dim`. */
  apply(v: Float64Array): Float64Array;
}

/**
 * Default step of `finiteDifferenceHvp` along the unit vector v/|v|: on small SiLU and GELU MLPs
 * and an LSTM the error against exact products was smallest (about 5e-5) for steps 0.01–0.03,
 * growing as h² above and as the float32 noise of the gradients (∝ 1/h) below.
 */
export const defaultDifferenceStep = 0.02;

/**
 * H·v by double backprop. Throws on `apply` when the loss uses an op whose gradient is first
 * order only (a `tf.customGrad`, e.g. the training crossEntropy, or an op whose tfjs gradient
 * reads its saved output), and when a variable does not affect the loss. The models' own
 * customGrads (the transformer's LayerNorm and attention softmax) are not among them: they
 * switch to ordinary ops while this records.
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
  assertSecondOrderSafe(tape ?? []);
}
