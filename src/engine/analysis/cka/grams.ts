/**
 * Gram-matrix operations of the CKA suite on symmetric row-major n×n Float64Arrays, all in place
 * and O(n²): double centring HKH, U-centring (unbiased HSIC), the Gaussian kernel with the median
 * bandwidth, and Frobenius inner products, optionally under a row-and-column permutation.
 */

/** K ← HKH with H = I − 11ᵀ/n (K symmetric). */
export function centreGram(k: Float64Array, n: number): void {
  const means = rowMeans(k, n, n);
  let grand = 0;
  for (let i = 0; i < n; i++) {
    grand += means[i];
  }
  grand /= n;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      k[i * n + j] += grand - means[i] - means[j];
    }
  }
}

/**
 * U-centring (Song et al. 2012): zero the diagonal; m_j = Σ_i K_ij / (n − 2); subtract
 * Σ_j m_j / (2(n − 1)) from every m_j; subtract m from rows and columns; zero the diagonal again.
 * ⟨U(K), U(L)⟩ / (n(n − 3)) is the unbiased HSIC. Needs n ≥ 3 (CKA checks n ≥ 4).
 */
export function uCentreGram(k: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    k[i * n + i] = 0;
  }
  const m = rowMeans(k, n, n - 2);
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += m[i];
  }
  const shift = total / (2 * (n - 1));
  for (let i = 0; i < n; i++) {
    m[i] -= shift;
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      k[i * n + j] -= m[i] + m[j];
    }
    k[i * n + i] = 0;
  }
}

/**
 * Turns the Gram matrix G = XXᵀ of (centred) rows into the Gaussian kernel
 * exp(−‖xi − xj‖² / (2σ²)), σ² = threshold² · median of all n² squared distances (the zero
 * diagonal included). Throws when that median is 0 (most rows identical): no bandwidth exists.
 */
export function rbfFromGram(g: Float64Array, n: number, threshold: number): void {
  const sq = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    sq[i] = g[i * n + i];
  }
  const upper = new Float64Array((n * (n - 1)) / 2);
  let u = 0;
  for (let i = 0; i < n; i++) {
    g[i * n + i] = 0;
    for (let j = i + 1; j < n; j++) {
      const d = Math.max(0, sq[i] + sq[j] - 2 * g[i * n + j]);
      g[i * n + j] = d;
      g[j * n + i] = d;
      upper[u++] = d;
    }
  }
  const median = medianWithZeros(upper, n);
  if (!(median > 0)) {
    throw new RangeError(
      'RBF CKA needs a positive median squared distance between rows; more than half of the row pairs are identical',
    );
  }
  const scale = -1 / (2 * threshold * threshold * median);
  for (let i = 0; i < n * n; i++) {
    g[i] = Math.exp(g[i] * scale);
  }
}

/**
 * ⟨K_a, K_b⟩_F for every pair [a, b] of indices into `grams` (symmetric n×n), in one pass over
 * tiles of 8 rows: each Gram is read from memory once instead of once per pair (the Grams of a
 * heatmap do not fit in cache together). Upper triangle twice plus the diagonal; four partial
 * sums per row so that the additions do not wait on each other.
 */
export function gramDots(grams: Float64Array[], pairs: [number, number][], n: number): number[] {
  const diag = new Float64Array(pairs.length);
  const off = new Float64Array(pairs.length);
  const tile = 8;
  for (let i0 = 0; i0 < n; i0 += tile) {
    const i1 = Math.min(i0 + tile, n);
    pairs.forEach(([a, b], p) => {
      const k = grams[a];
      const l = grams[b];
      for (let i = i0; i < i1; i++) {
        const row = i * n;
        diag[p] += k[row + i] * l[row + i];
        off[p] += rowTailDot(k, l, row + i + 1, row + n);
      }
    });
  }
  return pairs.map((_, p) => diag[p] + 2 * off[p]);
}

/** Σ k[j]·l[j] for j in [from, to). */
function rowTailDot(k: Float64Array, l: Float64Array, from: number, to: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = from;
  for (; j + 3 < to; j += 4) {
    s0 += k[j] * l[j];
    s1 += k[j + 1] * l[j + 1];
    s2 += k[j + 2] * l[j + 2];
    s3 += k[j + 3] * l[j + 3];
  }
  for (; j < to; j++) {
    s0 += k[j] * l[j];
  }
  return s0 + s1 + s2 + s3;
}

/** ⟨K, P L Pᵀ⟩_F = Σ_ij K_ij L_{π(i)π(j)} for symmetric K, L and the permutation π. */
export function permutedGramDot(
  k: Float64Array,
  l: Float64Array,
  n: number,
  perm: Int32Array,
): number {
  let diag = 0;
  let off = 0;
  for (let i = 0; i < n; i++) {
    const row = i * n;
    const lRow = perm[i] * n;
    diag += k[row + i] * l[lRow + perm[i]];
    for (let j = i + 1; j < n; j++) {
      off += k[row + j] * l[lRow + perm[j]];
    }
  }
  return diag + 2 * off;
}

/** Row sums of a symmetric n×n matrix divided by `divisor`. */
function rowMeans(k: Float64Array, n: number, divisor: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = i * n; j < i * n + n; j++) {
      s += k[j];
    }
    out[i] = s / divisor;
  }
  return out;
}

/**
 * The median of the n² entries of a symmetric matrix with zero diagonal, from its n(n−1)/2
 * upper-triangle entries (reordered in place): sorted, the n² entries are n zeros followed by
 * every upper entry twice. Even counts average the two middle entries.
 */
export function medianWithZeros(upper: Float64Array, n: number): number {
  const total = n * n;
  const at = (t: number): number => (t < n ? 0 : kthSmallest(upper, (t - n) >> 1));
  const lo = at((total - 1) >> 1);
  return total % 2 === 1 ? lo : (lo + at(total >> 1)) / 2;
}

/** The k-th smallest (0-based) of a, by quickselect (reorders a; median-of-three pivots). */
export function kthSmallest(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >> 1;
    const pivot = medianOf3(a[lo], a[mid], a[hi]);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) {
      hi = j;
    } else if (k >= i) {
      lo = i;
    } else {
      return a[k];
    }
  }
  return a[k];
}

const medianOf3 = (x: number, y: number, z: number): number =>
  Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
