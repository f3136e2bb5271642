/**
 * Kernel fixes for the tfjs backends we run on (measured in bench/train-step):
 * - wasm BatchMatMul reaches XNNPACK only when neither operand is transposed; every matMul
 *   gradient is transposed and falls back to a slow loop. The wrapper transposes first.
 * - embedding lookups: fast row gather and segment sum on wasm and cpu (./indexing.ts).
 * - AdamW: one fused loop kernel per parameter instead of 14 ops (./adamw.ts).
 * - Identity, same-dtype Cast and order-keeping Transpose share data instead of copying
 *   (./sharing.ts).
 * - wasm Sum over leading axes (bias gradients) without a transpose (./columnSum.ts).
 * - wasm BatchMatMul with a batch dimension (attention) as a SIMD loop instead of the naive one
 *   (./batchMatMul.ts).
 * - wasm Slice, SplitV and Unpack read the input in place instead of copying all of it for
 *   every piece (./slicing.ts).
 * - the softmax gradient (attention) as one row loop instead of four kernels (./softmaxGrad.ts).
 * Loops that matter run in a small SIMD module on the wasm heap (./simd.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { registerAdamWKernel } from './adamw';
import { registerBatchMatMulKernel } from './batchMatMul';
import { registerColumnSumKernel } from './columnSum';
import { registerIndexingKernels } from './indexing';
import { registerSharingKernels } from './sharing';
import { registerSlicingKernels } from './slicing';
import { registerSoftmaxGradKernel } from './softmaxGrad';

const wrappedMarker = new WeakSet<KernelFunc>();

/** Registers the fixes for the active backend; safe to call more than once. */
export function registerKernelFixes(): void {
  const backend = tf.getBackend();
  if (backend === 'wasm') {
    wrapWasmTransposedMatMul();
    registerBatchMatMulKernel();
    registerSlicingKernels();
    registerColumnSumKernel();
  }
  registerSharingKernels();
  registerIndexingKernels(backend);
  registerAdamWKernel(backend);
  registerSoftmaxGradKernel(backend);
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
