/**
 * Extreme eigenpairs of a Hessian operator by the Lanczos method, in float64.
 *
 * From a seeded random unit vector q₁, m steps build an orthonormal Krylov basis Q = [q₁ … q_m]
 * and the tridiagonal T = QᵀHQ (diagonal α, off-diagonal β): w = H·q_j − α_j·q_j − β_{j−1}·q_{j−1},
 * then w is re-orthogonalised against every earlier q (classical Gram–Schmidt, twice), so Q stays
 * orthonormal to rounding level and no spurious copies of converged eigenvalues appear; each step
 * costs one product with H. The eigenpairs (θ_i, s_i) of T give Ritz values θ_i and Ritz vectors
 * y_i = Q·s_i; |β_m·s_{m,i}| = |H·y_i − θ_i·y_i| is the residual of pair i, which tells how far it
 * has converged.
 *
 * Breakdown: when β_j is negligible the basis spans an invariant subspace and its Ritz pairs are
 * exact. The iteration then continues (T decouples there) from a fresh random vector orthogonal
 * to Q, so eigenvalues whose eigenvectors the start vector missed, and further copies of a
 * repeated eigenvalue, are still found; it stops early when Q spans the whole space.
 *
 * An operator from `projected` keeps every vector in the projected space (start vectors and each
 * w are projected), so its Ritz vectors are orthogonal to its basis.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { type Rng, createRng } from '../rng';
import type { HvpOperator } from './hvp';
import { isProjected } from './projection';
import { axpy, dot, norm, orthogonalizeTwice, scaled } from './vectors';

export { type ProjectedOperator, orthonormalizeAgainst, projected } from './projection';

/** Options of `lanczos`. */
export interface LanczosOptions {
  /** Steps m (products with H); default 30, at most the operator's dimension. */
  iterations?: number;
  /** Eigenpairs to return; default 5, at most the steps taken. */
  k?: number;
  /** Which end of the spectrum: largest algebraic values (default) or largest |θ|. */
  order?: 'algebraic' | 'magnitude';
  /** Seed of the start vector (and of restarts after a breakdown); default 0. */
  seed?: number;
  /** Start vector (any nonzero length-dim vector, normalised here) instead of a random one. */
  start?: Float64Array;
  /** β_j ≤ breakdownTolerance·‖T‖ (estimated from the α and β so far) counts as a breakdown. */
  breakdownTolerance?: number;
}

/** Eigenpairs found by `lanczos`, in the requested order (largest first). */
export interface LanczosResult {
  /** Ritz values θ_i [k]. */
  values: Float64Array;
  /** Ritz vectors y_i = Q·s_i (unit length) [k][dim]. */
  vectors: Float64Array[];
  /** Residual norms |β_m·s_{m,i}| = |H·y_i − θ_i·y_i| [k]. */
  residuals: Float64Array;
  /** Every Ritz value, ascending [iterations]. */
  ritzValues: Float64Array;
  /** Steps taken (the size of T). */
  iterations: number;
  /** Products with H. */
  hvpCount: number;
  /** Restarts after a breakdown (β ≈ 0). */
  restarts: number;
  /** Diagonal α [iterations] and off-diagonal β [iterations] of T (β's last entry is β_m). */
  alpha: Float64Array;
  beta: Float64Array;
}

/** Stream of the start and restart vectors, apart from the other streams of a seed. */
const lanczosStream = 0x1a2c;

/** Top-k eigenpairs of `op` by m Lanczos steps with full re-orthogonalisation. */
export function lanczos(op: HvpOperator, options: LanczosOptions = {}): LanczosResult {
  const steps = Math.min(options.iterations ?? 30, op.dim);
  if (!(steps >= 1)) {
    throw new Error(`lanczos needs at least one iteration, not ${options.iterations}`);
  }
  const rng = createRng(options.seed ?? 0, lanczosStream);
  const project = isProjected(op) ? op.project : (v: Float64Array) => v;
  const tolerance = options.breakdownTolerance ?? 1e-10;
  const q: Float64Array[] = [];
  const alpha: number[] = [];
  const beta: number[] = [];
  let restarts = 0;
  let next =
    options.start === undefined
      ? startVector(op.dim, q, rng, project)
      : given(options.start, op.dim, project);
  let scale = 0;
  while (next !== undefined && q.length < steps) {
    q.push(next);
    const w = op.apply(next);
    const j = q.length - 1;
    alpha.push(dot(next, w));
    axpy(w, -alpha[j], next);
    if (j > 0) {
      axpy(w, -beta[j - 1], q[j - 1]);
    }
    orthogonalizeTwice(w, q);
    const projectedW = project(w);
    const b = norm(projectedW);
    scale = Math.max(scale, Math.abs(alpha[j]), b);
    if (b > tolerance * scale) {
      beta.push(b);
      next = scaled(projectedW, 1 / b);
    } else {
      beta.push(0);
      next = q.length < steps ? startVector(op.dim, q, rng, project) : undefined;
      restarts += next === undefined ? 0 : 1;
    }
  }
  return ritzPairs(q, alpha, beta, options, restarts);
}

/** The given start vector, projected and normalised. */
function given(
  start: Float64Array,
  dim: number,
  project: (v: Float64Array) => Float64Array,
): Float64Array {
  const v = project(start);
  const size = norm(v);
  if (start.length !== dim || !(size > 0)) {
    throw new Error(`the start vector must be a nonzero vector of length ${dim}`);
  }
  return scaled(v, 1 / size);
}

/**
 * A random unit vector orthogonal to `q` (and projected), or undefined when `q` already spans
 * the space the operator acts on.
 */
function startVector(
  dim: number,
  q: readonly Float64Array[],
  rng: Rng,
  project: (v: Float64Array) => Float64Array,
): Float64Array | undefined {
  for (let attempt = 0; attempt < 3; attempt++) {
    const v = project(Float64Array.from({ length: dim }, () => rng.normal()));
    const size = norm(v);
    orthogonalizeTwice(v, q);
    const rest = norm(v);
    if (rest > 1e-8 * Math.max(size, 1e-300)) {
      return scaled(v, 1 / rest);
    }
  }
  return undefined;
}

/** Eigen-decomposition of T, then the k Ritz pairs requested. */
function ritzPairs(
  q: readonly Float64Array[],
  alpha: number[],
  beta: number[],
  options: LanczosOptions,
  restarts: number,
): LanczosResult {
  const m = alpha.length;
  const { values: theta, vectors: s } = tridiagonalEigen(alpha, beta.slice(0, m - 1));
  const order = [...theta.keys()];
  const key =
    options.order === 'magnitude' ? (i: number) => Math.abs(theta[i]) : (i: number) => theta[i];
  order.sort((a, b) => key(b) - key(a));
  const chosen = order.slice(0, Math.min(options.k ?? 5, m));
  const last = beta[m - 1];
  const vectors = chosen.map((i) => {
    const y = new Float64Array(q[0].length);
    q.forEach((qj, j) => axpy(y, s[j][i], qj));
    return scaled(y, 1 / norm(y));
  });
  return {
    values: Float64Array.from(chosen, (i) => theta[i]),
    vectors,
    residuals: Float64Array.from(chosen, (i) => Math.abs(last * s[m - 1][i])),
    ritzValues: Float64Array.from(theta).sort(),
    iterations: m,
    hvpCount: m,
    restarts,
    alpha: Float64Array.from(alpha),
    beta: Float64Array.from(beta),
  };
}

/**
 * Eigenvalues θ_i and eigenvectors (s[j][i] = component j of vector i) of the symmetric
 * tridiagonal matrix with diagonal `diag` [m] and off-diagonal `off` [m − 1], in float64.
 */
export function tridiagonalEigen(
  diag: readonly number[],
  off: readonly number[],
): { values: number[]; vectors: number[][] } {
  const m = diag.length;
  const t = Matrix.zeros(m, m);
  diag.forEach((a, i) => t.set(i, i, a));
  off.forEach((b, i) => {
    t.set(i, i + 1, b);
    t.set(i + 1, i, b);
  });
  const evd = new EigenvalueDecomposition(t, { assumeSymmetric: true });
  return { values: evd.realEigenvalues, vectors: evd.eigenvectorMatrix.to2DArray() };
}
