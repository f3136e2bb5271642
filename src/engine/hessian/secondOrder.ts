/**
 * Gradient registrations that make tfjs' double backprop (the gradient of a gradient) exact for
 * the ops our models and the Hessian loss use.
 *
 * tfjs records a backward pass on the outer tape when one gradient is taken inside another, but
 * two things break the second derivative:
 * - Gradients that read a saved *output* (Tanh, Sigmoid, Exp, Softmax): the engine saves a clone
 *   of the output and records that clone on the tape before the op that produced the output, so
 *   the outer tape treats it as a constant and silently drops a term. The versions registered here
 *   save the input and recompute the output from it with the same kernel; the recomputed value is
 *   the same float32 tensor, so first-order gradients stay bit-identical (training only pays one
 *   extra element-wise kernel per such op in the backward pass).
 * - Comparison ops (e.g. the Equal in Max's gradient) have no gradient at all, so the outer pass
 *   throws. Their derivative is zero almost everywhere; zero gradients are registered for those
 *   that have none, and tfjs' own registrations are left alone.
 * `constantRowMax` adds a row maximum whose gradient is zero, for the shift of a log-sum-exp.
 *
 * - tfjs' segment-sum gradient (reached when differentiating an embedding's gradient) masks
 *   negative ids with full-size logical ops; it is replaced by the plain gather it amounts to.
 *
 * Not covered: `tf.customGrad` functions whose gradient reads tensors computed inside them (the
 * attention softmax `softmaxLastAxis` of kernels/softmaxGrad.ts saves its output; the fused
 * LayerNorm of model/layers.ts saves x̂ and 1/σ): the outer tape sees those as constants. The
 * transformer therefore swaps both for ordinary ops while `higherOrderRecording()` holds (see
 * there), so its Hessian loss has none on its tape. (The training cross-entropy of train/loss.ts
 * saves only its input and recomputes softmax with ordinary ops, so with the gradients above it
 * differentiates twice correctly, but nothing on a tape tells such a customGrad from the
 * others.) `firstOrderOnlyOps` lists every customGrad on a tape, and every op whose registered
 * gradient reads a saved output, so that Hessian code can refuse them.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GradConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';

/** One recorded op of a gradient tape (the fields of tfjs' tape nodes read here). */
export interface RecordedOp {
  kernelName: string;
  inputs: Record<string, tf.Tensor>;
  outputs: tf.Tensor[];
}

/** Ops whose gradient is recomputed from the input (`output` redoes the forward op). */
const fromInput: Record<string, (x: tf.Tensor, attrs: NamedAttrMap) => tf.Tensor> = {
  Tanh: (x) => tf.tanh(x),
  Sigmoid: (x) => tf.sigmoid(x),
  Exp: (x) => tf.exp(x),
  Softmax: (x, attrs) => tf.softmax(x, (attrs as unknown as { dim: number }).dim),
};

/** Comparison and logical ops (piecewise constant, so their gradient is zero) by input names. */
const piecewiseConstant: Record<string, string[]> = {
  Equal: ['a', 'b'],
  NotEqual: ['a', 'b'],
  Greater: ['a', 'b'],
  GreaterEqual: ['a', 'b'],
  Less: ['a', 'b'],
  LessEqual: ['a', 'b'],
  LogicalAnd: ['a', 'b'],
  LogicalOr: ['a', 'b'],
  LogicalNot: ['x'],
  IsNan: ['x'],
  IsFinite: ['x'],
  IsInf: ['x'],
};

const constantMaxKernel = 'ReplensConstantRowMax';
const marked = new WeakSet<GradConfig['gradFunc']>();
const kernelBackends = new Set<string>();

/**
 * Registers the second-order-safe gradients (once per process; later calls only add the
 * constant-maximum kernel for a backend that was not active before). Call before recording.
 */
export function enableSecondOrderGradients(): void {
  for (const [kernelName, output] of Object.entries(fromInput)) {
    registerOnce(kernelName, inputBasedGradient(kernelName, output));
  }
  for (const [kernelName, inputs] of Object.entries(piecewiseConstant)) {
    if (tf.getGradient(kernelName) === undefined) {
      registerOnce(kernelName, zeroGradient(kernelName, inputs));
    }
  }
  registerOnce(constantMaxKernel, zeroGradient(constantMaxKernel, ['x']));
  registerOnce('UnsortedSegmentSum', segmentSumGradient());
  registerConstantMaxKernel(tf.getBackend());
}

/**
 * True while a gradient is being taken inside another recording (tfjs' gradient depth is 2 or
 * more): the ops run now are recorded on a tape that an enclosing gradient will differentiate
 * again, through the inner backward pass. That is the forward pass of a loss inside `exactHvp`
 * and `recordedHvp`, and never training (one gradient, depth 1). Models use it to pick ops that
 * are correct at every order over faster first-order-only `tf.customGrad`s; the choice is made
 * afresh on every call, so nothing has to be switched on or off.
 */
export function higherOrderRecording(): boolean {
  return tf.engine().state.gradientDepth >= 2;
}

/**
 * The maxima of x over its last axis (kept as a size-1 axis), as a constant: one kernel with a
 * zero gradient, so no derivative of any order flows through it and tfjs never differentiates
 * the Max (whose gradient would compare x with its maxima element by element).
 */
export function constantRowMax<T extends tf.Tensor>(x: T): T {
  enableSecondOrderGradients();
  return tf.engine().runKernel<T>(constantMaxKernel, { x });
}

/**
 * What on a tape would make a second derivative wrong, one description per kind of op:
 * `tf.customGrad` functions (recorded under the enclosing scope's name with inputs named 0, 1, …;
 * their gradient may read intermediates the outer tape cannot see) and registered ops whose
 * gradient reads a saved output (Max and Min read it only to locate the maximum, whose derivative
 * is zero, so they are safe).
 */
export function firstOrderOnlyOps(tape: readonly RecordedOp[]): string[] {
  const found = new Set<string>();
  const backend = tf.getBackend();
  for (const op of tape) {
    const names = Object.keys(op.inputs);
    const custom = tf.getKernel(op.kernelName, backend) === undefined;
    if (custom && names.length > 0 && names.every((n) => /^\d+$/.test(n))) {
      const shapes = op.outputs.map((t) => `[${t.shape.join(', ')}]`).join(', ');
      found.add(`a tf.customGrad function with output ${shapes}`);
    } else if (!custom && readsSavedOutput(op.kernelName)) {
      found.add(`${op.kernelName} (its gradient reads the saved output)`);
    }
  }
  return [...found];
}

/** Throws, naming them, when a tape holds ops that `firstOrderOnlyOps` reports. */
export function assertSecondOrderSafe(tape: readonly RecordedOp[]): void {
  const ops = firstOrderOnlyOps(tape);
  if (ops.length > 0) {
    throw new Error(
      `exact Hessian-vector products are not supported for this loss: it uses ${ops.join('; ')}, ` +
        'whose gradient is first order only (second derivatives through it would be wrong). ' +
        'Such ops here: the training crossEntropy (train/loss.ts; modelLossFn uses a ' +
        'twice-differentiable one), and the fused LayerNorm (model/layers.ts) and attention ' +
        'softmax (kernels/softmaxGrad.ts) when called outside a higher-order recording. ' +
        'finiteDifferenceHvp works for smooth models.',
    );
  }
}

function readsSavedOutput(kernelName: string): boolean {
  const config = tf.getGradient(kernelName);
  if (config === undefined || kernelName === 'Max' || kernelName === 'Min') {
    return false;
  }
  return (config.outputsToSave ?? []).some(Boolean);
}

function registerOnce(kernelName: string, config: GradConfig): void {
  const current = tf.getGradient(kernelName);
  if (current !== undefined && marked.has(current.gradFunc)) {
    return;
  }
  marked.add(config.gradFunc);
  tf.registerGradient(config);
}

/**
 * d op(x) computed from the saved x, with the same formulas as tfjs' output-based versions:
 * tanh: dy·(1 − y²); sigmoid: dy·y·(1 − y); exp: dy·y; softmax: dy·y − y·Σ(dy·y).
 */
function inputBasedGradient(
  kernelName: string,
  output: (x: tf.Tensor, attrs: NamedAttrMap) => tf.Tensor,
): GradConfig {
  const inputName = kernelName === 'Softmax' ? 'logits' : 'x';
  const gradFunc = (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[], attrs: NamedAttrMap) => {
    const g = dy as tf.Tensor;
    const [x] = saved;
    const derivative = (): tf.Tensor => {
      const y = output(x, attrs);
      switch (kernelName) {
        case 'Tanh':
          return tf.mul(tf.sub(tf.scalar(1), tf.square(y)), g);
        case 'Sigmoid':
          return tf.mul(g, tf.mul(y, tf.sub(tf.scalar(1), y)));
        case 'Exp':
          return tf.mul(g, y);
        default: {
          const dim = (attrs as unknown as { dim: number }).dim;
          const dyTimesY = tf.mul(g, y);
          return tf.sub(dyTimesY, tf.mul(tf.sum(dyTimesY, [dim], true), y));
        }
      }
    };
    return { [inputName]: derivative };
  };
  return { kernelName, inputsToSave: [inputName], gradFunc };
}

/**
 * The gradient of a segment sum is a gather of dy by the segment ids. tfjs' version also masks
 * negative ids, with full-size logical ops (about 180 ms per Hessian-vector product of the
 * benchmark MLP on wasm); segment sums here come only from Gather's gradient, whose ids are valid
 * indices (the gather kernels reject others), so the plain gather is exact.
 */
function segmentSumGradient(): GradConfig {
  const gradFunc = (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => ({
    x: () => tf.gather(dy as tf.Tensor, saved[0]),
  });
  return { kernelName: 'UnsortedSegmentSum', inputsToSave: ['segmentIds'], gradFunc };
}

/** A gradient of float32 zeros, shaped like each (saved) input. */
function zeroGradient(kernelName: string, inputs: string[]): GradConfig {
  const gradFunc = (_dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) =>
    Object.fromEntries(inputs.map((name, i) => [name, () => tf.zeros(saved[i].shape)]));
  return { kernelName, inputsToSave: inputs, gradFunc };
}

/** `constantRowMax`'s kernel on a backend: its Max kernel over the last axis, kept. */
function registerConstantMaxKernel(backendName: string): void {
  const max = tf.getKernel('Max', backendName);
  if (max === undefined || kernelBackends.has(backendName)) {
    return;
  }
  kernelBackends.add(backendName);
  const kernelFunc: KernelFunc = ({ inputs, backend }) => {
    const x = inputs.x as TensorInfo;
    const attrs = { reductionIndices: [x.shape.length - 1], keepDims: true };
    return max.kernelFunc({ inputs, backend, attrs });
  };
  tf.registerKernel({ kernelName: constantMaxKernel, backendName, kernelFunc });
}
