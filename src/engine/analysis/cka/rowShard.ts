/**
 * One share of the rows of every layer of a linear CKA heatmap (./streamed.ts): the centred rows
 * it was given, kept on the tfjs backend as float32 chunks, and the partial products XᵢᵀXⱼ over
 * them. The partial products of all shares sum to the full XᵢᵀXⱼ, so the rows of a heatmap can be
 * split between threads (./threadShard.ts), each with its own backend, and the sums added.
 *
 * Products are [p, r]·[r, q] of a transposed chunk by a chunk: on tfjs wasm (XNNPACK, one
 * thread) r = 2000 ran at ≈ 27–33 GFLOP/s against ≈ 17 for all 10,000 rows at once (p = q = 768),
 * and the transpose flags of matMul take a slow path (≈ 2 GFLOP/s), so chunks are transposed
 * explicitly, once per row of the heatmap.
 */
import * as tf from '@tensorflow/tfjs-core';

/** Rows per product chunk (measured best for n = 10,000, p = 768). */
export const streamChunkRows = 2000;

/** Receives XᵢᵀXⱼ over a share's rows, [pᵢ, pⱼ] row-major in float64. */
export type PartialSink = (j: number, values: Float64Array) => void;

/** A share of the rows of every layer, in this thread or another. */
export interface RowShard {
  /** Stores the next layer's rows of this share (centred and scaled, [rows, cols]). */
  add(rows: number, cols: number, data: Float32Array): void;
  /** XᵢᵀXⱼ over this share's rows for each j, handed to `sink` in the order of `js`. */
  partials(i: number, js: readonly number[], sink: PartialSink): Promise<void>;
  dispose(): Promise<void>;
}

/** A share held by this thread's tfjs backend. */
export class LocalRowShard implements RowShard {
  private readonly layers: tf.Tensor2D[][] = [];

  constructor(private readonly chunkRows = streamChunkRows) {}

  add(rows: number, cols: number, data: Float32Array): void {
    const count = Math.max(1, Math.round(rows / this.chunkRows));
    const chunks: tf.Tensor2D[] = [];
    for (let k = 0; k < count; k++) {
      const r0 = Math.floor((k * rows) / count);
      const r1 = Math.floor(((k + 1) * rows) / count);
      chunks.push(tf.tensor2d(data.subarray(r0 * cols, r1 * cols), [r1 - r0, cols]));
    }
    this.layers.push(chunks);
  }

  partials(i: number, js: readonly number[], sink: PartialSink): Promise<void> {
    try {
      this.partialsNow(i, js, sink);
      return Promise.resolve();
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }

  /** The same, synchronously (the thread side runs it between messages). */
  partialsNow(i: number, js: readonly number[], sink: PartialSink): void {
    if (js.length === 0) {
      return;
    }
    const transposed = this.layers[i].map((t) => tf.transpose(t));
    try {
      for (const j of js) {
        sink(j, this.product(transposed, this.layers[j]));
      }
    } finally {
      transposed.forEach((t) => t.dispose());
    }
  }

  dispose(): Promise<void> {
    this.layers.forEach((chunks) => chunks.forEach((t) => t.dispose()));
    this.layers.length = 0;
    return Promise.resolve();
  }

  /** Σₖ AₖᵀBₖ over the chunks, summed in float64. */
  private product(transposed: tf.Tensor2D[], b: tf.Tensor2D[]): Float64Array {
    let sum: Float64Array | undefined;
    transposed.forEach((at, k) => {
      const product = tf.matMul(at, b[k]);
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
    return sum ?? new Float64Array(0);
  }
}
