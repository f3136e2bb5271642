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

/** Upper tail of the standard normal, P(Z > z) = ½·Q(½, z²/2) for z ≥ 0. */
export function normalSf(z: number): number {
  if (Number.isNaN(z)) {
    return Number.NaN;
  }
  if (z === Infinity) {
    return 0;
  }
  if (z === -Infinity) {
    return 1;
  }
  const q = regularizedGammaQ(0.5, (z * z) / 2);
  return z >= 0 ? 0.5 * q : 1 - 0.5 * q;
}

/**
 * log Γ(x) for x > 0: shift x up to ≥ 15 with Γ(x) = Γ(x + m)/(x(x+1)…(x+m−1)), then the Stirling
 * series with Bernoulli terms up to x^−13 (truncation error < 1e−17 there).
 */
export function logGamma(x: number): number {
  if (!(x > 0)) {
    throw new RangeError(`logGamma needs x > 0, got ${x}`);
  }
  let shift = 0;
  let z = x;
  while (z < 15) {
    shift += Math.log(z);
    z += 1;
  }
  const inv2 = 1 / (z * z);
  const series =
    (1 / z) *
    (1 / 12 +
      inv2 *
        (-1 / 360 +
          inv2 *
            (1 / 1260 +
              inv2 * (-1 / 1680 + inv2 * (1 / 1188 + inv2 * (-691 / 360360 + inv2 / 156))))));
  return (z - 0.5) * Math.log(z) - z + 0.5 * Math.log(2 * Math.PI) + series - shift;
}

function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

const EPS = 1e-15;
const TINY = 1e-300;
const MAX_ITER = 100_000;

/** Q(a, x) = Γ(a, x)/Γ(a): series for x < a + 1, continued fraction otherwise (NR §6.2). */
export function regularizedGammaQ(a: number, x: number): number {
  if (x <= 0) {
    return 1;
  }
  const front = Math.exp(-x + a * Math.log(x) - logGamma(a));
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < MAX_ITER && Math.abs(term) > Math.abs(sum) * EPS; n++) {
      term *= x / (a + n);
      sum += term;
    }
    return 1 - sum * front;
  }
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = nonZero(an * d + b);
    c = nonZero(b + an / c);
    d = 1 / d;
    h *= d * c;
    if (Math.abs(d * c - 1) < EPS) {
      break;
    }
  }
  return front * h;
}

/** I_x(a, b), the regularized incomplete beta function (NR §6.4, Lentz continued fraction). */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) {
    return 0;
  }
  if (x >= 1) {
    return 1;
  }
  const logFront =
    logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  if (x < (a + 1) / (a + b + 2)) {
    return (Math.exp(logFront) * betaFraction(x, a, b)) / a;
  }
  return 1 - (Math.exp(logFront) * betaFraction(1 - x, b, a)) / b;
}

function betaFraction(x: number, a: number, b: number): number {
  let c = 1;
  let d = 1 / nonZero(1 - ((a + b) * x) / (a + 1));
  let h = d;
  for (let m = 1; m < MAX_ITER; m++) {
    const m2 = 2 * m;
    const even = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 / nonZero(1 + even * d);
    c = nonZero(1 + even / c);
    h *= d * c;
    const odd = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 / nonZero(1 + odd * d);
    c = nonZero(1 + odd / c);
    h *= d * c;
    if (Math.abs(d * c - 1) < EPS) {
      break;
    }
  }
  return h;
}

function nonZero(v: number): number {
  return Math.abs(v) < TINY ? TINY : v;
}
