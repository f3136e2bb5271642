/**
 * The layers × layers CKA of many large layers. The linear estimator without permutations reads
 * each layer once and keeps them all as float32 (engine `LinearCkaLayers`, rows split between
 * threads) when they fit `streamMemoryBytes`; otherwise, and for other settings, the layers are split,
 * in order, into blocks of at most half the memory budget (float64 bytes of their data); each
 * diagonal block is one symmetric `ckaMatrix`, each pair of blocks one cross `ckaMatrix`, so at
 * most two blocks are in memory at once (plus what the engine builds from them: a centred copy
 * and, in the feature form, a float32 copy for the products). Layers of a later block are read
 * again for every earlier block. With one block this is exactly the engine's own heatmap.
 */
import {
  type CkaNull,
  type CkaOptions,
  type Float64Matrix,
  type LayerMatrix,
  LinearCkaLayers,
  ckaMatrix,
  defaultCkaThreads,
} from '../../engine/analysis/cka';
import { yieldToEvents } from '../analysisRuns';

/** Float64 bytes of layer data a heatmap holds at once by default (two blocks of half). */
export const heatmapMemoryBytes = 384 * 2 ** 20;

/** Float32 bytes of layers a linear heatmap keeps at once, each read once (24 × 10,000 × 768: 737 MB). */
export const streamMemoryBytes = 1024 * 2 ** 20;

/** A layer to compare: its name, its size in float64 bytes, and how to read it. */
export interface BlockLayer {
  name: string;
  bytes: number;
  read(): Float64Matrix;
  /** The same values as stored, without a float64 copy (default: `read`). */
  readStored?(): LayerMatrix;
}

/** What `layerCkaMatrix` may use (defaults: `heatmapMemoryBytes`, `streamMemoryBytes`, every core). */
export interface HeatmapResources {
  blockBytes?: number;
  streamBytes?: number;
  /** Threads of the linear heatmap read once (engine `LinearCkaLayers.open`). */
  threads?: number;
}

/**
 * Values [L][L] (and nulls with permutations) of the CKA of `layers` on n rows of `cols[k]`
 * features each: every layer read once when `streamable` (then `products` says how they ran:
 * `native BLAS (…)`, `wasm ×N threads`…), else block by block.
 */
export async function layerCkaMatrix(
  layers: readonly BlockLayer[],
  shape: { n: number; cols: readonly number[] },
  o: CkaOptions,
  resources: HeatmapResources = {},
): Promise<{ values: number[][]; nulls?: CkaNull[][]; products?: string }> {
  return streamable(shape, o, resources.streamBytes ?? streamMemoryBytes)
    ? streamedCkaMatrix(layers, resources.threads ?? defaultCkaThreads())
    : blockCkaMatrix(layers, o, resources.blockBytes);
}

/** Whether the linear heatmap can keep every layer (float32) within `budget` bytes, and pays. */
export function streamable(
  shape: { n: number; cols: readonly number[] },
  o: CkaOptions,
  budget: number,
): boolean {
  const bytes = shape.cols.reduce((s, p) => s + LinearCkaLayers.bytesPerLayer(shape.n, p), 0);
  return (
    o.estimator === 'linear' &&
    (o.permutations ?? 0) === 0 &&
    bytes <= budget &&
    LinearCkaLayers.pays(shape.n, shape.cols)
  );
}

/** Values [L][L] of the linear CKA, each layer read, centred and stored once, and how the products ran. */
export async function streamedCkaMatrix(
  layers: readonly BlockLayer[],
  threads = 1,
): Promise<{ values: number[][]; products: string }> {
  const n = layers.length;
  const values = layers.map(() => new Array<number>(n).fill(NaN));
  const store = LinearCkaLayers.open(threads);
  try {
    for (const l of layers) {
      await store.add(l.readStored?.() ?? l.read());
      await yieldToEvents();
    }
    for (let i = 0; i < n; i++) {
      (await store.row(i)).forEach((v, k) => {
        values[i][i + k] = v;
        values[i + k][i] = v;
      });
      await yieldToEvents();
    }
  } finally {
    await store.dispose();
  }
  return { values, products: store.products };
}

/** Values [L][L] (and nulls with permutations) of the layers' CKA, block by block. */
export async function blockCkaMatrix(
  layers: readonly BlockLayer[],
  o: CkaOptions,
  budget = heatmapMemoryBytes,
): Promise<{ values: number[][]; nulls?: CkaNull[][] }> {
  const blocks = splitBlocks(layers, budget / 2);
  const n = layers.length;
  const values = layers.map(() => new Array<number>(n).fill(NaN));
  const nulls = (o.permutations ?? 0) > 0 ? layers.map(() => new Array<CkaNull>(n)) : undefined;
  const put = (r: { values: number[][]; nulls?: CkaNull[][] }, i0: number, j0: number): void => {
    r.values.forEach((row, i) =>
      row.forEach((v, j) => {
        values[i0 + i][j0 + j] = v;
        values[j0 + j][i0 + i] = v;
        if (nulls !== undefined && r.nulls !== undefined) {
          nulls[i0 + i][j0 + j] = r.nulls[i][j];
          nulls[j0 + j][i0 + i] = r.nulls[i][j];
        }
      }),
    );
  };
  for (const [bi, a] of blocks.entries()) {
    const repsA = a.layers.map((l) => l.read());
    put(ckaMatrix(repsA, undefined, o), a.start, a.start);
    await yieldToEvents();
    for (const b of blocks.slice(bi + 1)) {
      put(
        ckaMatrix(
          repsA,
          b.layers.map((l) => l.read()),
          o,
        ),
        a.start,
        b.start,
      );
      await yieldToEvents();
    }
  }
  return nulls === undefined ? { values } : { values, nulls };
}

/** Consecutive blocks of layers, each within `limit` bytes (a larger layer is a block alone). */
export function splitBlocks(
  layers: readonly BlockLayer[],
  limit: number,
): { start: number; layers: BlockLayer[] }[] {
  const blocks: { start: number; layers: BlockLayer[] }[] = [];
  let bytes = 0;
  layers.forEach((l, i) => {
    const last = blocks[blocks.length - 1] as { start: number; layers: BlockLayer[] } | undefined;
    if (last === undefined || bytes + l.bytes > limit) {
      blocks.push({ start: i, layers: [l] });
      bytes = l.bytes;
    } else {
      last.layers.push(l);
      bytes += l.bytes;
    }
  });
  return blocks;
}
