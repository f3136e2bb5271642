/**
 * Sum over leading axes on wasm (a bias gradient: [B, n] → [n]) without the transpose that
 * tfjs-backend-wasm's Sum does first (it only reduces innermost axes). Rows are added in order,
 * as the original kernel does, in the SIMD module for the first columns (multiples of 4) and in
 * float32 JS arithmetic for the rest. Other reductions go to the original kernel.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { loopRunner } from './memory';
import { simdKernels } from './simd';

let registered = false;

/** Registers the leading-axes fast path of Sum on wasm, once. */
export function registerColumnSumKernel(): void {
  const original = tf.getKernel('Sum', 'wasm');
  const run = loopRunner('wasm');
  if (registered || original === undefined || run === undefined) {
    return;
  }
  registered = true;
  const inner = original.kernelFunc;
  const kernelFunc: KernelFunc = (args) => {
    const x = args.inputs.x as TensorInfo;
    const { axis, keepDims } = args.attrs as { axis: number | number[]; keepDims: boolean };
    const lead = leadingAxes(x.shape, axis);
    const simd = simdKernels(args.backend);
    if (x.dtype !== 'float32' || lead === 0 || simd === undefined) {
      return inner(args);
    }
    const rows = x.shape.slice(0, lead).reduce((p, q) => p * q, 1);
    const trailing = x.shape.slice(lead);
    const cols = trailing.reduce((p, q) => p * q, 1);
    const shape = keepDims ? [...x.shape.slice(0, lead).map(() => 1), ...trailing] : trailing;
    const outputs = [{ shape, dtype: x.dtype }];
    return run(args.backend, [x], outputs, ([xv], [out]) => {
      const width = cols - (cols % 4);
      simd.columnSum(xv.byteOffset, rows, cols, out.byteOffset, width);
      const f = Math.fround;
      for (let c = width; c < cols; c++) {
        let acc = 0;
        for (let r = 0; r < rows; r++) {
          acc = f(acc + xv[r * cols + c]);
        }
        out[c] = acc;
      }
    })[0];
  };
  tf.unregisterKernel('Sum', 'wasm');
  const config: KernelConfig = { ...original, kernelFunc };
  tf.registerKernel(config);
}

/** k when `axis` is exactly the first k axes (0 < k < rank), else 0. */
function leadingAxes(shape: readonly number[], axis: number | number[]): number {
  const rank = shape.length;
  const axes = [
    ...new Set((Array.isArray(axis) ? axis : [axis]).map((a) => (a < 0 ? a + rank : a))),
  ];
  axes.sort((a, b) => a - b);
  const k = axes.length;
  return rank >= 2 && k < rank && axes.every((a, i) => a === i) ? k : 0;
}
