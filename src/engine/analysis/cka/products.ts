/**
 * The large products of the CKA suite (‖XᵀX‖²_F, ‖XᵀY‖²_F, XXᵀ) behind one interface, with two
 * implementations: float64 loops (./dense.ts) and float32 matMul on the active tfjs backend
 * (./tfProducts.ts) with float64 accumulation of the results.
 *
 * Which one runs (measured on this project's 2-core machine, Node 20, n = 2000, p = 512; see
 * bench/cka):
 * - float64 loops, 2×2 blocked: ≈ 5 GFLOP/s, ‖XᵀX‖² in ≈ 100 ms; ml-matrix `mmul` runs ≈ 3.5×
 *   slower than these loops side by side, a plain triple loop ≈ 1.5 GFLOP/s.
 * - tfjs wasm (XNNPACK, SIMD, one thread under Node): ≈ 35–40 GFLOP/s; ‖XᵀX‖² in ≈ 25 ms as two
 *   column blocks of the lower triangle (75 % of the full product, ≈ 29 ms), XᵀY in ≈ 27 ms,
 *   XXᵀ in ≈ 65 ms as eight 256-row blocks (≈ 100 ms whole). Inputs are centred and scaled in
 *   float64 first; the float32 products then cost a relative error of ≤ 5e-7 in CKA on the numpy
 *   fixture (tested ≤ 1e-4).
 * Products of fewer than `float32MinWork` multiply-adds stay on the float64 loops (exact to
 * ≈ 1e-15, and the tfjs round trip would not pay off); larger ones use tfjs when the backend is
 * wasm or tfjs-node. The pure-JS cpu backend is slower than the float64 loops and is never used.
 * One pair is then bounded by its 2·n·p² multiply-adds on one core (≈ 60 ms here): numpy with
 * OpenBLAS on both cores is about twice as fast; the heatmap gains from building each Gram once.
 */
import * as tf from '@tensorflow/tfjs-core';
import { crossFrobenius2, gramOf, transposed } from './dense';
import { tfjsProducts } from './tfProducts';
import type { Float64Matrix } from './types';

/** A matrix made ready for repeated products by one engine; release it when done. */
export interface Loaded {
  readonly m: Float64Matrix;
}

/** The product kernels. All inputs are already centred; results are float64. */
export interface ProductEngine {
  readonly kind: 'float64' | 'float32';
  load: (m: Float64Matrix) => Loaded;
  /** ‖MᵀM‖²_F. */
  selfFrobenius2: (a: Loaded) => number;
  /** ‖AᵀB‖²_F (same rows). */
  crossFrobenius2: (a: Loaded, b: Loaded) => number;
  /** M Mᵀ, n×n row-major (symmetric). */
  gram: (a: Loaded) => Float64Array;
  release: (a: Loaded) => void;
}

/** Below this many multiply-adds the float64 loops are used. */
export const float32MinWork = 2e7;

/** How much faster the float32 engine multiplies than the float64 loops (for the cost model). */
export const float32Speedup = 6;

/** Which engine to use: forced, or by the work and the active tfjs backend. */
export type ProductChoice = 'auto' | 'float64' | 'float32';

/** Whether the active tfjs backend multiplies faster than the float64 loops. */
export function fastTfjsBackend(): boolean {
  const name = tf.getBackend() as string | undefined;
  return name === 'wasm' || name === 'tensorflow';
}

/** The engine for `work` multiply-adds of products. */
export function productEngine(work: number, choice: ProductChoice = 'auto'): ProductEngine {
  if (choice === 'float32') {
    if (!fastTfjsBackend()) {
      throw new Error('float32 CKA products need the tfjs wasm or node backend to be initialised');
    }
    return tfjsProducts;
  }
  if (choice === 'auto' && work >= float32MinWork && fastTfjsBackend()) {
    return tfjsProducts;
  }
  return float64Products;
}

interface Float64Loaded extends Loaded {
  t?: Float64Array;
}

const transposeOf = (a: Float64Loaded): Float64Array => (a.t ??= transposed(a.m));

/** Products by the float64 loops of ./dense.ts. */
export const float64Products: ProductEngine = {
  kind: 'float64',
  load: (m) => ({ m }),
  selfFrobenius2: (a) => {
    const { rows: n, cols: p } = a.m;
    const t = transposeOf(a);
    return crossFrobenius2(t, p, t, p, n, true);
  },
  crossFrobenius2: (a, b) =>
    crossFrobenius2(transposeOf(a), a.m.cols, transposeOf(b), b.m.cols, a.m.rows, false),
  gram: (a) => gramOf(a.m),
  release: (a) => {
    delete (a as Float64Loaded).t;
  },
};
