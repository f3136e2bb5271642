/**
 * The inputs of a stitching direction: the source run's representation at a layer, rows matched
 * to the target's tokens or examples, and the controls built from it (random rows of the same
 * scale, rows shuffled) and the person-held-out split of the target's examples.
 */
import type { Float64Matrix } from '../../engine/analysis/cka';
import type { BridgeInput } from '../../engine/analysis/stitching/stitchScore';
import { tokenLayer } from '../../engine/analysis/stitching/stitchedModel';
import { createRng, permutation } from '../../engine/rng';
import type { PairDataset } from '../../engine/tasks/types';
import {
  indicesOfKeys,
  pairKeys,
  pairsOf,
  tokensInCanonicalOrder,
  canonicalTokens,
} from './examples';
import { type RunModel, captureLayers, embeddingRows, takeRows } from './runModel';

/** Source rows: one per target token (`perToken`) or one per target example. */
export type Representation = BridgeInput;

/** The runs of a direction. */
interface Runs {
  source: RunModel;
  target: RunModel;
  ds: PairDataset;
}

/**
 * The source's representation for a bridge from `fromLayer` into `toLayer`: its token embedding
 * in the target's token order when both are `embedding`; otherwise per example, the source's
 * combined pair embedding (`embed`) or hidden activations on the target's examples.
 */
export function sourceRepresentation(
  runs: Runs,
  fromLayer: string,
  toLayer: string,
): Representation {
  const { source, ds } = runs;
  if (fromLayer === tokenLayer && toLayer === tokenLayer) {
    const sourceIdOf = tokensInCanonicalOrder(source.session.dataset);
    const canon = canonicalTokens(ds);
    const rows = takeRows(
      embeddingRows(source.session),
      Int32Array.from(canon, (c) => sourceIdOf[c]),
    );
    return { perToken: true, rows };
  }
  const layer = fromLayer === tokenLayer ? 'embed' : fromLayer;
  const sourceDs = pairsOf(source.session.dataset, 'stitching');
  const all = Int32Array.from({ length: ds.a.length }, (_, i) => i);
  const matched = indicesOfKeys(sourceDs, pairKeys(ds, all));
  const rows = captureLayers(source.session, matched, [layer]).get(layer) as Float64Matrix;
  return { perToken: false, rows };
}

/** i.i.d. Gaussian rows with the column means and standard deviations of the representation. */
export function randomLike(rep: Representation, seed: number): Representation {
  const { rows, cols, data } = rep.rows;
  const rng = createRng(seed, 29);
  const out = new Float64Array(data.length);
  for (let j = 0; j < cols; j++) {
    let [s, s2] = [0, 0];
    for (let i = 0; i < rows; i++) {
      s += data[i * cols + j];
      s2 += data[i * cols + j] ** 2;
    }
    const mean = s / rows;
    const sd = Math.sqrt(Math.max(0, s2 / rows - mean * mean));
    for (let i = 0; i < rows; i++) {
      out[i * cols + j] = mean + sd * rng.normal();
    }
  }
  return { perToken: rep.perToken, rows: { rows, cols, data: out } };
}

/** The representation with its rows (tokens or examples) permuted. */
export function shuffledRows(rep: Representation, seed: number): Representation {
  const order = permutation(rep.rows.rows, createRng(seed, 31));
  return { perToken: rep.perToken, rows: takeRows(rep.rows, order) };
}

/**
 * A person-held-out split of the target's examples: 80 % of the persons (seeded) are kept; the
 * bridge fits on training examples between kept persons and is scored on held-out examples that
 * involve a person it never saw. Undefined for tasks whose tokens are not persons.
 */
export function personSplit(
  ds: PairDataset,
  seed: number,
): { fit: Int32Array; evaluate: Int32Array } | undefined {
  if (ds.persons === undefined) {
    return undefined;
  }
  const order = permutation(ds.vocab, createRng(seed, 37));
  const kept = new Uint8Array(ds.vocab);
  order.subarray(0, Math.round(0.8 * ds.vocab)).forEach((p) => {
    kept[p] = 1;
  });
  const fit = ds.train.filter((i) => kept[ds.a[i]] === 1 && kept[ds.b[i]] === 1);
  const evaluate = ds.test.filter((i) => kept[ds.a[i]] === 0 || kept[ds.b[i]] === 0);
  return fit.length > 0 && evaluate.length > 0 ? { fit, evaluate } : undefined;
}
