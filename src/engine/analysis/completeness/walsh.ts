/**
 * Walsh–Hadamard analysis of a multi-digit XOR embedding E [2^n, d]: the
 * Fourier transform on Z_2^n. Tokens x are bit vectors, the characters are
 * χ_s(x) = (−1)^{popcount(s AND x)} for masks s, and W = (1/2^n)·H_n·E with the Sylvester–Hadamard
 * matrix H_n[s, x] = χ_s(x). The signal of mask s is σ_s = ‖W_s‖₂; a final n-cube is
 * E(x) ≈ c + Σ_{s∈S} v_s·χ_s(x) for n GF(2)-independent masks S (the "arrangement").
 */
import { type Float64Matrix, ShapeError } from '../cka';
import type { Rng } from '../../rng';

/** The final arrangement of an XOR embedding (see `finalMasks`). */
export interface FinalMasks {
  /** The n masks with the largest σ_s over s ≠ 0, ascending. */
  masks: number[];
  /** Whether they are linearly independent over GF(2), i.e. span a cube. */
  independent: boolean;
  /** Σ σ_s² over `masks` / Σ_{s≠0} σ_s² (0 for a constant embedding). */
  energyShare: number;
}

/** Options of `maskBases`. */
export interface MaskBasisOptions {
  /** Enumerate all bases up to this many; beyond it return a sample of this size. Default 100 000. */
  limit?: number;
  /** Needed only when sampling. */
  rng?: Rng;
  /** Bases that must be in the result (e.g. the final arrangement), any mask order. */
  mustInclude?: readonly (readonly number[])[];
}

/**
 * The normalized Walsh–Hadamard transform W = (1/2^n)·H_n·E along the token axis (fast butterfly,
 * O(2^n·n·d)). W_0 is the mean token; E = H_n·W recovers the embedding.
 * @param e [2^n, d]; throws a ShapeError when the row count is not a power of two.
 */
export function fwht(e: Float64Matrix): Float64Matrix {
  const { rows: size, cols: d } = e;
  bitsOf(size);
  const w = Float64Array.from(e.data);
  for (let h = 1; h < size; h *= 2) {
    for (let i = 0; i < size; i += 2 * h) {
      for (let x = i; x < i + h; x++) {
        for (let a = 0; a < d; a++) {
          const u = w[x * d + a];
          const v = w[(x + h) * d + a];
          w[x * d + a] = u + v;
          w[(x + h) * d + a] = u - v;
        }
      }
    }
  }
  for (let i = 0; i < w.length; i++) {
    w[i] /= size;
  }
  return { rows: size, cols: d, data: w };
}

/** σ_s = ‖W_s‖₂ for s = 0..2^n−1. @param e [2^n, d]. */
export function maskSignal(e: Float64Matrix): Float64Array {
  const w = fwht(e);
  const d = w.cols;
  return Float64Array.from({ length: w.rows }, (_, s) => {
    let acc = 0;
    for (let a = 0; a < d; a++) {
      acc += w.data[s * d + a] ** 2;
    }
    return Math.sqrt(acc);
  });
}

/**
 * Whether the masks are linearly independent over GF(2) (no non-empty subset XORs to zero).
 * A zero mask or a repeated mask makes the set dependent; the empty set is independent.
 */
export function gf2Independent(masks: readonly number[]): boolean {
  // Basis vectors indexed by their highest set bit (Gaussian elimination over GF(2)).
  const basis = new Map<number, number>();
  for (const m of masks) {
    let v = m;
    while (v !== 0) {
      const top = 31 - Math.clz32(v);
      const pivot = basis.get(top);
      if (pivot === undefined) {
        basis.set(top, v);
        break;
      }
      v ^= pivot;
    }
    if (v === 0) {
      return false;
    }
  }
  return true;
}

/**
 * The final arrangement: the n masks with the largest σ_s over s ≠ 0 (ties: smaller s first),
 * their GF(2) independence and their share of the non-constant energy.
 * @param e [2^n, d]. @param n bits; must match the row count.
 */
export function finalMasks(e: Float64Matrix, n: number): FinalMasks {
  if (bitsOf(e.rows) !== n) {
    throw new ShapeError(`an XOR embedding of ${n} bits has ${2 ** n} rows, got ${e.rows}`);
  }
  const sigma = maskSignal(e);
  const byStrength = Array.from({ length: sigma.length - 1 }, (_, i) => i + 1).sort(
    (a, b) => sigma[b] - sigma[a] || a - b,
  );
  const masks = byStrength.slice(0, n).sort((a, b) => a - b);
  let total = 0;
  for (let s = 1; s < sigma.length; s++) {
    total += sigma[s] ** 2;
  }
  const chosen = arrangementScore(sigma, masks);
  return { masks, independent: gf2Independent(masks), energyShare: total > 0 ? chosen / total : 0 };
}

/** Arrangement score Σ_{s∈basis} σ_s² (§4.3). */
export function arrangementScore(sigma: ArrayLike<number>, basis: readonly number[]): number {
  return basis.reduce((acc, s) => acc + sigma[s] ** 2, 0);
}

/**
 * Number of unordered bases of GF(2)^n: ∏_{i<n}(2^n − 2^i) / n! (n = 3: 28, n = 4: 840,
 * n = 5: 83 328, n = 6: 27 998 208).
 */
export function maskBasisCount(n: number): number {
  let count = 1;
  for (let i = 0; i < n; i++) {
    count = (count * (2 ** n - 2 ** i)) / (i + 1);
  }
  return count;
}

/**
 * The candidate arrangements: every unordered set of n GF(2)-independent nonzero masks, each sorted
 * ascending, in lexicographic order. When there are more than `limit`, a seeded sample of `limit`
 * distinct bases (sorted lexicographically) that always contains `mustInclude`.
 */
export function maskBases(
  n: number,
  opts: MaskBasisOptions = {},
): { bases: number[][]; sampled: boolean } {
  const limit = opts.limit ?? 100_000;
  const must = (opts.mustInclude ?? []).map((b) => [...b].sort((x, y) => x - y));
  for (const b of must) {
    if (b.length !== n || !gf2Independent(b) || b.some((s) => s <= 0 || s >= 2 ** n)) {
      throw new RangeError(`{${b.join(',')}} is not a basis of ${n}-bit masks`);
    }
  }
  if (maskBasisCount(n) <= limit) {
    return { bases: enumerateBases(n), sampled: false };
  }
  if (opts.rng === undefined) {
    throw new RangeError(`${maskBasisCount(n)} bases exceed the limit ${limit}: pass an rng`);
  }
  const rng = opts.rng;
  const seen = new Map(must.map((b) => [b.join(','), b]));
  while (seen.size < Math.max(limit, must.length)) {
    const b = randomBasis(n, rng);
    seen.set(b.join(','), b);
  }
  return { bases: [...seen.values()].sort(lexicographic), sampled: true };
}

function enumerateBases(n: number): number[][] {
  const out: number[][] = [];
  const top = 2 ** n;
  const grow = (prefix: number[]): void => {
    if (prefix.length === n) {
      out.push([...prefix]);
      return;
    }
    for (let s = (prefix[prefix.length - 1] ?? 0) + 1; s < top; s++) {
      prefix.push(s);
      if (gf2Independent(prefix)) {
        grow(prefix);
      }
      prefix.pop();
    }
  };
  grow([]);
  return out;
}

/** n independent masks drawn uniformly (each outside the span of the previous ones), sorted. */
function randomBasis(n: number, rng: Rng): number[] {
  const masks: number[] = [];
  while (masks.length < n) {
    const s = 1 + rng.int(2 ** n - 1);
    if (gf2Independent([...masks, s])) {
      masks.push(s);
    }
  }
  return masks.sort((a, b) => a - b);
}

function lexicographic(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) {
      return a[i] - b[i];
    }
  }
  return a.length - b.length;
}

/** n for a row count of 2^n; throws otherwise. */
function bitsOf(rows: number): number {
  const n = Math.log2(rows);
  if (!Number.isInteger(n) || rows < 1) {
    throw new ShapeError(`the Walsh–Hadamard transform needs 2^n rows, got ${rows}`);
  }
  return n;
}
