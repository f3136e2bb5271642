/**
 * Readers of the universality view's CKA settings (estimator and permutations) from saved state
 * or a control's value, with a fallback when the value is none. Pure; a leaf of the view's
 * import graph (state.ts and fit.ts both use it).
 */
import { maxPermutations } from '../../src/shared/protocol/universalityView';
import { type CkaEstimator, ckaEstimators } from '../../src/shared/universalityResults';

/** Permutations a view asks for until the user sets its own. */
export const defaultPermutations = 50;

/** An estimator, or the fallback when `v` is none. */
export function estimatorOr(v: unknown, fallback: CkaEstimator): CkaEstimator {
  return ckaEstimators.find((e) => e === v) ?? fallback;
}

/** A whole number of permutations in range, or the fallback when `v` is none. */
export function permutationsOr(v: unknown, fallback: number): number {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n)
    ? Math.min(maxPermutations, Math.max(0, Math.round(n)))
    : fallback;
}
