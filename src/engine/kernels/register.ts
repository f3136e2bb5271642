/**
 * Kernel fixes for the tfjs backends we run on (measured in the train-step benchmark):
 * - wasm BatchMatMul reaches XNNPACK only when neither operand is transposed; every matMul
 *   gradient is transposed and falls back to a slow loop. The wrapper transposes first.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';

const wrappedMarker = new WeakSet<KernelFunc>();

/** Registers the fixes for the active backend; safe to call more than once. */
export function registerKernelFixes(): void {
  if (tf.getBackend() === 'wasm') {
    wrapWasmTransposedMatMul();
  }
}

interface DisposableBackend {
  disposeData(dataId: object): boolean;
}

function wrapWasmTransposedMatMul(): void {
  const original = tf.getKernel('BatchMatMul', 'wasm');
  const transpose = tf.getKernel('Transpose', 'wasm');
  if (original === undefined || transpose === undefined || wrappedMarker.has(original.kernelFunc)) {
    return;
  }
  const inner = original.kernelFunc;
  const kernelFunc: KernelFunc = ({ inputs, backend, attrs }) => {
    const { transposeA, transposeB } = attrs as { transposeA: boolean; transposeB: boolean };
    const a = inputs.a as TensorInfo;
    const b = inputs.b as TensorInfo;
    if ((!transposeA && !transposeB) || batchOf(a) !== 1 || batchOf(b) !== 1) {
      return inner({ inputs, backend, attrs });
    }
    const temps: TensorInfo[] = [];
    const flip = (x: TensorInfo): TensorInfo => {
      const rank = x.shape.length;
      const perm = [...Array(rank).keys()];
      [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
      const t = transpose.kernelFunc({ inputs: { x }, backend, attrs: { perm } }) as TensorInfo;
      temps.push(t);
      return t;
    };
    const out = inner({
      inputs: { a: transposeA ? flip(a) : a, b: transposeB ? flip(b) : b },
      backend,
      attrs: { ...attrs, transposeA: false, transposeB: false },
    });
    for (const t of temps) {
      (backend as unknown as DisposableBackend).disposeData(t.dataId);
    }
    return out;
  };
  wrappedMarker.add(kernelFunc);
  tf.unregisterKernel('BatchMatMul', 'wasm');
  const config: KernelConfig = { ...original, kernelFunc };
  tf.registerKernel(config);
}

function batchOf(x: TensorInfo): number {
  return x.shape.slice(0, -2).reduce((p, q) => p * q, 1);
}
