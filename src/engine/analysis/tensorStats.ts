/**
 * Summary statistics and a histogram of a tensor's values, in float64. Non-finite values (NaN,
 * ±Infinity) are counted apart and left out of every statistic, so one bad value does not hide
 * the rest of the distribution.
 */

import type { Histogram, TensorStats } from '../../shared/embeddingResults';

export type { Histogram, TensorStats };

/** Statistics of `values` (two passes, so the variance does not cancel catastrophically). */
export function tensorStats(values: ArrayLike<number>): TensorStats {
  let finite = 0;
  let sum = 0;
  let sumSq = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      finite++;
      sum += v;
      sumSq += v * v;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
  }
  const mean = finite > 0 ? sum / finite : 0;
  let dev = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      dev += (v - mean) ** 2;
    }
  }
  return {
    count: values.length,
    nonFinite: values.length - finite,
    norm: Math.sqrt(sumSq),
    mean,
    std: finite > 0 ? Math.sqrt(dev / finite) : 0,
    min: finite > 0 ? min : 0,
    max: finite > 0 ? max : 0,
  };
}

/**
 * Histogram of the finite values over [min, max] (widened by ±0.5 when all values are equal).
 * @param bins number of equal-width bins (≥ 1).
 */
export function histogram(values: ArrayLike<number>, bins: number, stats?: TensorStats): Histogram {
  const s = stats ?? tensorStats(values);
  const counts = new Array<number>(bins).fill(0);
  if (s.count - s.nonFinite === 0) {
    return { lo: 0, hi: 0, counts };
  }
  const [lo, hi] = s.min === s.max ? [s.min - 0.5, s.max + 0.5] : [s.min, s.max];
  const scale = bins / (hi - lo);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      counts[Math.min(bins - 1, Math.floor((v - lo) * scale))]++;
    }
  }
  return { lo, hi, counts };
}
