/**
 * A share of a heatmap's rows multiplied by the system BLAS through the native add-on
 * (./nativeBlas.ts): the centred rows kept as plain Float32Arrays (no tfjs), each partial product
 * XᵢᵀXⱼ one BLAS call over blocks of `chunkRows` rows, summed in float64 in C, off the event loop.
 * The BLAS runs its own threads, so a heatmap uses one such share.
 */
import type { NativeBlas } from './nativeBlas';
import { type PartialSink, type RowShard, streamChunkRows } from './rowShard';

/** A share held in this process, multiplied by the system BLAS. */
export class NativeRowShard implements RowShard {
  private readonly layers: { rows: number; cols: number; data: Float32Array }[] = [];

  constructor(
    private readonly blas: NativeBlas,
    private readonly chunkRows = streamChunkRows,
  ) {}

  add(rows: number, cols: number, data: Float32Array): void {
    this.layers.push({ rows, cols, data });
  }

  async partials(i: number, js: readonly number[], sink: PartialSink): Promise<void> {
    const a = this.layer(i);
    for (const j of js) {
      const b = this.layer(j);
      sink(j, await this.blas.atbAsync(a.data, b.data, a.rows, a.cols, b.cols, this.chunkRows));
    }
  }

  dispose(): Promise<void> {
    this.layers.length = 0;
    return Promise.resolve();
  }

  private layer(k: number): { rows: number; cols: number; data: Float32Array } {
    const l = this.layers[k] as { rows: number; cols: number; data: Float32Array } | undefined;
    if (l === undefined) {
      throw new RangeError(`no layer ${k} in this share: ${this.layers.length} added`);
    }
    return l;
  }
}
