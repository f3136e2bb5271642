/**
 * Restricting a Hessian operator to the orthogonal complement of a subspace: Π H Π with
 * Π = I − B·Bᵀ for an orthonormal basis B (e.g. directions already explained, to find the next
 * ones), and the Gram–Schmidt step that makes such a basis from arbitrary vectors.
 */
import type { HvpOperator } from './hvp';
import { dot, norm, orthogonalizeTwice, scaled } from './vectors';

/** An operator Π H Π together with its projection Π. */
export interface ProjectedOperator extends HvpOperator {
  /** The orthonormal basis B whose span is projected out. */
  readonly basis: readonly Float64Array[];
  /** Π·v = v − B·Bᵀ·v (applied twice, see `orthogonalizeTwice`); a new array. */
  readonly project: (v: Float64Array) => Float64Array;
}

/** True when `op` carries a projection (Lanczos then keeps its vectors in the projected space). */
export function isProjected(op: HvpOperator): op is ProjectedOperator {
  return typeof (op as Partial<ProjectedOperator>).project === 'function';
}

/** Largest |b_i·b_j − δ_ij| accepted for a basis (it is checked once, when the operator is built). */
const orthonormalTolerance = 1e-8;

/**
 * Π H Π for Π = I − B·Bᵀ: each `apply` costs one product with H. Eigenvectors of nonzero
 * eigenvalues are orthogonal to B; B's own directions get eigenvalue 0.
 * @param basis orthonormal vectors of length op.dim (see `orthonormalizeAgainst`); may be empty.
 */
export function projected(op: HvpOperator, basis: readonly Float64Array[]): ProjectedOperator {
  checkOrthonormal(basis, op.dim);
  const kept = basis.map((b) => Float64Array.from(b));
  const project = (v: Float64Array): Float64Array => {
    const w = Float64Array.from(v);
    orthogonalizeTwice(w, kept);
    return w;
  };
  return {
    dim: op.dim,
    method: op.method,
    basis: kept,
    project,
    apply: (v) => project(op.apply(project(v))),
  };
}

/**
 * Orthonormalises `vectors` in order against `basis` (assumed orthonormal) and against the ones
 * kept before them, by Gram–Schmidt run twice. A vector whose remaining norm is at most
 * `dropBelow` times its own norm (or that is zero) lies in the span already covered and is
 * dropped. Returns the kept vectors, unit length, as new arrays.
 */
export function orthonormalizeAgainst(
  vectors: readonly Float64Array[],
  basis: readonly Float64Array[],
  dropBelow = 1e-6,
): Float64Array[] {
  const kept: Float64Array[] = [];
  for (const v of vectors) {
    const size = norm(v);
    const w = Float64Array.from(v);
    orthogonalizeTwice(w, [...basis, ...kept]);
    const rest = norm(w);
    if (size > 0 && rest > dropBelow * size) {
      kept.push(scaled(w, 1 / rest));
    }
  }
  return kept;
}

function checkOrthonormal(basis: readonly Float64Array[], dim: number): void {
  basis.forEach((b, i) => {
    if (b.length !== dim) {
      throw new Error(`basis vector ${i} has length ${b.length}, the operator ${dim}`);
    }
    for (let j = 0; j <= i; j++) {
      const error = Math.abs(dot(b, basis[j]) - (i === j ? 1 : 0));
      if (!(error <= orthonormalTolerance)) {
        throw new Error(
          `the basis is not orthonormal (|b${i}·b${j} − δ| = ${error.toExponential(1)}); ` +
            'orthonormalizeAgainst(vectors, []) makes it so',
        );
      }
    }
  });
}
