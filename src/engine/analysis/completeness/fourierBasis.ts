/**
 * The real Fourier basis of Z_p (Nanda et al. 2023, "Progress measures
 * for grokking via mechanistic interpretability", `make_fourier_basis`) and the Fourier norms of
 * an embedding in it.
 */
import { type Float64Matrix, ShapeError } from '../cka';

/**
 * The orthonormal real Fourier basis B_F [p, p]: row 0 is the constant 1/√p, then for
 * k = 1..⌊p/2⌋ the rows cos(2πkx/p) and sin(2πkx/p), each scaled to unit norm. For even p the
 * sine at k = p/2 is identically zero and is left out (Nanda's code would divide by zero there),
 * so the basis is square and orthonormal for every p.
 * Row index of frequency k: cos at 2k − 1, sin at 2k.
 */
export function realFourierBasis(p: number): Float64Matrix {
  if (!Number.isInteger(p) || p < 1) {
    throw new ShapeError(`the Fourier basis needs an integer p ≥ 1, got ${p}`);
  }
  const data = new Float64Array(p * p);
  data.fill(1 / Math.sqrt(p), 0, p);
  for (let row = 1; row < p; row++) {
    const k = Math.ceil(row / 2);
    const trig = row % 2 === 1 ? Math.cos : Math.sin;
    let norm2 = 0;
    for (let x = 0; x < p; x++) {
      const v = trig((2 * Math.PI * k * x) / p);
      data[row * p + x] = v;
      norm2 += v * v;
    }
    const inv = 1 / Math.sqrt(norm2);
    for (let x = 0; x < p; x++) {
      data[row * p + x] *= inv;
    }
  }
  return { rows: p, cols: p, data };
}

/** B · M for B [r, n] and M [n, c]. */
export function matmul(b: Float64Matrix, m: Float64Matrix): Float64Matrix {
  if (b.cols !== m.rows) {
    throw new ShapeError(`cannot multiply [${b.rows}, ${b.cols}] by [${m.rows}, ${m.cols}]`);
  }
  const { rows: r, cols: n } = b;
  const c = m.cols;
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) {
    for (let t = 0; t < n; t++) {
      const w = b.data[i * n + t];
      if (w === 0) {
        continue;
      }
      for (let j = 0; j < c; j++) {
        out[i * c + j] += w * m.data[t * c + j];
      }
    }
  }
  return { rows: r, cols: c, data: out };
}

/**
 * Norm of B_F·E per frequency group: group 0 is the constant row, group k (1 ≤ k ≤ ⌊p/2⌋) is
 * sqrt(‖cos_k·E‖² + ‖sin_k·E‖²). For odd p that is k = 0..(p−1)/2; for even p the last group
 * (k = p/2) has only its cosine row. Relation to the DFT signal: group k = sqrt(2/p)·S_k for
 * 0 < k < p/2, and group 0 = S_0/√p.
 * @param e [p, d], rows are tokens. @returns ⌊p/2⌋ + 1 norms.
 */
export function fourierNorms(e: Float64Matrix): number[] {
  const p = e.rows;
  const coeffs = matmul(realFourierBasis(p), e);
  const groups = new Array<number>(Math.floor(p / 2) + 1).fill(0);
  for (let row = 0; row < p; row++) {
    const k = Math.ceil(row / 2);
    for (let a = 0; a < e.cols; a++) {
      groups[k] += coeffs.data[row * e.cols + a] ** 2;
    }
  }
  return groups.map(Math.sqrt);
}
