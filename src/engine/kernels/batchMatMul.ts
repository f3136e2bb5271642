/**
 * Batched matrix products (batch > 1) on wasm as a SIMD loop on the tfjs heap. tfjs-backend-wasm
 * sends every BatchMatMul with a batch dimension to a naive loop (about 1.2 GFLOP/s); attention
 * runs only such products ([B·H, T, d/H] by [B·H, d/H, T] and [B·H, T, T] by [B·H, T, d/H], and
 * their gradients), which made them 2/3 of a small transformer's step.
 *
 * Each output row is built as Σ_k a[i, k]·b[k, :] (axpy over contiguous rows of b, 4 floats at a
 * time, the last N mod 4 columns scalar), accumulating over k in order. transposeA only changes
 * which element of a is read; for transposeB the (small, in attention) b operand is transposed
 * first with the backend's Transpose kernel. Products without a batch dimension, with broadcast
 * batch dimensions or non-float32 operands go to the previous kernel (XNNPACK for batch 1).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { loopRunner } from './memory';
import {
  type FunctionDef,
  F32,
  I32,
  V128,
  type WasmFn,
  add,
  block,
  br,
  brIf,
  end,
  f32Add,
  f32Load,
  f32Mul,
  f32Store,
  f32Zero,
  forLoop,
  fxAdd,
  fxMul,
  fxSplat,
  geU,
  get,
  gtU,
  heapFunctions,
  i32,
  inc,
  loop,
  mul,
  set,
  v128Load,
  v128Store,
} from './wasmAsm';

interface DisposableBackend {
  disposeData(dataId: object): boolean;
}

const cache = new WeakMap<object, Record<string, WasmFn>>();
const wrapped = new WeakSet<KernelFunc>();

/** Wraps the wasm BatchMatMul kernel (whatever is registered now) with the batched SIMD path. */
export function registerBatchMatMulKernel(): void {
  const original = tf.getKernel('BatchMatMul', 'wasm');
  const transpose = tf.getKernel('Transpose', 'wasm');
  const run = loopRunner('wasm');
  if (original === undefined || transpose === undefined || run === undefined) {
    return;
  }
  if (wrapped.has(original.kernelFunc)) {
    return;
  }
  const inner = original.kernelFunc;
  const kernelFunc: KernelFunc = (args) => {
    const a = args.inputs.a as TensorInfo;
    const b = args.inputs.b as TensorInfo;
    const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
    const bmm = heapFunctions(args.backend, cache, () => [bmmDef()])?.bmm;
    const batch = batchOf(a);
    if (bmm === undefined || !batchedCase(a, b) || a.dtype !== 'float32') {
      return inner(args);
    }
    const backend = args.backend as unknown as DisposableBackend;
    const rank = b.shape.length;
    const [ar, ac] = [a.shape[rank - 2], a.shape[rank - 1]];
    const [M, K] = transposeA ? [ac, ar] : [ar, ac];
    const innerB = transposeB ? b.shape[rank - 1] : b.shape[rank - 2];
    if (K !== innerB) {
      throw new Error(
        `Error in matMul: inner shapes (${K}) and (${innerB}) of Tensors with shapes ` +
          `${a.shape.join(',')} and ${b.shape.join(',')} and transposeA=${transposeA} and ` +
          `transposeB=${transposeB} must match.`,
      );
    }
    let bn = b;
    if (transposeB) {
      const perm = [...Array(rank).keys()];
      [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
      bn = transpose.kernelFunc({
        inputs: { x: b },
        backend: args.backend,
        attrs: { perm },
      }) as TensorInfo;
    }
    const N = bn.shape[rank - 1];
    const shape = [...a.shape.slice(0, -2), M, N];
    const [aRow, aCol] = transposeA ? [1, M] : [K, 1];
    const out = run(args.backend, [a, bn], [{ shape, dtype: 'float32' }], ([av, bv], [ov]) => {
      bmm(av.byteOffset, bv.byteOffset, ov.byteOffset, batch, M, K, N, aRow, aCol);
    })[0];
    if (bn !== b) {
      backend.disposeData(bn.dataId);
    }
    return out;
  };
  wrapped.add(kernelFunc);
  tf.unregisterKernel('BatchMatMul', 'wasm');
  const config: KernelConfig = { ...original, kernelFunc };
  tf.registerKernel(config);
}

function batchOf(x: TensorInfo): number {
  return x.shape.slice(0, -2).reduce((p, q) => p * q, 1);
}

/** Same rank ≥ 3, identical batch dimensions, more than one product. */
function batchedCase(a: TensorInfo, b: TensorInfo): boolean {
  const rank = a.shape.length;
  return (
    rank >= 3 &&
    b.shape.length === rank &&
    b.dtype === 'float32' &&
    a.shape.slice(0, -2).every((d, i) => d === b.shape[i]) &&
    batchOf(a) > 1
  );
}

// Locals of bmm: parameters 0–8, then i32 9–19, f32 20, v128 21–25.
const [a, b, out, batch, M, K, N, aRow, aCol] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
const [t, i, j, k, aP, bP, aBase, bBase, oRow, aStep, bStep] = [
  9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
];
const accS = 20;
const [aV, acc0] = [21, 22]; // acc0..acc0+3

/**
 * One block of `width` output columns (16, 4 or 1) of row i, starting at column j:
 * acc = Σ_k a[i, k]·b[k, j : j + width], in registers, then stored; j += width.
 */
function columnBlock(width: 16 | 4 | 1): number[] {
  const regs = width === 16 ? 4 : 1;
  const zero = width === 1 ? [...f32Zero, ...set(accS)] : [];
  for (let r = 0; width > 1 && r < regs; r++) zero.push(...f32Zero, ...fxSplat, ...set(acc0 + r));
  const step: number[] = [];
  if (width === 1) {
    step.push(
      ...get(accS),
      ...get(aP),
      ...f32Load(),
      ...get(bP),
      ...f32Load(),
      ...f32Mul,
      ...f32Add,
      ...set(accS),
    );
  } else {
    step.push(...get(aP), ...f32Load(), ...fxSplat, ...set(aV));
    for (let r = 0; r < regs; r++) {
      step.push(
        ...get(acc0 + r),
        ...get(aV),
        ...get(bP),
        ...v128Load(16 * r),
        ...fxMul,
        ...fxAdd,
        ...set(acc0 + r),
      );
    }
  }
  const store: number[] = [];
  if (width === 1) {
    store.push(...get(oRow), ...get(j), ...i32(4), ...mul, ...add, ...get(accS), ...f32Store());
  } else {
    for (let r = 0; r < regs; r++) {
      store.push(
        ...get(oRow),
        ...get(j),
        ...i32(4),
        ...mul,
        ...add,
        ...get(acc0 + r),
        ...v128Store(16 * r),
      );
    }
  }
  // prettier-ignore
  return [
    ...zero,
    ...get(aBase), ...set(aP),
    ...get(bBase), ...get(j), ...i32(4), ...mul, ...add, ...set(bP),
    ...i32(0), ...set(k),
    ...block, ...loop,
    ...get(k), ...get(K), ...geU, ...brIf(1),
    ...step,
    ...inc(aP, get(aStep)), ...inc(bP, get(bStep)), ...inc(k, i32(1)),
    ...br(0),
    ...end, ...end,
    ...store,
    ...inc(j, i32(width)),
  ];
}

/** while (j + width <= N) columnBlock(width). */
function columnBlocks(width: 16 | 4 | 1): number[] {
  // prettier-ignore
  return [
    ...block, ...loop,
    ...get(j), ...i32(width), ...add, ...get(N), ...gtU, ...brIf(1),
    ...columnBlock(width),
    ...br(0),
    ...end, ...end,
  ];
}

/**
 * bmm(a, b, out, batch, M, K, N, aRow, aCol): out[t, i, j] = Σ_k a[t·M·K + i·aRow + k·aCol]·b[t, k, j]
 * for b [batch, K, N] and out [batch, M, N] row-major (byte pointers; strides in elements).
 */
function bmmDef(): FunctionDef {
  // prettier-ignore
  const row = [
    // aBase = a + 4·(t·M·K + i·aRow); oRow = out + 4·(t·M + i)·N; bBase = b + 4·t·K·N
    ...get(a), ...get(t), ...get(M), ...mul, ...get(K), ...mul, ...get(i), ...get(aRow), ...mul, ...add,
    ...i32(4), ...mul, ...add, ...set(aBase),
    ...get(out), ...get(t), ...get(M), ...mul, ...get(i), ...add, ...get(N), ...mul, ...i32(4), ...mul,
    ...add, ...set(oRow),
    ...get(b), ...get(t), ...get(K), ...mul, ...get(N), ...mul, ...i32(4), ...mul, ...add, ...set(bBase),
    ...i32(0), ...set(j),
    ...columnBlocks(16), ...columnBlocks(4), ...columnBlocks(1),
  ];
  // prettier-ignore
  const body = [
    ...get(aCol), ...i32(4), ...mul, ...set(aStep),
    ...get(N), ...i32(4), ...mul, ...set(bStep),
    ...forLoop(t, batch, forLoop(i, M, row)),
  ];
  return {
    name: 'bmm',
    params: 9,
    locals: [
      [11, I32],
      [1, F32],
      [5, V128],
    ],
    body,
  };
}
