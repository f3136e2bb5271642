/**
 * The layers × layers CKA of many large layers without holding them all: the layers are split,
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
  ckaMatrix,
} from '../../engine/analysis/cka';
import { yieldToEvents } from '../analysisRuns';

/** Float64 bytes of layer data a heatmap holds at once by default (two blocks of half). */
export const heatmapMemoryBytes = 384 * 2 ** 20;

/** A layer to compare: its name, its size in float64 bytes, and how to read it. */
export interface BlockLayer {
  name: string;
  bytes: number;
  read(): Float64Matrix;
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
