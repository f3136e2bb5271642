/**
 * CKA products as float32 matMuls on the active tfjs backend (wasm: XNNPACK), read back and
 * summed in float64. Symmetric products are computed as blocks on and below the diagonal only.
 * Every tensor is disposed: loaded matrices by `release`, intermediates at once.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Loaded, ProductEngine } from './products';
import type { Float64Matrix } from './types';

interface TfLoaded extends Loaded {
  /** M [n, p] in float32. */
  x: tf.Tensor2D;
  /** Mᵀ [p, n] in float32, made on first use. */
  xt?: tf.Tensor2D;
}

const tensors = (a: Loaded): { x: tf.Tensor2D; xt: tf.Tensor2D } => {
  const t = a as TfLoaded;
  t.xt ??= tf.transpose(t.x);
  return { x: t.x, xt: t.xt };
};

/**
 * Column blocks of the lower triangle of a symmetric product: ‖XᵀX‖² in blocks of 256 features,
 * XXᵀ in blocks of 256 examples (measured best for n = 2000, p = 512).
 */
const featureBlock = 256;
const gramBlock = 256;

function load(m: Float64Matrix): TfLoaded {
  const x = tf.tensor2d(new Float32Array(m.data), [m.rows, m.cols]);
  return { m, x };
}

/**
 * The block columns of S = A·Aᵀ on and below the diagonal (a = A [m, k], at = Aᵀ [k, m]): for each
 * block of `width` columns starting at j0, `sink(j0, width, values)` gets the [m − j0, width]
 * product A[j0:] · Aᵀ[:, j0:j0+width], i.e. values[r·width + c] = S[j0 + r][j0 + c]; its first
 * `width` rows are the diagonal block. The narrow operand is the one XNNPACK packs per call.
 */
function lowerBlocks(
  a: tf.Tensor2D,
  at: tf.Tensor2D,
  block: number,
  sink: (j0: number, width: number, values: Float32Array) => void,
): void {
  const [m, k] = a.shape;
  for (let j0 = 0; j0 < m; j0 += block) {
    const width = Math.min(block, m - j0);
    const product = tf.tidy(() =>
      tf.matMul(tf.slice(a, [j0, 0], [m - j0, k]), tf.slice(at, [0, j0], [k, width])),
    );
    try {
      sink(j0, width, product.dataSync() as Float32Array);
    } finally {
      product.dispose();
    }
  }
}

function selfFrobenius2(a: Loaded): number {
  const { x, xt } = tensors(a);
  let total = 0;
  lowerBlocks(xt, x, featureBlock, (_, width, values) => {
    let diagonal = 0;
    let below = 0;
    const split = width * width;
    for (let i = 0; i < split; i++) {
      diagonal += values[i] * values[i];
    }
    for (let i = split; i < values.length; i++) {
      below += values[i] * values[i];
    }
    total += diagonal + 2 * below;
  });
  return total;
}

function crossFrobenius2(a: Loaded, b: Loaded): number {
  const product = tf.matMul(tensors(a).xt, (b as TfLoaded).x);
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
  const { x, xt } = tensors(a);
  const n = a.m.rows;
  const out = new Float64Array(n * n);
  lowerBlocks(x, xt, gramBlock, (j0, width, values) => {
    for (let r = 0; r < n - j0; r++) {
      const cols = Math.min(width, r + 1);
      out.set(values.subarray(r * width, r * width + cols), (j0 + r) * n + j0);
    }
  });
  mirrorLower(out, n);
  return out;
}

/** Copies the lower triangle of an n×n matrix onto the upper one, in cache-sized tiles. */
function mirrorLower(m: Float64Array, n: number): void {
  const tile = 64;
  for (let i0 = 0; i0 < n; i0 += tile) {
    for (let j0 = i0; j0 < n; j0 += tile) {
      for (let i = i0; i < Math.min(i0 + tile, n); i++) {
        for (let j = Math.max(j0, i + 1); j < Math.min(j0 + tile, n); j++) {
          m[i * n + j] = m[j * n + i];
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
    xt?.dispose();
  },
};
