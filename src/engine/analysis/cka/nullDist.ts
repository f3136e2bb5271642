/** Summary of a permutation null distribution, and the permutations themselves. */
import { createRng, permutation } from '../../rng';
import type { CkaNull } from './types';

/** `count` seeded random permutations of 0..n−1 (the same for every pair of one seed). */
export function rowPermutations(n: number, count: number, seed: number): Int32Array[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => permutation(n, rng));
}

/**
 * p-value (1 + #{null ≥ observed}) / (1 + N), the null mean, and its 2.5 % and 97.5 % percentiles
 * (linear interpolation between order statistics, as numpy's default).
 */
export function summariseNull(observed: number, samples: Float64Array): CkaNull {
  const permutations = samples.length;
  let above = 0;
  let sum = 0;
  for (const v of samples) {
    sum += v;
    if (v >= observed) {
      above++;
    }
  }
  const sorted = Float64Array.from(samples).sort();
  return {
    pValue: Number.isNaN(observed) ? NaN : (1 + above) / (1 + permutations),
    mean: sum / permutations,
    low: percentile(sorted, 0.025),
    high: percentile(sorted, 0.975),
    permutations,
  };
}

function percentile(sorted: Float64Array, q: number): number {
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (at - lo) * (sorted[hi] - sorted[lo]);
}
