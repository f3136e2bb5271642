/**
 * One-sided rank tests, the binomial test and Pearson correlation in float64, for the completeness
 * study's prediction test and survival-rate correlation. Each function
 * matches a scipy 1.10 call (named in its doc comment); test/fixtures/numeric/make_stats_fixture.py
 * records the reference values.
 *
 * Hand-written rather than a dependency: the exact rank-sum / signed-rank distributions are two
 * small dynamic programs no focused npm package offers with scipy's conventions (mid-ranks, tie
 * correction, continuity correction), and the special functions they need — log Γ (Stirling series
 * after an upward shift), the regularized incomplete gamma (for the normal tail) and beta (for the
 * Student t tail) via Numerical Recipes' series/continued fractions — are ~80 lines whose accuracy
 * (≤ 1e-12 relative against scipy on the fixture) is pinned by the tests.
 */
import type { TestResult } from '../../shared/completenessResults';
import { logChoose, normalSf, regularizedBeta } from './specialFunctions';

export { logGamma, normalSf, regularizedBeta, regularizedGammaQ } from './specialFunctions';

/** A test result that also says whether the p-value is exact or a normal approximation. */
export interface RankTestResult extends TestResult {
  method: 'exact' | 'normal';
}

/** Pearson correlation with its two-sided p-value and the least-squares line y ≈ slope·x + b. */
export interface PearsonResult {
  r: number;
  pValue: number;
  slope: number;
  intercept: number;
  n: number;
}

/** Largest sample for the exact rank distributions: counts stay below 2^53 (exact in float64). */
const EXACT_MAX = 50;

/**
 * Mann–Whitney U test that `chosen` tends to be larger than `others`; p = P(U ≥ U₁) with
 * U₁ = R₁ − n₁(n₁+1)/2 (R₁ the mid-rank sum of `chosen`). Exact when there are no ties and
 * n₁ + n₂ ≤ 50 or min(n₁, n₂) = 1 (then U is uniform on 0..n₁n₂) — scipy.stats.mannwhitneyu(
 * chosen, others, alternative='greater', method='exact'); otherwise the normal approximation with
 * tie and continuity correction — method='asymptotic'. p = 1 when every value is tied.
 */
export function mannWhitneyGreater(
  chosen: readonly number[],
  others: readonly number[],
): RankTestResult {
  const n1 = chosen.length;
  const n2 = others.length;
  if (n1 === 0 || n2 === 0) {
    throw new RangeError(`Mann–Whitney needs two non-empty samples, got ${n1} and ${n2}`);
  }
  const { ranks, tieGroups } = midRanks([...chosen, ...others]);
  let r1 = 0;
  for (let i = 0; i < n1; i++) {
    r1 += ranks[i];
  }
  const u1 = r1 - (n1 * (n1 + 1)) / 2;
  const base = { name: 'mann-whitney', statistic: u1, n: n1 + n2 };
  const ties = tieGroups.some((t) => t > 1);
  if (!ties && Math.min(n1, n2) === 1) {
    const top = n1 * n2;
    return { ...base, pValue: (top + 1 - u1) / (top + 1), method: 'exact' };
  }
  if (!ties && n1 + n2 <= EXACT_MAX) {
    return { ...base, pValue: rankSumUpperTail(n1, n2, u1), method: 'exact' };
  }
  const n = n1 + n2;
  const tieTerm = tieGroups.reduce((acc, t) => acc + t ** 3 - t, 0);
  const s = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  const pValue = s > 0 ? normalSf((u1 - (n1 * n2) / 2 - 0.5) / s) : 1;
  return { ...base, pValue, method: 'normal' };
}

/**
 * Binomial test of k successes in n trials against success probability p0, one-sided greater:
 * p = P(X ≥ k) — scipy.stats.binomtest(k, n, p0, alternative='greater'); statistic = k/n as in
 * scipy. n = 0 gives p = 1.
 */
export function binomialGreater(k: number, n: number, p0 = 0.5): TestResult {
  if (!Number.isInteger(k) || !Number.isInteger(n) || k < 0 || n < 0 || k > n) {
    throw new RangeError(`binomial test needs integers 0 ≤ k ≤ n, got k = ${k}, n = ${n}`);
  }
  if (!(p0 >= 0 && p0 <= 1)) {
    throw new RangeError(`binomial test needs 0 ≤ p0 ≤ 1, got ${p0}`);
  }
  const base = { name: 'binomial', statistic: n > 0 ? k / n : 0, n };
  if (k === 0 || p0 === 1) {
    return { ...base, pValue: 1 };
  }
  if (p0 === 0) {
    return { ...base, pValue: 0 };
  }
  let sum = 0;
  for (let i = k; i <= n; i++) {
    sum += Math.exp(logChoose(n, i) + i * Math.log(p0) + (n - i) * Math.log1p(-p0));
  }
  return { ...base, pValue: Math.min(1, sum) };
}

/**
 * Wilcoxon signed-rank test that the differences are centred above 0, one-sided greater. Zeros are
 * dropped (zero_method='wilcox'); the statistic is T⁺, the sum of the mid-ranks of |d| over positive
 * d. Exact p = P(T⁺ ≥ t) when at most 50 differences remain and the |d| have no ties —
 * scipy.stats.wilcoxon(d, alternative='greater', method='exact'); otherwise the normal
 * approximation with tie correction and no continuity correction — method='approx'. No nonzero
 * difference gives p = 1.
 */
export function wilcoxonSignedRankGreater(diffs: readonly number[]): RankTestResult {
  const d = diffs.filter((v) => v !== 0);
  const n = d.length;
  if (n === 0) {
    return { name: 'wilcoxon-signed-rank', statistic: 0, pValue: 1, n: 0, method: 'exact' };
  }
  const { ranks, tieGroups } = midRanks(d.map(Math.abs));
  const tPlus = d.reduce((acc, v, i) => acc + (v > 0 ? ranks[i] : 0), 0);
  const base = { name: 'wilcoxon-signed-rank', statistic: tPlus, n };
  if (n <= EXACT_MAX && tieGroups.every((t) => t === 1)) {
    return { ...base, pValue: signedRankUpperTail(n, tPlus), method: 'exact' };
  }
  const mean = (n * (n + 1)) / 4;
  const tieTerm = tieGroups.reduce((acc, t) => acc + t * (t * t - 1), 0);
  const se = Math.sqrt((n * (n + 1) * (2 * n + 1) - 0.5 * tieTerm) / 24);
  return { ...base, pValue: normalSf((tPlus - mean) / se), method: 'normal' };
}

/**
 * Pearson correlation r of paired samples with the two-sided p-value of the t test on n − 2
 * degrees of freedom, p = I_{1−r²}((n−2)/2, ½) — scipy.stats.pearsonr(x, y) — and the least-squares
 * line of scipy.stats.linregress. n = 2 gives p = 1; a constant x or y gives r = NaN, p = NaN
 * (as scipy) and, for constant x, a NaN slope.
 */
export function pearson(x: readonly number[], y: readonly number[]): PearsonResult {
  const n = x.length;
  if (y.length !== n || n < 2) {
    throw new RangeError(
      `Pearson needs two samples of the same length ≥ 2, got ${n} and ${y.length}`,
    );
  }
  const mx = x.reduce((a, v) => a + v, 0) / n;
  const my = y.reduce((a, v) => a + v, 0) / n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
    sxy += (x[i] - mx) * (y[i] - my);
  }
  const slope = sxx > 0 ? sxy / sxx : Number.NaN;
  const intercept = my - slope * mx;
  if (!(sxx > 0 && syy > 0)) {
    return { r: Number.NaN, pValue: Number.NaN, slope, intercept, n };
  }
  const r = Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx) / Math.sqrt(syy)));
  const pValue = n === 2 ? 1 : regularizedBeta(1 - r * r, (n - 2) / 2, 0.5);
  return { r, pValue, slope, intercept, n };
}

/** Mid-ranks (1-based, ties get their average rank) and the sizes of the tie groups. */
export function midRanks(values: readonly number[]): { ranks: Float64Array; tieGroups: number[] } {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Float64Array(values.length);
  const tieGroups: number[] = [];
  for (let start = 0; start < order.length;) {
    let end = start + 1;
    while (end < order.length && values[order[end]] === values[order[start]]) {
      end++;
    }
    for (let j = start; j < end; j++) {
      ranks[order[j]] = (start + end + 1) / 2;
    }
    tieGroups.push(end - start);
    start = end;
  }
  return { ranks, tieGroups };
}

/** P(U ≥ u) under H0 for sample sizes n1, n2 without ties: subset-sum counts of ranks 1..N. */
function rankSumUpperTail(n1: number, n2: number, u: number): number {
  const n = n1 + n2;
  const maxU = n1 * n2;
  // counts[k][v]: subsets of size k of the ranks seen so far with U-contribution v, where a subset
  // of size k with rank sum s has U = s − k(k+1)/2; adding rank j to a (k−1)-subset adds j − k.
  const counts = Array.from({ length: n1 + 1 }, () => new Float64Array(maxU + 1));
  counts[0][0] = 1;
  for (let j = 1; j <= n; j++) {
    for (let k = Math.min(j, n1); k >= 1; k--) {
      const shift = j - k;
      if (shift > n2) {
        continue;
      }
      for (let v = maxU; v >= shift; v--) {
        counts[k][v] += counts[k - 1][v - shift];
      }
    }
  }
  return upperShare(counts[n1], Math.ceil(u - 1e-9));
}

/** P(T⁺ ≥ t) under H0 for n untied nonzero differences: subset-sum counts of 1..n over 2^n. */
function signedRankUpperTail(n: number, t: number): number {
  const maxT = (n * (n + 1)) / 2;
  const counts = new Float64Array(maxT + 1);
  counts[0] = 1;
  for (let j = 1; j <= n; j++) {
    for (let v = maxT; v >= j; v--) {
      counts[v] += counts[v - j];
    }
  }
  return upperShare(counts, Math.ceil(t - 1e-9));
}

/** Σ_{v ≥ from} counts[v] / Σ counts, summing the smaller tail for accuracy. */
function upperShare(counts: Float64Array, from: number): number {
  let total = 0;
  let upper = 0;
  for (let v = 0; v < counts.length; v++) {
    total += counts[v];
    if (v >= from) {
      upper += counts[v];
    }
  }
  return Math.min(1, upper / total);
}
