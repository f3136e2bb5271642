/**
 * Slice, SplitV, Unpack and Concat on wasm as block copies within the heap.
 * - tfjs-backend-wasm's Slice starts with `backend.readSync(x)`, which copies all of x out of the
 *   heap, and SplitV and Unpack call it once per output: splitting a [T·B, n] tensor into its T
 *   time steps copies x T times (about 300 ms for the LSTM of 65 steps × 128 × 256). These
 *   versions read x through a view of the heap and copy only the sliced runs.
 * - Its Concat copies each row of each input with TypedArray `set`, which clones the source
 *   first when it shares the heap buffer (about 2 ms to concatenate three [4160, 16] tensors
 *   along axis 1, the gradient of attention's q/k/v split); here rows are moved with copyWithin.
 * Same element order, so the results are identical. float32 and int32 only; other dtypes go to
 * the original kernels.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';

interface WasmBackendLike {
  makeOutput(shape: number[], dtype: tf.DataType): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): Float32Array | Int32Array;
}

let registered = false;

/** Registers the heap-copy Slice, SplitV, Unpack and Concat on wasm, once. */
export function registerSlicingKernels(): void {
  if (registered || tf.getKernel('Slice', 'wasm') === undefined) {
    return;
  }
  registered = true;
  replace('Slice', (inner) => (args) => {
    const x = args.inputs.x as TensorInfo;
    const { begin, size } = args.attrs as { begin: number | number[]; size: number | number[] };
    if (!fast(x)) {
      return inner(args);
    }
    const [b, s] = tf.slice_util.parseSliceParams(x, begin, size);
    return slices(args.backend as WasmBackendLike, x, [{ begin: b, size: s }])[0];
  });
  replace('SplitV', (inner) => (args) => {
    const x = args.inputs.x as TensorInfo;
    const { numOrSizeSplits, axis } = args.attrs as {
      numOrSizeSplits: number | number[];
      axis: number;
    };
    if (!fast(x)) {
      return inner(args);
    }
    const ax = tf.util.parseAxisParam(axis, x.shape)[0];
    const sizes = tf.backend_util.prepareSplitSize(x, numOrSizeSplits, ax);
    let start = 0;
    const pieces = sizes.map((n) => {
      const begin = x.shape.map((_, i) => (i === ax ? start : 0));
      start += n;
      return { begin, size: x.shape.map((d, i) => (i === ax ? n : d)) };
    });
    return slices(args.backend as WasmBackendLike, x, pieces);
  });
  replace('Unpack', (inner) => (args) => {
    const x = args.inputs.value as TensorInfo;
    const rank = x.shape.length;
    const ax = ((args.attrs as { axis: number }).axis + rank) % rank;
    if (!fast(x)) {
      return inner(args);
    }
    const pieces = Array.from({ length: x.shape[ax] }, (_, k) => ({
      begin: x.shape.map((_, i) => (i === ax ? k : 0)),
      size: x.shape.map((d, i) => (i === ax ? 1 : d)),
    }));
    const outShape = x.shape.filter((_, i) => i !== ax);
    const outs = slices(args.backend as WasmBackendLike, x, pieces);
    return outs.map(({ dataId, dtype }) => ({ dataId, dtype, shape: outShape }));
  });
  replace('Concat', (inner) => (args) => {
    const xs = args.inputs as unknown as TensorInfo[];
    const { axis } = args.attrs as { axis: number };
    if (xs.length < 2 || !xs.every((x) => x.dtype === xs[0].dtype && fast(x))) {
      return inner(args);
    }
    return concat(args.backend as WasmBackendLike, xs, axis);
  });
}

/** Concatenation along `axis`: for each leading index, each input's trailing block in turn. */
function concat(backend: WasmBackendLike, xs: TensorInfo[], axis: number): TensorInfo {
  const ax = tf.util.parseAxisParam(axis, xs[0].shape)[0];
  tf.backend_util.assertParamsConsistent(
    xs.map((x) => x.shape),
    ax,
  );
  const shape = tf.backend_util.computeOutShape(
    xs.map((x) => x.shape),
    ax,
  );
  const out = backend.makeOutput(shape, xs[0].dtype);
  const views = xs.map((x) => backend.typedArrayFromHeap(x));
  const ov = backend.typedArrayFromHeap(out);
  const heap = ov instanceof Float32Array ? new Float32Array(ov.buffer) : new Int32Array(ov.buffer);
  const outer = shape.slice(0, ax).reduce((p, q) => p * q, 1);
  const blocks = xs.map((x) => x.shape.slice(ax).reduce((p, q) => p * q, 1));
  let to = ov.byteOffset / 4;
  for (let b = 0; b < outer; b++) {
    views.forEach((v, i) => {
      const from = v.byteOffset / 4 + b * blocks[i];
      move(heap, to, from, blocks[i]);
      to += blocks[i];
    });
  }
  return out;
}

function replace(name: string, make: (inner: KernelFunc) => KernelFunc): void {
  const original = tf.getKernel(name, 'wasm');
  if (original === undefined) {
    return;
  }
  tf.unregisterKernel(name, 'wasm');
  const config: KernelConfig = { ...original, kernelFunc: make(original.kernelFunc) };
  tf.registerKernel(config);
}

function fast(x: TensorInfo): boolean {
  return x.dtype === 'float32' || x.dtype === 'int32';
}

interface Piece {
  begin: number[];
  size: number[];
}

/** Copies each piece of x into a new output (all outputs are allocated before reading). */
function slices(backend: WasmBackendLike, x: TensorInfo, pieces: Piece[]): TensorInfo[] {
  const outs = pieces.map((p) => backend.makeOutput(p.size, x.dtype));
  const xv = backend.typedArrayFromHeap(x);
  const heap = xv instanceof Float32Array ? new Float32Array(xv.buffer) : new Int32Array(xv.buffer);
  const base = xv.byteOffset / 4;
  pieces.forEach((p, k) => {
    const out = backend.typedArrayFromHeap(outs[k]);
    copyPiece(heap, base, x.shape, p, out.byteOffset / 4);
  });
  return outs;
}

/** Copies the piece of x (at heap index `xBase`) to heap index `outBase`, in contiguous runs. */
function copyPiece(
  heap: Float32Array | Int32Array,
  xBase: number,
  shape: readonly number[],
  { begin, size }: Piece,
  outBase: number,
): void {
  const rank = shape.length;
  const strides = new Array<number>(rank).fill(1);
  for (let i = rank - 2; i >= 0; i--) {
    strides[i] = strides[i + 1] * shape[i + 1];
  }
  // Axes from `inner` on are copied as one run: every later axis is taken whole.
  let inner = rank - 1;
  while (inner > 0 && begin[inner] === 0 && size[inner] === shape[inner]) {
    inner -= 1;
  }
  const run = rank === 0 ? 1 : size[inner] * strides[inner];
  const outer = size.slice(0, inner);
  const count = outer.reduce((p, q) => p * q, 1);
  if (run === 0 || count === 0) {
    return;
  }
  const idx = new Array<number>(inner).fill(0);
  let to = outBase;
  for (let n = 0; n < count; n++) {
    let from = xBase + (rank === 0 ? 0 : begin[inner] * strides[inner]);
    for (let i = 0; i < inner; i++) {
      from += (begin[i] + idx[i]) * strides[i];
    }
    move(heap, to, from, run);
    to += run;
    for (let i = inner - 1; i >= 0; i--) {
      idx[i] += 1;
      if (idx[i] < outer[i]) {
        break;
      }
      idx[i] = 0;
    }
  }
}

/** heap[to + k] = heap[from + k] for k < n (the ranges never overlap): short runs by a loop. */
function move(heap: Float32Array | Int32Array, to: number, from: number, n: number): void {
  if (n > 32) {
    heap.copyWithin(to, from, from + n);
    return;
  }
  for (let k = 0; k < n; k++) {
    heap[to + k] = heap[from + k];
  }
}
