/**
 * Agreement between two clusterings of the same points, in float64: the adjusted Rand index
 * (Hubert and Arabie 1985) and normalised mutual information with arithmetic-mean normalisation
 * — scikit-learn's adjusted_rand_score and normalized_mutual_info_score (its default
 * average_method='arithmetic'), including their limit cases. test/fixtures/numeric/
 * make_hdbscan_fixture.py records reference values from independent numpy formulas.
 *
 * Labels are any integers; −1 marks an outlier, which `outliers` decides how to treat.
 */

/**
 * `keep`: −1 is one more class (scikit-learn's behaviour). `drop`: points labelled −1 in the
 * second (predicted) labeling are left out. `dropAny`: points labelled −1 in either are left out.
 */
export type OutlierHandling = 'keep' | 'drop' | 'dropAny';

/** Options of the agreement scores. */
export interface AgreementOptions {
  /** Default `keep`. */
  outliers?: OutlierHandling;
}

/** Contingency table of two labelings: non-empty cells n_ij, row sums a_i, column sums b_j. */
interface Contingency {
  n: number;
  cells: { row: number; col: number; count: number }[];
  rowSums: number[];
  colSums: number[];
}

function contingency(
  reference: ArrayLike<number>,
  predicted: ArrayLike<number>,
  outliers: OutlierHandling,
): Contingency {
  if (reference.length !== predicted.length) {
    throw new RangeError(`labelings differ in length: ${reference.length} and ${predicted.length}`);
  }
  // Dense class indices in order of first appearance, for the points that take part.
  const rowOf = new Map<number, number>();
  const colOf = new Map<number, number>();
  const rowSums: number[] = [];
  const colSums: number[] = [];
  const r: number[] = [];
  const c: number[] = [];
  for (let i = 0; i < reference.length; i++) {
    const u = reference[i];
    const v = predicted[i];
    if (!Number.isInteger(u) || !Number.isInteger(v)) {
      throw new RangeError(`labels must be integers, got ${u} and ${v} at ${i}`);
    }
    if ((outliers === 'drop' && v === -1) || (outliers === 'dropAny' && (u === -1 || v === -1))) {
      continue;
    }
    if (!rowOf.has(u)) {
      rowOf.set(u, rowSums.push(0) - 1);
    }
    if (!colOf.has(v)) {
      colOf.set(v, colSums.push(0) - 1);
    }
    r.push(rowOf.get(u)!);
    c.push(colOf.get(v)!);
    rowSums[r[r.length - 1]]++;
    colSums[c[c.length - 1]]++;
  }
  const width = colSums.length;
  const counts = new Map<number, number>();
  for (let k = 0; k < r.length; k++) {
    const key = r[k] * width + c[k];
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const cells = [...counts].map(([key, count]) => ({
    row: Math.floor(key / width),
    col: key % width,
    count,
  }));
  return { n: r.length, cells, rowSums, colSums };
}

const pairs = (m: number): number => (m * (m - 1)) / 2;
const sumPairs = (counts: readonly number[]): number => counts.reduce((s, m) => s + pairs(m), 0);

/**
 * Adjusted Rand index: (index − expected) / (max − expected) over pairs of points, with
 * index = Σ C(n_ij, 2), expected = Σ C(a_i, 2) Σ C(b_j, 2) / C(n, 2), max = ½ (Σ C(a_i, 2) +
 * Σ C(b_j, 2)). 1 for identical partitions (up to renaming), ≈ 0 in expectation for independent
 * ones, can be negative; 1 when the denominator is 0 (both all-in-one or both all-singletons, or
 * fewer than 2 points). Symmetric under `keep` and `dropAny`.
 */
export function adjustedRandIndex(
  reference: ArrayLike<number>,
  predicted: ArrayLike<number>,
  options: AgreementOptions = {},
): number {
  const t = contingency(reference, predicted, options.outliers ?? 'keep');
  if (t.n < 2) {
    return 1;
  }
  const index = sumPairs(t.cells.map((cell) => cell.count));
  const a = sumPairs(t.rowSums);
  const b = sumPairs(t.colSums);
  const expected = (a * b) / pairs(t.n);
  const denom = (a + b) / 2 - expected;
  return denom === 0 ? 1 : (index - expected) / denom;
}

/**
 * Normalised mutual information MI / ((H(U) + H(V)) / 2), natural logarithms. 1 for identical
 * partitions (up to renaming) and when both labelings have a single class (or no point); 0 when
 * they share no information (in particular one class against several). In [0, 1].
 */
export function normalizedMutualInformation(
  reference: ArrayLike<number>,
  predicted: ArrayLike<number>,
  options: AgreementOptions = {},
): number {
  const t = contingency(reference, predicted, options.outliers ?? 'keep');
  if (t.rowSums.length <= 1 && t.colSums.length <= 1) {
    return 1;
  }
  // MI = Σ (n_ij/n) log(n n_ij / (a_i b_j)) over the non-empty cells.
  let mi = 0;
  for (const { row, col, count } of t.cells) {
    mi += (count / t.n) * Math.log((t.n * count) / (t.rowSums[row] * t.colSums[col]));
  }
  if (mi <= 0) {
    return 0;
  }
  const h = (entropy(t.rowSums, t.n) + entropy(t.colSums, t.n)) / 2;
  return Math.min(1, mi / h);
}

function entropy(counts: readonly number[], n: number): number {
  let h = 0;
  for (const m of counts) {
    if (m > 0) {
      h -= (m / n) * Math.log(m / n);
    }
  }
  return h;
}
