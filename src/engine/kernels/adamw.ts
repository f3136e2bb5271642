/**
 * One fused AdamW update per parameter as a loop kernel (`ReplensAdamW`, wasm and cpu), in
 * place of the 14 tensor ops per parameter of the op-by-op update: the update of ~50k
 * parameters is cheap, the per-op cost (kernel dispatch, scalar uploads, allocations) is not.
 *
 * Each arithmetic step is rounded to float32 (Math.fround) in the same order as the op-by-op
 * update in train/adamw.ts; float32 +, −, ×, ÷ and √ computed in float64 and rounded once are
 * exactly the float32 results, so both paths give bit-identical parameters. On wasm, all but the
 * last n mod 4 elements run in the SIMD module (./simd.ts), with the same float32 operations.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { type LoopRunner, loopRunner } from './memory';
import { simdKernels } from './simd';

const kernelName = 'ReplensAdamW';

/** Scalars of one update (see AdamW.apply). */
export interface AdamWStepScalars {
  /** 1 − lr·weightDecay. */
  decay: number;
  beta1: number;
  beta2: number;
  eps: number;
  /** lr / (1 − β₁ᵗ). */
  stepSize: number;
  /** √(1 − β₂ᵗ). */
  sqrtBc2: number;
}

/** Registers `ReplensAdamW` on `backendName` when its memory is reachable (wasm, cpu). */
export function registerAdamWKernel(backendName: string): void {
  const run = loopRunner(backendName);
  if (run !== undefined && tf.getKernel(kernelName, backendName) === undefined) {
    tf.registerKernel({ kernelName, backendName, kernelFunc: adamwKernel(run) });
  }
}

/** True when the active backend has the fused update. */
export function hasFusedAdamW(): boolean {
  return tf.getKernel(kernelName, tf.getBackend()) !== undefined;
}

/**
 * The updated parameter, first and second moments (new tensors, owned by the caller).
 * Call only when `hasFusedAdamW()`.
 */
export function fusedAdamW(
  param: tf.Tensor,
  grad: tf.Tensor,
  expAvg: tf.Tensor,
  expAvgSq: tf.Tensor,
  s: AdamWStepScalars,
): [tf.Tensor, tf.Tensor, tf.Tensor] {
  const inputs = { param, grad, expAvg, expAvgSq };
  const attrs = { ...s };
  const out = tf.engine().runKernel<tf.Tensor[]>(kernelName, inputs, attrs);
  return [out[0], out[1], out[2]];
}

function adamwKernel(run: LoopRunner): KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const names = ['param', 'grad', 'expAvg', 'expAvgSq'];
    const ins = names.map((n) => inputs[n] as TensorInfo);
    if (ins.some((t) => t.dtype !== 'float32')) {
      throw new Error(`${kernelName}: float32 tensors only`);
    }
    const s = attrs as unknown as AdamWStepScalars;
    const f = Math.fround;
    const [decay, b1, c1, b2, c2] = [s.decay, s.beta1, 1 - s.beta1, s.beta2, 1 - s.beta2].map(f);
    const [eps, stepSize, sqrtBc2] = [s.eps, s.stepSize, s.sqrtBc2].map(f);
    const spec = { shape: ins[0].shape, dtype: ins[0].dtype };
    const simd = simdKernels(backend);
    return run(backend, ins, [spec, spec, spec], ([p, g, m, v], [pOut, mOut, vOut]) => {
      let start = 0;
      if (simd !== undefined) {
        start = p.length - (p.length % 4);
        const ptrs = [p, g, m, v, pOut, mOut, vOut].map((a) => a.byteOffset);
        const scalars = [decay, b1, c1, b2, c2, sqrtBc2, eps, stepSize] as const;
        simd.adamw(ptrs as Parameters<typeof simd.adamw>[0], start, [...scalars]);
      }
      for (let i = start; i < p.length; i++) {
        const gi = g[i];
        const decayed = f(p[i] * decay);
        const mi = f(f(m[i] * b1) + f(gi * c1));
        const vi = f(f(v[i] * b2) + f(f(gi * gi) * c2));
        const denom = f(f(f(Math.sqrt(vi)) / sqrtBc2) + eps);
        pOut[i] = f(decayed - f(f(mi / denom) * stepSize));
        mOut[i] = mi;
        vOut[i] = vi;
      }
    });
  };
}
