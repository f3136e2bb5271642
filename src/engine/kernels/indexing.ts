/**
 * Row gather and segment sum, the forward and backward of an embedding lookup (`tf.gather` on
 * axis 0 and its gradient, `UnsortedSegmentSum`), as plain loops over the tensors' memory:
 * - wasm has no UnsortedSegmentSum kernel at all, and its Gather checks every index through a
 *   closure and then copies element by element (about 20 ms for 5570 rows of 128 floats);
 * - tfjs-cpu's UnsortedSegmentSum runs whole-tensor ops once per segment, and its Gather
 *   computes a multi-dimensional location per element.
 * Both loops run in a fixed order, so results are deterministic. Other cases (axis ≠ 0,
 * batchDims ≠ 0, other dtypes) go to the backend's own kernel.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { DataType, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { type LoopRunner, type View, loopRunner } from './memory';
import { simdKernels } from './simd';

const fastDtypes = new Set<DataType>(['float32', 'int32']);
const registered = new Set<string>();

/** Registers the fast GatherV2 path and UnsortedSegmentSum on `backendName` (wasm or cpu), once. */
export function registerIndexingKernels(backendName: string): void {
  const run = loopRunner(backendName);
  if (run === undefined || registered.has(backendName)) {
    return;
  }
  registered.add(backendName);
  const gather = tf.getKernel('GatherV2', backendName);
  if (gather !== undefined) {
    replaceKernel(gather, fastGather(gather.kernelFunc, run));
  }
  const segSum = tf.getKernel('UnsortedSegmentSum', backendName);
  const config: KernelConfig = {
    kernelName: 'UnsortedSegmentSum',
    backendName,
    kernelFunc: segmentSum(run),
  };
  if (segSum === undefined) {
    tf.registerKernel(config);
  } else {
    replaceKernel(segSum, config.kernelFunc);
  }
}

function replaceKernel(original: KernelConfig, kernelFunc: KernelFunc): void {
  tf.unregisterKernel(original.kernelName, original.backendName);
  tf.registerKernel({ ...original, kernelFunc });
}

/** GatherV2 on axis 0 without batch dims: out[r] = x[indices[r]] (rows of the trailing dims). */
function fastGather(fallback: KernelFunc, run: LoopRunner): KernelFunc {
  return (args) => {
    const x = args.inputs.x as TensorInfo;
    const indices = args.inputs.indices as TensorInfo;
    const { axis, batchDims } = args.attrs as { axis: number; batchDims: number };
    const rank = x.shape.length;
    if (
      rank === 0 ||
      (axis !== 0 && axis !== -rank) ||
      batchDims !== 0 ||
      !fastDtypes.has(x.dtype) ||
      indices.dtype !== 'int32'
    ) {
      return fallback(args);
    }
    const rows = x.shape[0];
    const inner = sizeOf(x.shape.slice(1));
    const shape = [...indices.shape, ...x.shape.slice(1)];
    const outputs = [{ shape, dtype: x.dtype }];
    return run(args.backend, [x, indices], outputs, ([xv, idx], [out]) => {
      for (let r = 0; r < idx.length; r++) {
        const src = idx[r];
        if (!(src >= 0 && src < rows)) {
          throw new Error(`GatherV2: the index value ${src} is not in [0, ${rows - 1}]`);
        }
      }
      copyRows(xv, idx, out, inner);
    })[0];
  };
}

/**
 * UnsortedSegmentSum: out[s] = Σ x[i] over i with segmentIds[i] = s; ids outside
 * [0, numSegments) are dropped, as in tfjs-cpu. segmentIds' shape is a prefix of x's shape.
 * On wasm, float32 rows of a multiple of 4 run in the SIMD module (same order, same sums).
 */
function segmentSum(run: LoopRunner): KernelFunc {
  return (args) => {
    const x = args.inputs.x as TensorInfo;
    const ids = args.inputs.segmentIds as TensorInfo;
    const { numSegments } = args.attrs as { numSegments: number };
    if (!fastDtypes.has(x.dtype) || ids.dtype !== 'int32') {
      throw new Error(`UnsortedSegmentSum: unsupported dtypes ${x.dtype}/${ids.dtype}`);
    }
    const n = sizeOf(ids.shape);
    const inner = n === 0 ? 0 : sizeOf(x.shape) / n;
    const shape = [numSegments, ...x.shape.slice(ids.shape.length)];
    const outputs = [{ shape, dtype: x.dtype }];
    const simd = x.dtype === 'float32' && inner % 4 === 0 ? simdKernels(args.backend) : undefined;
    return run(args.backend, [x, ids], outputs, ([xv, idv], [out]) => {
      if (simd !== undefined) {
        simd.segmentSum(xv.byteOffset, idv.byteOffset, n, inner, out.byteOffset, numSegments);
        return;
      }
      out.fill(0);
      for (let i = 0; i < n; i++) {
        const s = idv[i];
        if (s >= 0 && s < numSegments) {
          const to = s * inner;
          const from = i * inner;
          for (let k = 0; k < inner; k++) {
            out[to + k] += xv[from + k];
          }
        }
      }
    })[0];
  };
}

/** out[r] = x[idx[r]] row by row; one memmove per row, without allocations when x and out share a buffer (wasm heap). */
function copyRows(x: View, idx: View, out: View, inner: number): void {
  if (x.buffer === out.buffer && x.BYTES_PER_ELEMENT === out.BYTES_PER_ELEMENT) {
    const size = x.BYTES_PER_ELEMENT;
    const heap = x instanceof Float32Array ? new Float32Array(x.buffer) : new Int32Array(x.buffer);
    const [xOff, outOff] = [x.byteOffset / size, out.byteOffset / size];
    for (let r = 0; r < idx.length; r++) {
      const from = xOff + idx[r] * inner;
      heap.copyWithin(outOff + r * inner, from, from + inner);
    }
    return;
  }
  for (let r = 0; r < idx.length; r++) {
    out.set(x.subarray(idx[r] * inner, (idx[r] + 1) * inner), r * inner);
  }
}

function sizeOf(shape: readonly number[]): number {
  return shape.reduce((p, q) => p * q, 1);
}
