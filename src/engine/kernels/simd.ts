/**
 * Three loop kernels as a tiny WebAssembly SIMD module that runs directly on the tfjs wasm heap
 * (it imports the backend's memory), for the wasm backend:
 * - `segmentSum`: out[ids[i]] += x[i] row by row (rows of a multiple of 4 floats), in the same
 *   order as the JS loop, so the sums are bit-identical to it;
 * - `adamw`: the fused AdamW update of kernels/adamw.ts on 4 floats at a time. f32x4 add, sub,
 *   mul, div and sqrt are IEEE float32 operations, so the results are bit-identical too;
 * - `columnSum`: the sum over rows (a bias gradient), row by row like the wasm Sum kernel.
 * The module is assembled from its opcodes with ./wasmAsm.ts (about 400 bytes), so no build step
 * or binary file is needed. When the backend's memory is not reachable, callers keep their JS
 * loops.
 */
import {
  F32,
  I32,
  V128,
  type FunctionDef,
  type WasmFn,
  add,
  block,
  br,
  brIf,
  end,
  eqz,
  fxAdd as fAdd,
  fxDiv as fDiv,
  fxMul as fMul,
  fxSplat as fSplat,
  fxSqrt as fSqrt,
  fxSub as fSub,
  geU,
  get,
  heapFunctions,
  i32,
  i32Load,
  loop,
  ltU,
  memoryFill,
  mul,
  set,
  v128Load as v128LoadAt,
  v128Store as v128StoreAt,
} from './wasmAsm';

/** Entry points; pointers are byte offsets into the tfjs wasm heap. */
export interface SimdKernels {
  /** Zeroes out[numSegments·inner], then adds row i of x to row ids[i] (ids outside are skipped). */
  segmentSum(
    x: number,
    ids: number,
    n: number,
    inner: number,
    out: number,
    numSegments: number,
  ): void;
  /** out[c] = Σ_r x[r, c] for c < width (a multiple of 4) of a row-major [rows, cols] matrix, row by row. */
  columnSum(x: number, rows: number, cols: number, out: number, width: number): void;
  /** AdamW on the first n elements (n a multiple of 4); see AdamWStepScalars for the scalars. */
  adamw(
    ptrs: [p: number, g: number, m: number, v: number, pOut: number, mOut: number, vOut: number],
    n: number,
    scalars: [
      decay: number,
      b1: number,
      c1: number,
      b2: number,
      c2: number,
      sqrtBc2: number,
      eps: number,
      stepSize: number,
    ],
  ): void;
}

const cache = new WeakMap<object, Record<string, WasmFn>>();
const v128Load = v128LoadAt();
const v128Store = v128StoreAt();

/** The SIMD kernels bound to a wasm backend's heap, or undefined when that heap is not reachable. */
export function simdKernels(backend: unknown): SimdKernels | undefined {
  const fns = heapFunctions(backend, cache, functions);
  if (fns === undefined) {
    return undefined;
  }
  return {
    segmentSum: (x, ids, n, inner, out, numSegments) =>
      fns.segsum(x, ids, n, inner, out, numSegments),
    adamw: (ptrs, n, scalars) => fns.adamw(...ptrs, n, ...scalars),
    columnSum: (x, rows, cols, out, width) => fns.colsum(x, rows, cols, out, width),
  };
}

/** `addr = base + index·scale` on the stack. */
const address = (base: number, index: number, scale: number): number[] => [
  ...get(base),
  ...get(index),
  ...i32(scale),
  ...mul,
  ...add,
];

/** dst[0..width) += src[0..width), 4 floats at a time (width a multiple of 4); uses local k. */
function rowAdd(dst: number, src: number, width: number, k: number): number[] {
  // prettier-ignore
  return [
    ...i32(0), ...set(k),
    ...block, ...loop,
    ...get(k), ...get(width), ...geU, ...brIf(1),
    ...address(dst, k, 4),
    ...address(dst, k, 4), ...v128Load, ...address(src, k, 4), ...v128Load, ...fAdd,
    ...v128Store,
    ...get(k), ...i32(4), ...add, ...set(k), ...br(0),
    ...end, ...end,
  ];
}

/** segsum(x, ids, n, inner, out, numSeg); locals: 6 i, 7 s, 8 src, 9 dst, 10 k. */
function segsumBody(): number[] {
  const [x, ids, n, inner, out, numSeg, i, s, src, dst, k] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  // prettier-ignore
  return [
    ...get(out), ...i32(0), ...get(numSeg), ...get(inner), ...mul, ...i32(4), ...mul, ...memoryFill,
    ...block, ...loop,
    ...get(i), ...get(n), ...geU, ...brIf(1),
    ...address(ids, i, 4), ...i32Load, ...set(s),
    ...block,
    ...get(s), ...get(numSeg), ...ltU, ...eqz, ...brIf(0),
    ...get(x), ...get(i), ...get(inner), ...mul, ...i32(4), ...mul, ...add, ...set(src),
    ...get(out), ...get(s), ...get(inner), ...mul, ...i32(4), ...mul, ...add, ...set(dst),
    ...rowAdd(dst, src, inner, k),
    ...end,
    ...get(i), ...i32(1), ...add, ...set(i), ...br(0),
    ...end, ...end,
  ];
}

/** colsum(x, rows, cols, out, width); locals: 5 i, 6 src, 7 k. */
function colsumBody(): number[] {
  const [x, rows, cols, out, width, i, src, k] = [0, 1, 2, 3, 4, 5, 6, 7];
  // prettier-ignore
  return [
    ...get(out), ...i32(0), ...get(width), ...i32(4), ...mul, ...memoryFill,
    ...block, ...loop,
    ...get(i), ...get(rows), ...geU, ...brIf(1),
    ...get(x), ...get(i), ...get(cols), ...mul, ...i32(4), ...mul, ...add, ...set(src),
    ...rowAdd(out, src, width, k),
    ...get(i), ...i32(1), ...add, ...set(i), ...br(0),
    ...end, ...end,
  ];
}

/** adamw(p, g, m, v, pOut, mOut, vOut, n, 8 × f32); locals: 16 j, 17–24 splats, 25 g, 26 m, 27 v. */
function adamwBody(): number[] {
  const [p, g, m, v, pOut, mOut, vOut, n, j] = [0, 1, 2, 3, 4, 5, 6, 7, 16];
  const sp = (scalar: number): number => 17 + scalar; // splat of f32 param 8 + scalar
  const [decay, b1, c1, b2, c2, s2, eps, ss] = [0, 1, 2, 3, 4, 5, 6, 7].map(sp);
  const [gi, mi, vi] = [25, 26, 27];
  const at = (ptr: number): number[] => address(ptr, j, 4);
  const splats = [0, 1, 2, 3, 4, 5, 6, 7].flatMap((s) => [...get(8 + s), ...fSplat, ...set(sp(s))]);
  // prettier-ignore
  return [
    ...splats,
    ...block, ...loop,
    ...get(j), ...get(n), ...geU, ...brIf(1),
    ...at(g), ...v128Load, ...set(gi),
    ...at(m), ...v128Load, ...get(b1), ...fMul, ...get(gi), ...get(c1), ...fMul, ...fAdd, ...set(mi),
    ...at(v), ...v128Load, ...get(b2), ...fMul, ...get(gi), ...get(gi), ...fMul, ...get(c2), ...fMul,
    ...fAdd, ...set(vi),
    ...at(mOut), ...get(mi), ...v128Store,
    ...at(vOut), ...get(vi), ...v128Store,
    ...at(pOut),
    ...at(p), ...v128Load, ...get(decay), ...fMul,
    ...get(mi), ...get(vi), ...fSqrt, ...get(s2), ...fDiv, ...get(eps), ...fAdd, ...fDiv, ...get(ss), ...fMul,
    ...fSub, ...v128Store,
    ...get(j), ...i32(4), ...add, ...set(j), ...br(0),
    ...end, ...end,
  ];
}

function functions(): FunctionDef[] {
  const repeat = (x: number, n: number): number[] => new Array<number>(n).fill(x);
  return [
    { name: 'segsum', params: 6, locals: [[5, I32]], body: segsumBody() },
    {
      name: 'adamw',
      params: [...repeat(I32, 8), ...repeat(F32, 8)],
      locals: [
        [1, I32],
        [8, V128],
        [3, V128],
      ],
      body: adamwBody(),
    },
    { name: 'colsum', params: 5, locals: [[3, I32]], body: colsumBody() },
  ];
}
