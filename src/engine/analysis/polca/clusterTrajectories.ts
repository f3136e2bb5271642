/**
 * Clustering of loss-change trajectories, per output-token group: for each group of analysed
 * tokens with the same target (at least `minGroup` of them) and each trajectory family (one per
 * basis vector, or the raw per-token loss for the baseline), HDBSCAN on the trajectories and the
 * agreement (ARI, NMI; outliers kept as their own class) of its clusters with a skill labelling.
 * The best basis vector of a group is the one whose clusters agree best with the skill.
 */
import type { Float64Matrix } from '../cka';
import {
  type ClusteringSummary,
  adjustedRandIndex,
  hdbscan,
  normalizedMutualInformation,
  summarizeClusters,
} from '../clustering';

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
  best: GroupClustering;
}

/**
 * Clusters every group by every family and keeps, per group, the family that agrees best with
 * the skill. `family(i, tokens)` returns the [tokens, T] trajectories of family i.
 */
export function clusterGroups(
  groups: Int32Array,
  skill: Int32Array,
  families: number,
  family: (i: number, tokens: Int32Array) => Float64Matrix,
  minGroup: number,
): GroupResult[] {
  const out: GroupResult[] = [];
  for (const [group, tokens] of tokensByGroup(groups)) {
    if (tokens.length < minGroup) {
      continue;
    }
    const reference = Int32Array.from(tokens, (v) => skill[v]);
    let best: GroupClustering | undefined;
    for (let i = 0; i < families; i++) {
      const c = clusterOne(family(i, tokens), reference, i);
      if (best === undefined || c.ari > best.ari) {
        best = c;
      }
    }
    if (best !== undefined) {
      out.push({ group, tokens, best });
    }
  }
  return out;
}

/** HDBSCAN of one family's trajectories, scored against the reference labels. */
export function clusterOne(
  x: Float64Matrix,
  reference: Int32Array,
  family: number,
): GroupClustering {
  const { labels } = hdbscan(x);
  return {
    family,
    ari: adjustedRandIndex(reference, labels),
    nmi: normalizedMutualInformation(reference, labels),
    labels,
    summary: summarizeClusters(x, labels),
  };
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
