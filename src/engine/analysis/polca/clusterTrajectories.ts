/**
 * Clustering of loss-change trajectories, per output-token group: for each group of analysed
 * tokens with the same target (at least `minGroup` of them) and each trajectory family (one per
 * basis vector, or the raw per-token loss for the baseline), HDBSCAN on the trajectories and the
 * agreement (ARI, NMI; outliers kept as their own class) of its clusters with a skill labelling.
 * Each group reports two of its families: the one whose clusters agree best with the skill (a
 * choice that looks at the labels, so with many families it favours larger bases), and the
 * dominant one, which carries most of the group's loss change (a choice made without them).
 */
import type { PolcaFeatures } from '../../../shared/polcaResults';
import type { Float64Matrix } from '../cka';
import {
  type ClusteringSummary,
  adjustedRandIndex,
  hdbscan,
  normalizedMutualInformation,
  summarizeClusters,
  trajectoryMatrix,
} from '../clustering';

/** How groups are clustered. */
export interface ClusterOptions {
  /** Groups with fewer tokens are not clustered. */
  minGroup: number;
  features: PolcaFeatures;
  /**
   * The trajectories are cumulative sums that start from 0 before their first column, so the
   * first increment is the first column itself (else it is dropped, as for the raw loss).
   */
  fromZero?: boolean;
}

/** The clustering of one group by one trajectory family. */
export interface GroupClustering {
  /** Index of the family (basis vector), −1 for the loss baseline. */
  family: number;
  ari: number;
  nmi: number;
  labels: Int32Array;
  summary: ClusteringSummary;
}

/** One output-token group: its tokens and the best clustering of each method. */
export interface GroupResult {
  group: number;
  /** Analysed tokens in the group (indices into the token list). */
  tokens: Int32Array;
  /** The family that agrees best with the skill. */
  best: GroupClustering;
  /** The family with the largest total |final cumulative value| over the group's tokens. */
  dominant: GroupClustering;
}

/**
 * Clusters every group by every family and keeps, per group, the family that agrees best with
 * the skill and the dominant family. `family(i, tokens)` returns the [tokens, T] trajectories
 * of family i.
 */
export function clusterGroups(
  groups: Int32Array,
  skill: Int32Array,
  families: number,
  family: (i: number, tokens: Int32Array) => Float64Matrix,
  options: ClusterOptions,
): GroupResult[] {
  const out: GroupResult[] = [];
  for (const [group, tokens] of tokensByGroup(groups)) {
    if (tokens.length < options.minGroup || families === 0) {
      continue;
    }
    const reference = Int32Array.from(tokens, (v) => skill[v]);
    let best: GroupClustering | undefined;
    let dominant: { c: GroupClustering; moved: number } | undefined;
    for (let i = 0; i < families; i++) {
      const x = family(i, tokens);
      const c = clusterOne(x, reference, i, options.features, options.fromZero);
      const moved = totalChange(x);
      if (best === undefined || c.ari > best.ari) {
        best = c;
      }
      if (dominant === undefined || moved > dominant.moved) {
        dominant = { c, moved };
      }
    }
    if (best !== undefined && dominant !== undefined) {
      out.push({ group, tokens, best, dominant: dominant.c });
    }
  }
  return out;
}

/** Σ over rows of |last value|: how much loss change the family carries for these tokens. */
function totalChange(x: Float64Matrix): number {
  let sum = 0;
  for (let r = 0; r < x.rows; r++) {
    sum += Math.abs(x.data[(r + 1) * x.cols - 1]);
  }
  return sum;
}

/** HDBSCAN of one family's trajectories (as `features`), scored against the reference labels. */
export function clusterOne(
  x: Float64Matrix,
  reference: Int32Array,
  family: number,
  features: PolcaFeatures = 'cumulative',
  fromZero = false,
): GroupClustering {
  const { labels } = hdbscan(featureMatrix(x, features, fromZero));
  return {
    family,
    ari: adjustedRandIndex(reference, labels),
    nmi: normalizedMutualInformation(reference, labels),
    labels,
    summary: summarizeClusters(x, labels),
  };
}

/** What the clusterer sees of trajectories x (see `ClusterOptions`). */
export function featureMatrix(
  x: Float64Matrix,
  features: PolcaFeatures,
  fromZero: boolean,
): Float64Matrix {
  if (features === 'cumulative') {
    return x;
  }
  if (features === 'zscore') {
    return trajectoryMatrix(x, 'zscore');
  }
  if (!fromZero) {
    return x.cols < 2 ? x : trajectoryMatrix(x, 'increments');
  }
  const padded = new Float64Array(x.rows * (x.cols + 1));
  for (let r = 0; r < x.rows; r++) {
    padded.set(x.data.subarray(r * x.cols, (r + 1) * x.cols), r * (x.cols + 1) + 1);
  }
  return trajectoryMatrix({ rows: x.rows, cols: x.cols + 1, data: padded }, 'increments');
}

/** Size-weighted mean of a per-group score. */
export function weightedMean(
  results: readonly GroupResult[],
  score: (g: GroupResult) => number,
): number {
  const total = results.reduce((s, g) => s + g.tokens.length, 0);
  return total === 0
    ? Number.NaN
    : results.reduce((s, g) => s + score(g) * g.tokens.length, 0) / total;
}

function tokensByGroup(groups: Int32Array): Map<number, Int32Array> {
  const lists = new Map<number, number[]>();
  groups.forEach((g, v) => {
    const list = lists.get(g) ?? [];
    list.push(v);
    lists.set(g, list);
  });
  return new Map([...lists].sort((a, b) => a[0] - b[0]).map(([g, l]) => [g, Int32Array.from(l)]));
}
