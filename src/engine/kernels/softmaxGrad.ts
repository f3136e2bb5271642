/**
 * Softmax over the last axis with a fused gradient, for attention weights. tfjs differentiates
 * Softmax as dy·y − y·Σ(dy·y) with four kernels over the whole [B, H, T, T] tensor (a broadcast
 * multiply among them); on wasm that took about 5 ms per attention layer of the benchmark
 * transformer, four times the forward softmax. `ReplensSoftmaxGrad` computes
 *   dx[r, :] = y[r, :] ⊙ (dy[r, :] − Σ_j dy[r, j]·y[r, j])
 * in one pass per row: a SIMD loop on the wasm heap, a plain loop on cpu. Backends without the
 * kernel (tfjs-node) use the op-by-op formula. First order only (the gradient reads the saved
 * output, so a second derivative through it would be wrong).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { type LoopRunner, loopRunner } from './memory';
import {
  F32,
  type FunctionDef,
  I32,
  V128,
  type WasmFn,
  and,
  at,
  f32Add,
  f32Load,
  f32Mul,
  f32Store,
  f32Sub,
  f32Zero,
  forLoop,
  fxAdd,
  fxLane,
  fxMul,
  fxSplat,
  fxSub,
  get,
  heapFunctions,
  i32,
  mul,
  set,
  sub,
  v128Load,
  v128Store,
} from './wasmAsm';

const kernelName = 'ReplensSoftmaxGrad';
const cache = new WeakMap<object, Record<string, WasmFn>>();

/** Registers `ReplensSoftmaxGrad` on `backendName` when its memory is reachable (wasm, cpu). */
export function registerSoftmaxGradKernel(backendName: string): void {
  const run = loopRunner(backendName);
  if (run !== undefined && tf.getKernel(kernelName, backendName) === undefined) {
    tf.registerKernel({ kernelName, backendName, kernelFunc: softmaxGradKernel(run) });
  }
}

/** softmax(x) over the last axis, differentiated by `ReplensSoftmaxGrad` where available. */
export function softmaxLastAxis<T extends tf.Tensor>(x: T): T {
  const fn = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [logits, save] = args as [tf.Tensor, tf.GradSaveFunc];
    const y = tf.softmax(logits);
    save([y]);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor => softmaxGrad(saved[0], dy);
    return { value: y, gradFunc };
  });
  return fn(x) as T;
}

function softmaxGrad(y: tf.Tensor, dy: tf.Tensor): tf.Tensor {
  if (tf.getKernel(kernelName, tf.getBackend()) !== undefined && y.dtype === 'float32') {
    return tf.engine().runKernel<tf.Tensor>(kernelName, { y, dy });
  }
  const dyy = tf.mul(dy, y);
  return tf.sub(dyy, tf.mul(tf.sum(dyy, -1, true), y));
}

function softmaxGradKernel(run: LoopRunner): KernelFunc {
  return ({ inputs, backend }) => {
    const y = inputs.y as TensorInfo;
    const dy = inputs.dy as TensorInfo;
    const n = y.shape[y.shape.length - 1] ?? 1;
    const size = y.shape.reduce((p, q) => p * q, 1);
    const rows = n === 0 ? 0 : size / n;
    const simd = heapFunctions(backend, cache, () => [softmaxGradDef()]);
    const outputs = [{ shape: [...y.shape], dtype: y.dtype }];
    return run(backend, [y, dy], outputs, ([yv, dv], [out]) => {
      if (simd !== undefined) {
        simd.sgrad(yv.byteOffset, dv.byteOffset, out.byteOffset, rows, n);
        return;
      }
      const f = Math.fround;
      for (let r = 0; r < rows; r++) {
        let s = 0;
        for (let j = r * n; j < (r + 1) * n; j++) {
          s = f(s + f(yv[j] * dv[j]));
        }
        for (let j = r * n; j < (r + 1) * n; j++) {
          out[j] = f(yv[j] * f(dv[j] - s));
        }
      }
    })[0];
  };
}

/** sgrad(y, dy, out, rows, n); locals: 5 r, 6 j, 7 n4, 8 yR, 9 dR, 10 oR (i32), 11 s (f32), 12 acc, 13 sv. */
function softmaxGradDef(): FunctionDef {
  const [y, dy, out, rows, n, r, j, n4, yR, dR, oR, s, acc, sv] = [...Array(14).keys()];
  const rowPtr = (base: number): number[] => at(base, [...get(r), ...get(n), ...mul]);
  const ld = (base: number): number[] => [...at(base, get(j)), ...v128Load()];
  const ld1 = (base: number): number[] => [...at(base, get(j)), ...f32Load()];
  // prettier-ignore
  const row = [
    ...rowPtr(y), ...set(yR), ...rowPtr(dy), ...set(dR), ...rowPtr(out), ...set(oR),
    ...f32Zero, ...fxSplat, ...set(acc),
    ...forLoop(j, n4, [...get(acc), ...ld(yR), ...ld(dR), ...fxMul, ...fxAdd, ...set(acc)], i32(0), 4),
    ...get(acc), ...fxLane(0), ...get(acc), ...fxLane(1), ...f32Add,
    ...get(acc), ...fxLane(2), ...f32Add, ...get(acc), ...fxLane(3), ...f32Add, ...set(s),
    ...forLoop(j, n, [...get(s), ...ld1(yR), ...ld1(dR), ...f32Mul, ...f32Add, ...set(s)], get(n4)),
    ...get(s), ...fxSplat, ...set(sv),
    ...forLoop(j, n4, [
      ...at(oR, get(j)), ...ld(yR), ...ld(dR), ...get(sv), ...fxSub, ...fxMul, ...v128Store(),
    ], i32(0), 4),
    ...forLoop(j, n, [
      ...at(oR, get(j)), ...ld1(yR), ...ld1(dR), ...get(s), ...f32Sub, ...f32Mul, ...f32Store(),
    ], get(n4)),
  ];
  // prettier-ignore
  const body = [
    ...get(n), ...get(n), ...i32(3), ...and, ...sub, ...set(n4),
    ...forLoop(r, rows, row),
  ];
  return {
    name: 'sgrad',
    params: 5,
    locals: [
      [6, I32],
      [1, F32],
      [2, V128],
    ],
    body,
  };
}
