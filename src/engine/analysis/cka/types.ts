/** The public types of the CKA suite (see ./index.ts). */

/** A row-major float64 matrix: rows are examples. */
export interface Float64Matrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

/** Thrown when inputs have incompatible shapes; says what was expected. */
export class ShapeError extends Error {
  override name = 'ShapeError';
}

/**
 * `linear`: biased linear CKA (K = XXᵀ). `rbf`: biased CKA of Gaussian kernels with the median
 * bandwidth heuristic. `debiased`: linear CKA from the unbiased HSIC estimator (needs n ≥ 4; may
 * be negative).
 */
export type CkaEstimator = 'linear' | 'rbf' | 'debiased';

/** Every estimator, for option parsing and messages. */
export const ckaEstimators: readonly CkaEstimator[] = ['linear', 'rbf', 'debiased'];

/** Options of `cka` and `ckaMatrix`. */
export interface CkaOptions {
  estimator: CkaEstimator;
  /** RBF only: σ² = threshold² · median squared distance. Default 1; must be > 0. */
  rbfThreshold?: number;
  /** Size of the permutation null (0 or absent: no null). */
  permutations?: number;
  /** Seed of the row permutations (default 0). */
  seed?: number;
}

/** The permutation null of one CKA value: CKA(X, P·Y) over random row permutations P. */
export interface CkaNull {
  /** (1 + #{null ≥ observed}) / (1 + permutations). */
  pValue: number;
  mean: number;
  /** 2.5 % percentile of the null. */
  low: number;
  /** 97.5 % percentile of the null. */
  high: number;
  permutations: number;
}

/** One CKA value, with its permutation null when permutations were asked for. */
export interface CkaValue {
  value: number;
  null?: CkaNull;
}
