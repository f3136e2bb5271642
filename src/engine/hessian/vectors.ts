/** Float64 vector helpers for the Krylov methods of this folder (plain loops, no allocation unless noted). */

/** Σ a_i·b_i. */
export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    s += a[i] * b[i];
  }
  return s;
}

/** Euclidean norm. */
export function norm(a: Float64Array): number {
  return Math.sqrt(dot(a, a));
}

/** y ← y + c·x, in place. */
export function axpy(y: Float64Array, c: number, x: Float64Array): void {
  for (let i = 0; i < y.length; i++) {
    y[i] += c * x[i];
  }
}

/** A new vector c·x. */
export function scaled(x: Float64Array, c: number): Float64Array {
  return x.map((v) => v * c);
}

/**
 * Removes from w, in place, its components along the orthonormal vectors `basis`: classical
 * Gram–Schmidt (all coefficients from the same w, then one update), run twice, which brings w
 * orthogonal to the basis to rounding level even when most of w lay in its span.
 */
export function orthogonalizeTwice(w: Float64Array, basis: readonly Float64Array[]): void {
  for (let pass = 0; pass < 2; pass++) {
    const coefficients = basis.map((q) => dot(q, w));
    basis.forEach((q, i) => axpy(w, -coefficients[i], q));
  }
}
