/**
 * Per-cluster summaries of a clustering of trajectories, in float64: members, the mean
 * trajectory with its spread per time step, and when the cluster's change happens.
 *
 * Breakthrough time = the step t (1 ≤ t ≤ T − 1) with the largest |mean[t] − mean[t − 1]|, the
 * first on ties: for a cluster of sigmoid-shaped trajectories it lands within one step of the
 * sigmoid's midpoint. The halfway time — where the mean first reaches the level halfway between
 * its first and last values, interpolated linearly between steps — is a smoother estimate of
 * the same midpoint for monotone means; it is reported instead of fitting a sigmoid, which
 * needs starting values and can fail to converge on flat or noisy means.
 *
 * The trajectories summarised need not be the ones clustered: cluster z-normalised rows or
 * increments, then summarise the raw cumulative rows with the same labels.
 */
import { type Float64Matrix, ShapeError } from '../cka/types';

/** One cluster's summary over T time steps. */
export interface ClusterSummary {
  /** Its label in the clustering. */
  label: number;
  size: number;
  /** Member row indices, ascending. */
  members: Int32Array;
  /** Mean trajectory [T]. */
  mean: Float64Array;
  /** Population standard deviation of the members at each step [T]. */
  std: Float64Array;
  /** Step of the largest |Δ mean| (1..T − 1); null when T < 2. */
  breakthrough: number | null;
  /** mean[breakthrough] − mean[breakthrough − 1] (signed); 0 when T < 2. */
  breakthroughJump: number;
  /** Fractional step where the mean first reaches (mean[0] + mean[T − 1]) / 2; null if flat. */
  halfwayTime: number | null;
}

/** Summaries of every cluster of one clustering. */
export interface ClusteringSummary {
  /** Points in the clustering. */
  n: number;
  /** One per cluster label ≥ 0, by ascending label. */
  clusters: ClusterSummary[];
  /** Points labelled −1 (any negative label counts). */
  outlierCount: number;
  /** outlierCount / n; 0 when n = 0. */
  outlierFraction: number;
}

/**
 * Summarises the clusters of `labels` over the rows of x.
 * @param x [n, T] trajectories (rows in the order of the labels).
 * @param labels n integer labels, negative for outliers.
 * @throws ShapeError when the label count differs from the row count.
 */
export function summarizeClusters(x: Float64Matrix, labels: ArrayLike<number>): ClusteringSummary {
  const { rows: n, cols: t } = x;
  if (labels.length !== n) {
    throw new ShapeError(`${labels.length} labels for ${n} trajectories`);
  }
  const membersOf = new Map<number, number[]>();
  let outlierCount = 0;
  for (let i = 0; i < n; i++) {
    const l = labels[i];
    if (l < 0) {
      outlierCount++;
      continue;
    }
    const list = membersOf.get(l);
    if (list === undefined) {
      membersOf.set(l, [i]);
    } else {
      list.push(i);
    }
  }
  const clusters = [...membersOf.keys()]
    .sort((a, b) => a - b)
    .map((label) => summarizeCluster(x, label, Int32Array.from(membersOf.get(label)!), t));
  return { n, clusters, outlierCount, outlierFraction: n > 0 ? outlierCount / n : 0 };
}

function summarizeCluster(
  x: Float64Matrix,
  label: number,
  members: Int32Array,
  t: number,
): ClusterSummary {
  const mean = new Float64Array(t);
  const std = new Float64Array(t);
  for (const i of members) {
    for (let j = 0; j < t; j++) {
      mean[j] += x.data[i * t + j];
    }
  }
  for (let j = 0; j < t; j++) {
    mean[j] /= members.length;
  }
  for (const i of members) {
    for (let j = 0; j < t; j++) {
      const d = x.data[i * t + j] - mean[j];
      std[j] += d * d;
    }
  }
  for (let j = 0; j < t; j++) {
    std[j] = Math.sqrt(std[j] / members.length);
  }
  const { step, jump } = breakthroughStep(mean);
  return {
    label,
    size: members.length,
    members,
    mean,
    std,
    breakthrough: step,
    breakthroughJump: jump,
    halfwayTime: halfwayTime(mean),
  };
}

/** The step t ≥ 1 of the largest |mean[t] − mean[t − 1]| (first on ties) and that change. */
export function breakthroughStep(mean: ArrayLike<number>): { step: number | null; jump: number } {
  let step: number | null = null;
  let jump = 0;
  for (let j = 1; j < mean.length; j++) {
    const d = mean[j] - mean[j - 1];
    if (step === null || Math.abs(d) > Math.abs(jump)) {
      step = j;
      jump = d;
    }
  }
  return { step, jump };
}

/**
 * The fractional step where `mean` first reaches the level halfway between its first and last
 * values (linear between steps); null when they are equal (no net change) or T < 2.
 */
export function halfwayTime(mean: ArrayLike<number>): number | null {
  const t = mean.length;
  if (t < 2 || mean[0] === mean[t - 1]) {
    return null;
  }
  const level = (mean[0] + mean[t - 1]) / 2;
  const rising = mean[t - 1] > mean[0];
  for (let j = 1; j < t; j++) {
    const reached = rising ? mean[j] >= level : mean[j] <= level;
    if (reached) {
      const prev = mean[j - 1];
      return j - 1 + (level - prev) / (mean[j] - prev);
    }
  }
  return t - 1;
}
