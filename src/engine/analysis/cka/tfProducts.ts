/**
 * CKA products as float32 matMuls on the active tfjs backend (wasm: XNNPACK), read back and
 * summed in float64. Symmetric products are computed as blocks on and above the diagonal only.
 * Every tensor is disposed: loaded matrices by `release`, intermediates at once.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Loaded, ProductEngine } from './products';
import type { Float64Matrix } from './types';

interface TfLoaded extends Loaded {
  /** M [n, p] in float32. */
  x: tf.Tensor2D;
  /** Mᵀ [p, n] in float32. */
  xt: tf.Tensor2D;
}

/** Column block of ‖XᵀX‖² and row block of XXᵀ (measured best for n = 2000, p = 512). */
const featureBlock = 128;
const gramBlock = 256;

function load(m: Float64Matrix): TfLoaded {
  const x = tf.tensor2d(new Float32Array(m.data), [m.rows, m.cols]);
  return { m, x, xt: tf.transpose(x) };
}

/**
 * The upper block triangle of L·R for R = Lᵀ (L [m, k], rt = Lᵀ [k, m]): for each block of
 * `block` rows starting at i0, `sink(i0, rows, values)` gets the [rows, m − i0] product of those
 * rows with columns i0.. (the first `rows` columns are the diagonal block).
 */
function upperBlocks(
  l: tf.Tensor2D,
  rt: tf.Tensor2D,
  block: number,
  sink: (i0: number, rows: number, values: Float32Array) => void,
): void {
  const [m, k] = l.shape;
  for (let i0 = 0; i0 < m; i0 += block) {
    const rows = Math.min(block, m - i0);
    const product = tf.tidy(() =>
      tf.matMul(tf.slice(l, [i0, 0], [rows, k]), tf.slice(rt, [0, i0], [k, m - i0])),
    );
    try {
      sink(i0, rows, product.dataSync() as Float32Array);
    } finally {
      product.dispose();
    }
  }
}

function selfFrobenius2(a: Loaded): number {
  const { x, xt } = a as TfLoaded;
  let total = 0;
  upperBlocks(xt, x, featureBlock, (i0, rows, values) => {
    const width = a.m.cols - i0;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < width; c++) {
        const v = values[r * width + c];
        total += (c < rows ? 1 : 2) * v * v;
      }
    }
  });
  return total;
}

function crossFrobenius2(a: Loaded, b: Loaded): number {
  const product = tf.matMul((a as TfLoaded).xt, (b as TfLoaded).x);
  try {
    const values = product.dataSync();
    let total = 0;
    for (let i = 0; i < values.length; i++) {
      total += values[i] * values[i];
    }
    return total;
  } finally {
    product.dispose();
  }
}

function gram(a: Loaded): Float64Array {
  const { x, xt } = a as TfLoaded;
  const n = a.m.rows;
  const out = new Float64Array(n * n);
  upperBlocks(x, xt, gramBlock, (i0, rows, values) => {
    const width = n - i0;
    for (let r = 0; r < rows; r++) {
      const i = i0 + r;
      out.set(values.subarray(r * width + r, (r + 1) * width), i * n + i);
    }
  });
  mirrorUpper(out, n);
  return out;
}

/** Copies the upper triangle of an n×n matrix onto the lower one, in cache-sized tiles. */
function mirrorUpper(m: Float64Array, n: number): void {
  const tile = 64;
  for (let i0 = 0; i0 < n; i0 += tile) {
    for (let j0 = i0; j0 < n; j0 += tile) {
      for (let i = i0; i < Math.min(i0 + tile, n); i++) {
        for (let j = Math.max(j0, i + 1); j < Math.min(j0 + tile, n); j++) {
          m[j * n + i] = m[i * n + j];
        }
      }
    }
  }
}

/** Products by tfjs matMul in float32 (see ./products.ts for when this engine runs). */
export const tfjsProducts: ProductEngine = {
  kind: 'float32',
  load,
  selfFrobenius2,
  crossFrobenius2,
  gram,
  release: (a) => {
    const { x, xt } = a as TfLoaded;
    x.dispose();
    xt.dispose();
  },
};
