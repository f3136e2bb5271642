/**
 * Which examples an analysis reads, and how examples of different runs correspond. Runs of the
 * same task may number their tokens differently (a seeded relabelling of family-tree persons):
 * tokens are compared by their canonical id, pairs by their canonical (a, b).
 */
import { createRng, permutation } from '../../engine/rng';
import type { Dataset, PairDataset } from '../../engine/tasks/types';
import type { PointLabels } from '../../shared/universalityResults';
import { AnalysisInputError } from '../analysisRuns';

/** Up to `max` of `pool`, a seeded subsample kept in ascending order (all when fewer). */
export function subsample(pool: Int32Array, max: number, seed: number): Int32Array {
  if (pool.length <= max) {
    return Int32Array.from(pool);
  }
  const order = permutation(pool.length, createRng(seed, 17));
  return Int32Array.from(order.subarray(0, max), (i) => pool[i]).sort();
}

/** The canonical id of every token id (the identity unless the task relabels its tokens). */
export function canonicalTokens(dataset: Dataset): Int32Array {
  if (dataset.kind === 'pairs' && dataset.canonicalIds !== undefined) {
    return dataset.canonicalIds;
  }
  return Int32Array.from({ length: dataset.vocab }, (_, i) => i);
}

/** Token ids in canonical order: row c of the result is the token whose canonical id is c. */
export function tokensInCanonicalOrder(dataset: Dataset): Int32Array {
  const canon = canonicalTokens(dataset);
  const out = new Int32Array(canon.length);
  canon.forEach((c, id) => {
    out[c] = id;
  });
  return out;
}

/** The pair dataset of a run, or a clear error. */
export function pairsOf(dataset: Dataset, what: string): PairDataset {
  if (dataset.kind !== 'pairs') {
    throw new AnalysisInputError(`${what} needs a pair task (this run has ${dataset.kind})`);
  }
  return dataset;
}

/** Canonical key of each example: canon(a)·vocab + canon(b). */
export function pairKeys(ds: PairDataset, indices: Int32Array): Float64Array {
  const canon = canonicalTokens(ds);
  return Float64Array.from(indices, (i) => canon[ds.a[i]] * ds.vocab + canon[ds.b[i]]);
}

/** The example of `ds` with each canonical key; throws when the runs' examples differ. */
export function indicesOfKeys(ds: PairDataset, keys: Float64Array): Int32Array {
  const all = Int32Array.from({ length: ds.a.length }, (_, i) => i);
  const byKey = new Map<number, number>();
  pairKeys(ds, all).forEach((k, i) => byKey.set(k, i));
  return Int32Array.from(keys, (k) => {
    const i = byKey.get(k);
    if (i === undefined) {
      throw new AnalysisInputError('the runs do not share the same examples (different tasks?)');
    }
    return i;
  });
}

/** Hover text of each example: "a → b" with canonical token ids. */
export function exampleTexts(ds: Dataset, indices: Int32Array): string[] {
  if (ds.kind !== 'pairs') {
    return Array.from(indices, (i) => `#${i}`);
  }
  const canon = canonicalTokens(ds);
  return Array.from(indices, (i) => `${canon[ds.a[i]]} → ${canon[ds.b[i]]}`);
}

/** Colourings of the examples: the label (first relation of multi-label data) and token labels. */
export function exampleLabels(ds: Dataset, indices: Int32Array): PointLabels[] {
  if (ds.kind !== 'pairs') {
    return [];
  }
  const classNames =
    ds.multiLabel?.classNames ?? Array.from({ length: ds.numClasses }, (_, k) => `${k}`);
  const names = ds.multiLabel === undefined ? classNames : [...classNames, 'none'];
  const out: PointLabels[] = [
    {
      name: ds.multiLabel === undefined ? 'label' : 'first relation',
      values: Array.from(indices, (i) => Math.min(Math.max(ds.labels[i], 0), names.length - 1)),
      names,
    },
  ];
  for (const [name, perToken] of Object.entries(ds.tokenLabels)) {
    const values = Array.from(indices, (i) => perToken[ds.a[i]]);
    const top = Math.max(0, ...values);
    out.push({
      name: `${name} (first)`,
      values,
      names: Array.from({ length: top + 1 }, (_, k) => `${k}`),
    });
  }
  return out;
}
