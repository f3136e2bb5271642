/**
 * The linear CKA heatmap of many large layers on the same n rows, each layer read once: `add`
 * centres a layer (float64, as ./dense.ts `centredScaled`) and keeps it on the tfjs backend as
 * float32 chunks of rows, computing its ‖XᵀX‖²_F at once; `row(i)` then gives CKA(i, j) for every
 * later j from ‖XiᵀXj‖²_F, summed over the row chunks in float64. Every self term is computed
 * once and every layer converted once, where a heatmap block by block (./compute.ts per pair of
 * blocks) repeats both. Holds 4·n·p bytes per layer; `dispose` frees them.
 *
 * Products are [p, r]·[r, q] of a transposed chunk by a chunk: on tfjs wasm (XNNPACK, one
 * thread) r = 2000 ran at ≈ 27 GFLOP/s against ≈ 17 for all 10,000 rows at once (p = q = 768),
 * and the transpose flags of matMul take a slow path (≈ 2 GFLOP/s), so chunks are transposed
 * explicitly, once per row of the heatmap.
 */
import * as tf from '@tensorflow/tfjs-core';
import { centredScaled } from './dense';
import { fastTfjsBackend, float32MinWork } from './products';
import { type Float64Matrix, ShapeError } from './types';
import { validateInputs } from './validate';

/** Rows per product chunk (measured best for n = 10,000, p = 768). */
export const streamChunkRows = 2000;

interface StoredLayer {
  /** The centred layer's rows in chunks, float32 [r, p]. */
  chunks: tf.Tensor2D[];
  /** ‖XᵀX‖²_F. */
  selfTerm: number;
}

/** Linear CKA between layers added one at a time (see the file comment). */
export class LinearCkaLayers {
  private readonly layers: StoredLayer[] = [];
  private rows = -1;

  /** @param chunkRows rows per product chunk (chunks are of near-equal size). */
  constructor(private readonly chunkRows = streamChunkRows) {}

  /**
   * Whether this beats `ckaMatrix` for layers of these feature counts on n rows: the tfjs backend
   * multiplies fast and the products are large enough that `ckaMatrix` would run them in float32
   * too (./products.ts), so both give the same values up to float32 rounding.
   */
  static pays(n: number, cols: readonly number[]): boolean {
    const features = cols.reduce((s, p) => s + p, 0);
    return fastTfjsBackend() && (n * features * features) / 2 >= float32MinWork;
  }

  /** Bytes a layer of n rows and p features holds once added. */
  static bytesPerLayer(n: number, p: number): number {
    return 4 * n * p;
  }

  /**
   * Centres and stores a layer, computing its self term.
   * @throws ShapeError when its row count differs from the first layer's (or as `ckaMatrix` for
   *   a bad shape); RangeError for non-finite values.
   */
  add(m: Float64Matrix): void {
    validateInputs([m], undefined, { estimator: 'linear' });
    if (this.rows >= 0 && m.rows !== this.rows) {
      throw new ShapeError(`CKA layers need the same rows: ${m.rows} vs ${this.rows}`);
    }
    this.rows = m.rows;
    const c = centredScaled(m);
    const count = Math.max(1, Math.round(c.rows / this.chunkRows));
    const chunks: tf.Tensor2D[] = [];
    try {
      for (let k = 0; k < count; k++) {
        const r0 = Math.floor((k * c.rows) / count);
        const r1 = Math.floor(((k + 1) * c.rows) / count);
        const part = new Float32Array(c.data.subarray(r0 * c.cols, r1 * c.cols));
        chunks.push(tf.tensor2d(part, [r1 - r0, c.cols]));
      }
      const layer: StoredLayer = { chunks, selfTerm: 0 };
      layer.selfTerm = this.crossTerms(layer, [layer])[0];
      this.layers.push(layer);
    } catch (e) {
      chunks.forEach((t) => t.dispose());
      throw e;
    }
  }

  /** CKA of layer i with layers j ≥ i (index j − i); 1 on the diagonal, NaN for a constant layer. */
  row(i: number): number[] {
    const a = this.layers[i];
    const later = this.layers.slice(i + 1);
    const terms = this.crossTerms(a, later);
    const norm = (b: StoredLayer, t: number): number => {
      const d = Math.sqrt(a.selfTerm) * Math.sqrt(b.selfTerm);
      return d > 0 ? t / d : NaN;
    };
    return [a.selfTerm > 0 ? 1 : NaN, ...later.map((b, k) => norm(b, terms[k]))];
  }

  /** Frees every stored layer. */
  dispose(): void {
    for (const l of this.layers) {
      l.chunks.forEach((t) => t.dispose());
    }
    this.layers.length = 0;
  }

  /** ‖AᵀB‖²_F for each B, A's chunks transposed once; partial products summed in float64. */
  private crossTerms(a: StoredLayer, bs: StoredLayer[]): number[] {
    if (bs.length === 0) {
      return [];
    }
    const transposed = a.chunks.map((t) => tf.transpose(t));
    try {
      return bs.map((b) => {
        let sum: Float64Array | undefined;
        transposed.forEach((at, k) => {
          const product = tf.matMul(at, b.chunks[k]);
          try {
            const values = product.dataSync();
            sum ??= new Float64Array(values.length);
            for (let v = 0; v < values.length; v++) {
              sum[v] += values[v];
            }
          } finally {
            product.dispose();
          }
        });
        let total = 0;
        for (const v of sum ?? []) {
          total += v * v;
        }
        return total;
      });
    } finally {
      transposed.forEach((t) => t.dispose());
    }
  }
}
