/**
 * The linear CKA heatmap of many large layers on the same n rows, each layer read once: `add`
 * centres a layer (float64 arithmetic, as ./dense.ts `centredScaled`, without a float64 copy) and
 * hands its rows, rounded to float32 once, to the shares (./rowShard.ts) — one multiplied by the
 * system BLAS when the native add-on loads (./nativeShard.ts), else one in this thread, or one per
 * thread (./threadShard.ts) with the rows split between them; `row(i)` then gives CKA(i, j)
 * for every later j from ‖XiᵀXj‖²_F, the shares' partial products summed in float64. Every self
 * term is computed once and every layer converted once, where a heatmap block by block
 * (./compute.ts per pair of blocks) repeats both. Holds 4·n·p bytes per layer across the shares;
 * `dispose` frees them (and stops the threads).
 */
import { cpus } from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { nativeBlas } from './nativeBlas';
import { NativeRowShard } from './nativeShard';
import { fastTfjsBackend, float32MinWork } from './products';
import { LocalRowShard, type RowShard, streamChunkRows } from './rowShard';
import { ThreadRowShard, shardThreadsAvailable } from './threadShard';
import { ShapeError } from './types';

export { streamChunkRows } from './rowShard';

/** A layer [rows, cols] as stored (float32 or float64), row-major. */
export interface LayerMatrix {
  rows: number;
  cols: number;
  data: Float32Array | Float64Array;
}

/** Threads a heatmap uses by default: every core, at most 8. */
export function defaultCkaThreads(): number {
  return Math.max(1, Math.min(8, cpus().length));
}

/** Linear CKA between layers added one at a time (see the file comment). */
export class LinearCkaLayers {
  private readonly selfTerms: Promise<number>[] = [];
  private rows = -1;

  /**
   * @param shards the row shares (rows are split between them in order, near-equally).
   * @param products how the products run, for the result (e.g. `wasm ×2 threads`).
   * Use `LinearCkaLayers.open` to get shares for a thread count.
   */
  constructor(
    private readonly shards: RowShard[] = [new LocalRowShard()],
    readonly products = `tfjs ${tf.getBackend()}`,
  ) {}

  /**
   * One share on the system BLAS with `threads` threads when the native add-on loads
   * (./nativeBlas.ts; `REPLENS_NATIVE=0` turns it off); else layers split between `threads`
   * threads when the backend is wasm (one thread per wasm backend under Node) and the thread
   * script is built; else all in this thread.
   * @param chunkRows rows per product chunk within a share.
   */
  static open(threads = 1, chunkRows = streamChunkRows): LinearCkaLayers {
    const blas = nativeBlas();
    if (blas !== undefined) {
      const used = blas.setThreads(Math.max(1, threads));
      const { library } = blas.info();
      return new LinearCkaLayers(
        [new NativeRowShard(blas, chunkRows)],
        `native BLAS (${library ?? '?'}, ${used} thread${used === 1 ? '' : 's'})`,
      );
    }
    const backend = tf.getBackend();
    if (threads > 1 && backend === 'wasm' && shardThreadsAvailable()) {
      return new LinearCkaLayers(
        Array.from({ length: threads }, () => new ThreadRowShard(chunkRows)),
        `wasm ×${threads} threads`,
      );
    }
    return new LinearCkaLayers(
      [new LocalRowShard(chunkRows)],
      backend === 'wasm' ? 'wasm ×1 thread' : `tfjs ${backend}`,
    );
  }

  /** The number of row shares (threads, or 1 in this thread). */
  get shareCount(): number {
    return this.shards.length;
  }

  /**
   * Whether this beats `ckaMatrix` for layers of these feature counts on n rows: the system BLAS
   * or the tfjs backend multiplies fast and the products are large enough that `ckaMatrix` would
   * run them in float32 too (./products.ts), so both give the same values up to float32 rounding.
   */
  static pays(n: number, cols: readonly number[]): boolean {
    const features = cols.reduce((s, p) => s + p, 0);
    const fast = nativeBlas() !== undefined || fastTfjsBackend();
    return fast && (n * features * features) / 2 >= float32MinWork;
  }

  /** Bytes a layer of n rows and p features holds once added. */
  static bytesPerLayer(n: number, p: number): number {
    return 4 * n * p;
  }

  /**
   * Centres a layer and hands its rows to the shares; its self term follows. Waits for the
   * previous layer's self term first, so at most one layer is in flight to the threads.
   * @throws ShapeError when its row count differs from the first layer's or its shape is bad;
   *   RangeError for non-finite values.
   */
  async add(m: LayerMatrix): Promise<void> {
    if (this.rows >= 0 && m.rows !== this.rows) {
      throw new ShapeError(`CKA layers need the same rows: ${m.rows} vs ${this.rows}`);
    }
    if (m.rows < 2 || m.cols < 1 || m.data.length !== m.rows * m.cols) {
      throw new ShapeError(
        `linear CKA needs [examples ≥ 2, features ≥ 1] matrices; got [${m.rows}, ${m.cols}] with ${m.data.length} values`,
      );
    }
    const centred = centring(m);
    const s = this.shards.length;
    const bounds = Array.from({ length: s + 1 }, (_, k) => Math.floor((k * m.rows) / s));
    const parts = this.shards.map((_, k) => centredRows(m, centred, bounds[k], bounds[k + 1]));
    await this.selfTerms[this.selfTerms.length - 1];
    this.rows = m.rows;
    this.shards.forEach((shard, k) => shard.add(bounds[k + 1] - bounds[k], m.cols, parts[k]));
    const index = this.selfTerms.length;
    const self = this.crossTerms(index, [index]).then((t) => t[0]);
    self.catch(() => undefined); // awaited by the next add or row
    this.selfTerms.push(self);
  }

  /** CKA of layer i with layers j ≥ i (index j − i); 1 on the diagonal, NaN for a constant layer. */
  async row(i: number): Promise<number[]> {
    if (!Number.isInteger(i) || i < 0 || i >= this.selfTerms.length) {
      throw new RangeError(`no layer ${i}: ${this.selfTerms.length} added`);
    }
    const later = Array.from({ length: this.selfTerms.length - i - 1 }, (_, k) => i + 1 + k);
    const selfTerms = await Promise.all(this.selfTerms);
    const terms = await this.crossTerms(i, later);
    const norm = (j: number, t: number): number => {
      const d = Math.sqrt(selfTerms[i]) * Math.sqrt(selfTerms[j]);
      return d > 0 ? t / d : NaN;
    };
    return [selfTerms[i] > 0 ? 1 : NaN, ...later.map((j, k) => norm(j, terms[k]))];
  }

  /** Frees every stored layer and stops the threads. */
  async dispose(): Promise<void> {
    await Promise.all(this.shards.map((s) => s.dispose()));
  }

  /** ‖XᵢᵀXⱼ‖²_F for each j: the shares' partial products summed in float64, then squared. */
  private async crossTerms(i: number, js: readonly number[]): Promise<number[]> {
    const sums = new Map<number, { sum: Float64Array; count: number }>();
    const totals = new Map<number, number>();
    const sink = (j: number, values: Float64Array): void => {
      const entry = sums.get(j) ?? { sum: new Float64Array(values.length), count: 0 };
      for (let v = 0; v < values.length; v++) {
        entry.sum[v] += values[v];
      }
      entry.count++;
      if (entry.count < this.shards.length) {
        sums.set(j, entry);
        return;
      }
      sums.delete(j);
      let total = 0;
      for (const v of entry.sum) {
        total += v * v;
      }
      totals.set(j, total);
    };
    await Promise.all(this.shards.map((s) => s.partials(i, js, sink)));
    return js.map((j) => totals.get(j) ?? NaN);
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
