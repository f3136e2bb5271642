/**
 * The linear CKA heatmap of many large layers on the same n rows, each layer read once: `add`
 * centres a layer (float64 arithmetic, as ./dense.ts `centredScaled`, without a float64 copy) and keeps it on the tfjs backend as
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
import { fastTfjsBackend, float32MinWork } from './products';
import { ShapeError } from './types';

/** A layer [rows, cols] as stored (float32 or float64), row-major. */
export interface LayerMatrix {
  rows: number;
  cols: number;
  data: Float32Array | Float64Array;
}

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
   * @throws ShapeError when its row count differs from the first layer's or its shape is bad;
   *   RangeError for non-finite values.
   */
  add(m: LayerMatrix): void {
    if (this.rows >= 0 && m.rows !== this.rows) {
      throw new ShapeError(`CKA layers need the same rows: ${m.rows} vs ${this.rows}`);
    }
    if (m.rows < 2 || m.cols < 1 || m.data.length !== m.rows * m.cols) {
      throw new ShapeError(
        `linear CKA needs [examples ≥ 2, features ≥ 1] matrices; got [${m.rows}, ${m.cols}] with ${m.data.length} values`,
      );
    }
    this.rows = m.rows;
    const count = Math.max(1, Math.round(m.rows / this.chunkRows));
    const bounds = Array.from({ length: count + 1 }, (_, k) => Math.floor((k * m.rows) / count));
    const chunks: tf.Tensor2D[] = [];
    try {
      const centred = centring(m);
      for (let k = 0; k < count; k++) {
        const part = centredRows(m, centred, bounds[k], bounds[k + 1]);
        chunks.push(tf.tensor2d(part, [bounds[k + 1] - bounds[k], m.cols]));
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

/** Column means and the power-of-two scale of ./dense.ts `centredScaled`, in float64. */
function centring(m: LayerMatrix): { mean: Float64Array; scale: number } {
  const { rows: n, cols: p, data } = m;
  const mean = new Float64Array(p);
  let raw = 0;
  let probe = 0; // NaN for NaN and ±Infinity, else 0
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      const v = data[i * p + j];
      mean[j] += v;
      raw += v * v;
      probe += v * 0;
    }
  }
  if (probe !== 0) {
    throw new RangeError('CKA needs finite values; a layer has NaN or ±Infinity');
  }
  let meanSq = 0;
  for (let j = 0; j < p; j++) {
    mean[j] /= n;
    meanSq += mean[j] * mean[j];
  }
  const scale = powerOfTwo(raw / (n * p) - meanSq / p);
  let ss = 0;
  let max = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      const v = (data[i * p + j] - mean[j]) * scale;
      ss += v * v;
      max = Math.max(max, Math.abs(v));
    }
  }
  const fix =
    ss > 0 && Number.isFinite(ss)
      ? powerOfTwo(ss / (n * p))
      : max > 0
        ? 2 ** -Math.ceil(Math.log2(max))
        : 1;
  return { mean, scale: fix > 2 ** 8 || fix < 2 ** -8 ? scale * fix : scale };
}

/** Rows [r0, r1) centred and scaled, rounded to float32 once (the same values as the float64 path). */
function centredRows(
  m: LayerMatrix,
  c: { mean: Float64Array; scale: number },
  r0: number,
  r1: number,
): Float32Array {
  const p = m.cols;
  const out = new Float32Array((r1 - r0) * p);
  for (let i = r0; i < r1; i++) {
    for (let j = 0; j < p; j++) {
      out[(i - r0) * p + j] = (m.data[i * p + j] - c.mean[j]) * c.scale;
    }
  }
  return out;
}

/** 2^k bringing a mean square near 1; 1 for 0 or non-finite. */
function powerOfTwo(meanSquare: number): number {
  return meanSquare > 0 && Number.isFinite(meanSquare)
    ? 2 ** -Math.round(Math.log2(meanSquare) / 2)
    : 1;
}
