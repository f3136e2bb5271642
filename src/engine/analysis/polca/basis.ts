/**
 * POLCA bases: orthonormal directions in parameter space along which loss changes are allocated.
 * - `sequentialBasis`: checkpoints in time order; at each, the top-k eigenvectors of the Hessian
 *   restricted to the complement of the basis so far (Π H Π, Π = I − BBᵀ), orthonormalised
 *   against B (Gram–Schmidt twice) and appended; vectors whose remainder is below 1e-6 are
 *   dropped. The basis depends on the order of the checkpoints.
 * - `singleCheckpointBasis`: the top eigenvectors of one checkpoint's Hessian, as many as the
 *   sequential basis has (a control for the order dependence).
 * - `randomBasis`: a seeded random orthonormal basis of the same size (a control for what any
 *   low-dimensional subspace would show).
 */
import { type HvpOperator } from '../../hessian/hvp';
import {
  type LanczosResult,
  lanczos,
  orthonormalizeAgainst,
  projected,
} from '../../hessian/lanczos';
import { createRng } from '../../rng';

/** What Lanczos found at one checkpoint of the sequential basis. */
export interface BasisStep {
  step: number;
  /** Top eigenvalues of Π H Π, largest first. */
  eigenvalues: number[];
  /** Residual norms |H y − θ y| of their Ritz vectors. */
  residuals: number[];
  /** Vectors appended to the basis. */
  added: number;
  hvps: number;
}

export interface PolcaBasis {
  vectors: Float64Array[];
  steps: BasisStep[];
}

/** Lanczos settings of a basis. */
export interface BasisOptions {
  /** Eigenvectors per checkpoint. */
  k: number;
  iterations: number;
  order: 'algebraic' | 'magnitude';
  seed: number;
}

/**
 * The sequential basis over `checkpoints` (ascending steps); `operatorAt(i)` gives the Hessian
 * operator at checkpoint i (it may load the checkpoint's weights).
 */
export function sequentialBasis(
  steps: readonly number[],
  operatorAt: (i: number) => HvpOperator,
  options: BasisOptions,
  onProgress?: (done: number, total: number) => void,
): PolcaBasis {
  const basis: PolcaBasis = { vectors: [], steps: [] };
  steps.forEach((step, i) => {
    extendBasis(basis, step, operatorAt(i), options);
    onProgress?.(i + 1, steps.length);
  });
  return basis;
}

/** One step of the sequential basis: appends the top-k directions of Π H Π at `step`. */
export function extendBasis(
  basis: PolcaBasis,
  step: number,
  hessian: HvpOperator,
  options: BasisOptions,
): void {
  const op = projected(hessian, basis.vectors);
  const r = lanczos(op, lanczosOptions(options, options.k, op.dim - basis.vectors.length));
  const added = orthonormalizeAgainst(r.vectors, basis.vectors);
  basis.vectors.push(...added);
  basis.steps.push(stepOf(step, r, added.length));
}

/** The top `size` eigenvectors of one Hessian. */
export function singleCheckpointBasis(
  step: number,
  op: HvpOperator,
  size: number,
  options: BasisOptions,
): PolcaBasis {
  const r = lanczos(op, lanczosOptions(options, size, op.dim));
  const vectors = orthonormalizeAgainst(r.vectors, []);
  return { vectors, steps: [stepOf(step, r, vectors.length)] };
}

/** `size` orthonormal vectors drawn uniformly (Gaussian vectors, orthonormalised), seeded. */
export function randomBasis(dim: number, size: number, seed: number): Float64Array[] {
  const rng = createRng(seed, 41);
  const draws = Array.from({ length: size }, () =>
    Float64Array.from({ length: dim }, () => rng.normal()),
  );
  return orthonormalizeAgainst(draws, []);
}

/** Lanczos needs k + ~20 steps to converge its top k; never more than the free dimensions. */
function lanczosOptions(options: BasisOptions, k: number, free: number) {
  const iterations = Math.min(Math.max(options.iterations, k + 20), Math.max(1, free));
  return { iterations, k: Math.min(k, iterations), order: options.order, seed: options.seed };
}

function stepOf(step: number, r: LanczosResult, added: number): BasisStep {
  return {
    step,
    eigenvalues: Array.from(r.values),
    residuals: Array.from(r.residuals),
    added,
    hvps: r.hvpCount,
  };
}
