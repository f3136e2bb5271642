/**
 * Feature or Gram form, by a cost model in multiply-adds (float64-loop units). With L
 * representations of p features on n examples and N permutations:
 * - feature: n·p²/2 per representation (‖XᵀX‖², symmetric half), n·p·q per pair and per permuted
 *   pair (‖YᵀPX‖² needs a new product);
 * - Gram: n²·p/2 per representation (XXᵀ, symmetric half), n²/2 per pair (⟨K̃, L̃⟩ on the upper
 *   triangle), twice that per permuted pair (gathered reads), always in float64 loops.
 * Products run `float32Speedup` times faster when the tfjs engine is available. For one pair the
 * feature form wins when p < n; for a heatmap the Gram form wins once pairs outnumber n/p per
 * representation (L = 8, n = 2000, p = 512: Gram ≈ 8.4e9, feature ≈ 1.7e10). RBF needs the Gram.
 * The Gram form is refused for linear estimators when the Grams would not fit `gramMemoryLimit`.
 */
import type { CkaForm } from './forms';
import { type ProductChoice, fastTfjsBackend, float32Speedup } from './products';
import type { CkaEstimator } from './types';

/** Bytes of Gram matrices kept at once beyond which linear estimators use the feature form. */
export const gramMemoryLimit = 2 ** 31;

/** The shapes of a CKA computation. */
export interface Workload {
  estimator: CkaEstimator;
  n: number;
  /** Feature counts of the row representations, and of the column ones (undefined: a × a). */
  colsA: number[];
  colsB?: number[];
  permutations: number;
}

/** The cheaper form and the product work (multiply-adds) it implies. */
export function planForm(
  w: Workload,
  choice: ProductChoice = 'auto',
): { form: CkaForm; productWork: number } {
  const cost = formCosts(w);
  const speed = choice !== 'float64' && fastTfjsBackend() ? float32Speedup : 1;
  const reps = w.colsA.length + (w.colsB?.length ?? 0);
  const gramFits = 8 * w.n * w.n * reps <= gramMemoryLimit;
  const gramCost = cost.gramProducts / speed + cost.gramLoops;
  const featureCost = cost.featureProducts / speed;
  const form: CkaForm =
    w.estimator === 'rbf' || (gramFits && gramCost < featureCost) ? 'gram' : 'feature';
  return { form, productWork: form === 'gram' ? cost.gramProducts : cost.featureProducts };
}

function formCosts(w: Workload): {
  featureProducts: number;
  gramProducts: number;
  gramLoops: number;
} {
  const { n, colsA, permutations: perms } = w;
  const reps = [...colsA, ...(w.colsB ?? [])];
  let crossWork = 0; // Σ p·q over pairs that need a cross product
  let nullWork = 0; // Σ p·q over pairs that get a null
  let crossPairs = 0;
  let nullPairs = 0;
  const colsB = w.colsB ?? colsA;
  colsA.forEach((p, i) =>
    colsB.forEach((q, j) => {
      if (w.colsB === undefined && j < i) {
        return;
      }
      if (w.colsB !== undefined || j > i) {
        crossWork += p * q;
        crossPairs++;
      }
      nullWork += p * q;
      nullPairs++;
    }),
  );
  const sum = (f: (p: number) => number): number => reps.reduce((s, p) => s + f(p), 0);
  return {
    featureProducts: (n * sum((p) => p * p)) / 2 + n * crossWork + perms * n * nullWork,
    gramProducts: (n * n * sum((p) => p)) / 2,
    gramLoops: ((n * n) / 2) * (crossPairs + 2 * perms * nullPairs),
  };
}
