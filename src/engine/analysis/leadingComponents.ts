/**
 * The leading principal components of a large matrix by subspace iteration: X [n, d] is never
 * decomposed whole (the SVD of pca.ts costs O(n·d·min(n, d)) and copies X); each iteration
 * multiplies by the centred X and its transpose, O(n·d·b) for a block of b vectors, then a
 * Rayleigh–Ritz step on the b×b projected matrix orders the components. For the 2-D scatter of
 * a large layer, where a few iterations give the plane to plotting accuracy.
 */
import type { Float64Matrix } from './cka';
import { createRng, normalArray } from '../rng';

/** Projections of the rows on the first k components, and each component's share of variance. */
export interface LeadingComponents {
  /** [n, k]: rows of the centred X in component coordinates. */
  projections: Float64Matrix;
  /** [k] fraction of the total variance along each component. */
  explainedRatio: Float64Array;
}

/**
 * The first `k` principal components of x's rows (centred), by `iterations` rounds of subspace
 * iteration on a block of k + 4 vectors (seeded). Components are signed as in pca.ts (their
 * largest-magnitude entry positive).
 */
export function leadingComponents(
  x: Float64Matrix | { rows: number; cols: number; data: Float32Array },
  k: number,
  iterations = 12,
  seed = 0,
): LeadingComponents {
  const { rows: n, cols: d } = x;
  const b = Math.min(k + 4, d, n);
  const mean = means(x);
  let q = orthonormalColumns(Float64Array.from(normalArray(d * b, 1, createRng(seed, 31))), d, b);
  for (let it = 0; it < iterations; it++) {
    q = orthonormalColumns(timesTransposed(x, mean, times(x, mean, q, b), b), d, b);
  }
  const y = times(x, mean, q, b); // [n, b]
  const c = new Float64Array(b * b);
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < b; r++) {
      for (let s = r; s < b; s++) {
        c[r * b + s] += y[i * b + r] * y[i * b + s];
      }
    }
  }
  for (let r = 0; r < b; r++) {
    for (let s = 0; s < r; s++) {
      c[r * b + s] = c[s * b + r];
    }
  }
  const { values, vectors } = symmetricEigen(c, b);
  const order = Array.from({ length: b }, (_, i) => i).sort((i, j) => values[j] - values[i]);
  const total = totalSquares(x, mean);
  const kk = Math.min(k, b);
  const projections = new Float64Array(n * kk);
  const explainedRatio = new Float64Array(kk);
  for (let c2 = 0; c2 < kk; c2++) {
    const w = order[c2];
    const sign = componentSign(q, vectors, w, d, b);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let r = 0; r < b; r++) {
        s += y[i * b + r] * vectors[r * b + w];
      }
      projections[i * kk + c2] = sign * s;
    }
    explainedRatio[c2] = total > 0 ? Math.max(values[w], 0) / total : 0;
  }
  return { projections: { rows: n, cols: kk, data: projections }, explainedRatio };
}

type Dense = { rows: number; cols: number; data: Float64Array | Float32Array };

/** (X − 1·meanᵀ) Q for Q [d, b]; returns [n, b]. */
function times(x: Dense, mean: Float64Array, q: Float64Array, b: number): Float64Array {
  const { rows: n, cols: d, data } = x;
  const shift = new Float64Array(b);
  for (let j = 0; j < d; j++) {
    for (let r = 0; r < b; r++) {
      shift[r] += mean[j] * q[j * b + r];
    }
  }
  const out = new Float64Array(n * b);
  for (let i = 0; i < n; i++) {
    const o = i * b;
    for (let j = 0; j < d; j++) {
      const v = data[i * d + j];
      const qj = j * b;
      for (let r = 0; r < b; r++) {
        out[o + r] += v * q[qj + r];
      }
    }
    for (let r = 0; r < b; r++) {
      out[o + r] -= shift[r];
    }
  }
  return out;
}

/** (X − 1·meanᵀ)ᵀ Y for Y [n, b]; returns [d, b]. */
function timesTransposed(x: Dense, mean: Float64Array, y: Float64Array, b: number): Float64Array {
  const { rows: n, cols: d, data } = x;
  const out = new Float64Array(d * b);
  const colSums = new Float64Array(b);
  for (let i = 0; i < n; i++) {
    const yi = i * b;
    for (let r = 0; r < b; r++) {
      colSums[r] += y[yi + r];
    }
    for (let j = 0; j < d; j++) {
      const v = data[i * d + j];
      const oj = j * b;
      for (let r = 0; r < b; r++) {
        out[oj + r] += v * y[yi + r];
      }
    }
  }
  for (let j = 0; j < d; j++) {
    for (let r = 0; r < b; r++) {
      out[j * b + r] -= mean[j] * colSums[r];
    }
  }
  return out;
}

/** Modified Gram–Schmidt on the b columns of m [d, b] (a dependent column becomes zero). */
function orthonormalColumns(m: Float64Array, d: number, b: number): Float64Array {
  for (let r = 0; r < b; r++) {
    for (let s = 0; s < r; s++) {
      let dot = 0;
      for (let j = 0; j < d; j++) {
        dot += m[j * b + r] * m[j * b + s];
      }
      for (let j = 0; j < d; j++) {
        m[j * b + r] -= dot * m[j * b + s];
      }
    }
    let norm = 0;
    for (let j = 0; j < d; j++) {
      norm += m[j * b + r] ** 2;
    }
    const inv = norm > 1e-300 ? 1 / Math.sqrt(norm) : 0;
    for (let j = 0; j < d; j++) {
      m[j * b + r] *= inv;
    }
  }
  return m;
}

/** Eigenvalues and eigenvectors (columns) of a small symmetric matrix by cyclic Jacobi. */
function symmetricEigen(
  a: Float64Array,
  b: number,
): { values: Float64Array; vectors: Float64Array } {
  const m = a.slice();
  const v = new Float64Array(b * b);
  for (let i = 0; i < b; i++) {
    v[i * b + i] = 1;
  }
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < b; p++) {
      for (let q = p + 1; q < b; q++) {
        off += m[p * b + q] ** 2;
      }
    }
    if (off < 1e-30) {
      break;
    }
    for (let p = 0; p < b; p++) {
      for (let q = p + 1; q < b; q++) {
        rotate(m, v, b, p, q);
      }
    }
  }
  return { values: Float64Array.from({ length: b }, (_, i) => m[i * b + i]), vectors: v };
}

function rotate(m: Float64Array, v: Float64Array, b: number, p: number, q: number): void {
  const apq = m[p * b + q];
  if (Math.abs(apq) < 1e-300) {
    return;
  }
  const theta = (m[q * b + q] - m[p * b + p]) / (2 * apq);
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (let k = 0; k < b; k++) {
    const mkp = m[k * b + p];
    const mkq = m[k * b + q];
    m[k * b + p] = c * mkp - s * mkq;
    m[k * b + q] = s * mkp + c * mkq;
  }
  for (let k = 0; k < b; k++) {
    const mpk = m[p * b + k];
    const mqk = m[q * b + k];
    m[p * b + k] = c * mpk - s * mqk;
    m[q * b + k] = s * mpk + c * mqk;
  }
  for (let k = 0; k < b; k++) {
    const vkp = v[k * b + p];
    const vkq = v[k * b + q];
    v[k * b + p] = c * vkp - s * vkq;
    v[k * b + q] = s * vkp + c * vkq;
  }
}

/** +1 or −1 so that the component Q·w has its largest-magnitude entry positive. */
function componentSign(
  q: Float64Array,
  w: Float64Array,
  col: number,
  d: number,
  b: number,
): number {
  let best = 0;
  for (let j = 0; j < d; j++) {
    let s = 0;
    for (let r = 0; r < b; r++) {
      s += q[j * b + r] * w[r * b + col];
    }
    if (Math.abs(s) > Math.abs(best) + 1e-12) {
      best = s;
    }
  }
  return best < 0 ? -1 : 1;
}

function totalSquares(x: Dense, mean: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < x.cols; j++) {
      s += (x.data[i * x.cols + j] - mean[j]) ** 2;
    }
  }
  return s;
}

function means(x: Dense): Float64Array {
  const out = new Float64Array(x.cols);
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < x.cols; j++) {
      out[j] += x.data[i * x.cols + j];
    }
  }
  return out.map((v) => v / Math.max(x.rows, 1));
}
