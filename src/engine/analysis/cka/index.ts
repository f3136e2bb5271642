/**
 * Centered Kernel Alignment (Kornblith et al. 2019, "Similarity of Neural Network Representations
 * Revisited") between representations X [n, p] and Y [n, q] of the same n examples (rows):
 *   CKA = ⟨K̃, L̃⟩_F / (‖K̃‖_F ‖L̃‖_F),  K̃ = HKH,  H = I − 11ᵀ/n.
 * Estimators: `linear` (K = XXᵀ; computed as ‖YcᵀXc‖²_F / (‖XcᵀXc‖_F ‖YcᵀYc‖_F) on centred
 * columns when cheaper), `rbf` (Gaussian kernel, σ² = threshold² · median of all n² squared
 * distances, threshold default 1), `debiased` (linear, unbiased HSIC of Song et al. 2012 via
 * U-centred Grams or its feature-space form; n ≥ 4; may be negative). Values are accumulated in
 * float64; large products may run as float32 matMuls on the tfjs backend (./products.ts).
 * With `permutations`, the null CKA(X, P·Y) over seeded random row permutations P gives a
 * p-value and a 95 % band.
 * Cost: the feature form (./forms.ts) multiplies O(n·p²) per representation and O(n·p·q) per
 * pair; the Gram form builds one n×n float64 Gram per representation (8·n² bytes, 32 MB at
 * n = 2000) and O(n²) per pair; ./plan.ts picks the cheaper. RBF always needs the Grams.
 */
import { ckaPairs } from './compute';
import type { CkaNull, CkaOptions, CkaValue, Float64Matrix } from './types';

export * from './types';
export { type LayerMatrix, LinearCkaLayers, defaultCkaThreads, streamChunkRows } from './streamed';

/**
 * CKA of one pair of representations.
 * @param x [n, p] and @param y [n, q], rows are the same examples (centred inside).
 * @returns the value (1 for representations equal up to rotation, isotropic scale and
 *   translation) and, with `opts.permutations`, its permutation null.
 * @throws ShapeError when the row counts differ or n is too small; RangeError for bad options
 *   or non-finite values.
 */
export function cka(x: Float64Matrix, y: Float64Matrix, opts: CkaOptions): CkaValue {
  const r = ckaPairs([x], [y], opts);
  return r.nulls === undefined
    ? { value: r.values[0][0] }
    : { value: r.values[0][0], null: r.nulls[0][0] };
}

/**
 * All-pairs CKA between representation lists a (rows) and b (columns) of the same n examples;
 * b omitted = a×a (symmetric, diagonal 1 for biased estimators; nulls[j][i] is nulls[i][j]).
 * Builds each centred Gram (or feature product) once: O(len a + len b) Gram builds, not
 * O(pairs). Every cell equals `cka` of that pair (up to rounding, as the form may differ).
 */
export function ckaMatrix(
  a: Float64Matrix[],
  b: Float64Matrix[] | undefined,
  opts: CkaOptions,
): { values: number[][]; nulls?: CkaNull[][] } {
  return ckaPairs(a, b, opts);
}

/**
 * Linear CKA between two representations of the same n examples.
 * @param x [n, p] and @param y [n, q], rows are examples (centred inside).
 * @returns a value in [0, 1]; 1 for representations equal up to rotation and scale.
 */
export function linearCka(x: Float64Matrix, y: Float64Matrix): number {
  return cka(x, y, { estimator: 'linear' }).value;
}
