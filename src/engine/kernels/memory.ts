/**
 * Direct access to tensor memory for kernels written as plain loops, on the two backends whose
 * tensors live in JS-visible memory: `wasm` (views on the module's heap) and `cpu` (typed arrays).
 */
import type { DataType, TensorInfo } from '@tensorflow/tfjs-core';

/** A tensor's elements (float32 or int32). */
export type View = Float32Array | Int32Array;

/** An output to allocate. */
export interface OutputSpec {
  shape: number[];
  dtype: DataType;
}

/** Runs a loop kernel on one backend's memory. */
export type LoopRunner = (
  backend: unknown,
  inputs: TensorInfo[],
  outputs: OutputSpec[],
  fill: (ins: View[], outs: View[]) => void,
) => TensorInfo[];

interface WasmBackendLike {
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): View;
}

interface CpuBackendLike {
  data: { get(dataId: object): { values?: unknown } };
  makeTensorInfo(shape: number[], dtype: DataType, values: View): TensorInfo;
}

const wasmRunner: LoopRunner = (backend, inputs, outputs, fill) => {
  const b = backend as WasmBackendLike;
  // Allocate every output first: growing the heap detaches views taken earlier.
  const outs = outputs.map((o) => b.makeOutput(o.shape, o.dtype));
  fill(
    inputs.map((t) => b.typedArrayFromHeap(t)),
    outs.map((t) => b.typedArrayFromHeap(t)),
  );
  return outs;
};

const cpuRunner: LoopRunner = (backend, inputs, outputs, fill) => {
  const b = backend as CpuBackendLike;
  const outs = outputs.map((o) => {
    const size = o.shape.reduce((p, q) => p * q, 1);
    return o.dtype === 'int32' ? new Int32Array(size) : new Float32Array(size);
  });
  fill(
    inputs.map((t) => b.data.get(t.dataId).values as View),
    outs,
  );
  return outs.map((values, i) => b.makeTensorInfo(outputs[i].shape, outputs[i].dtype, values));
};

/** The loop runner for a backend name, or undefined when its memory is not reachable from JS. */
export function loopRunner(backendName: string): LoopRunner | undefined {
  return backendName === 'wasm' ? wasmRunner : backendName === 'cpu' ? cpuRunner : undefined;
}
