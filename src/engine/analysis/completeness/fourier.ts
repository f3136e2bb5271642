/**
 * Fourier analysis of a modular-arithmetic token embedding E [p, d] (after
 * Ding et al. 2024, "Survival of the Fittest Representation", `utils.py`): the DFT along the token
 * axis, the per-frequency signal S_k = ‖F_k‖₂, the final-circle rule S_k > 2·mean_j S_j, the
 * circle plane span(Re F_k, Im F_k) and the circularity of a frequency.
 *
 * Convention (numpy's `np.fft.fft(E, axis=0)`): F_k = Σ_x E_x · exp(−2πi·k·x/p), k = 0..p−1.
 *
 * Why a direct DFT and no FFT library: p is usually prime (59, 13..127), where radix-2 FFTs do not
 * apply, and p ≤ ~1000 keeps the direct O(p²·d) sum cheap (59² · 128 ≈ 0.5 M multiply-adds). With
 * cos/sin tables indexed by (k·x mod p) every twiddle factor is computed once, and conjugate rows
 * are filled by symmetry so that S_k = S_{p−k} holds exactly, not just to rounding.
 */
import { type Float64Matrix, ShapeError } from '../cka';

export { fourierNorms, realFourierBasis } from './fourierBasis';
export { keyFrequencies, type KeyFrequencyOptions } from './keyFrequencies';

/** The complex DFT of E along the token axis: real and imaginary parts, each [p, d] row-major. */
export interface Dft {
  re: Float64Matrix;
  im: Float64Matrix;
}

/** The plane of a circle: the normalized Re F_k and Im F_k (length d; zero if that part is 0). */
export interface CirclePlane {
  u: Float64Array;
  v: Float64Array;
}

/** cos(2πj/p) and sin(2πj/p) for j = 0..p−1. */
export function twiddles(p: number): { cos: Float64Array; sin: Float64Array } {
  const cos = new Float64Array(p);
  const sin = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    cos[j] = Math.cos((2 * Math.PI * j) / p);
    sin[j] = Math.sin((2 * Math.PI * j) / p);
  }
  return { cos, sin };
}

/**
 * F_k = Σ_x E_x e^{−2πikx/p} for one frequency k, as two length-d vectors (O(p·d)).
 * @param e [p, d] embedding, rows are tokens. @param k any integer (taken mod p).
 */
export function dftRow(
  e: Float64Matrix,
  k: number,
  tables = twiddles(e.rows),
): { re: Float64Array; im: Float64Array } {
  const { rows: p, cols: d } = e;
  const re = new Float64Array(d);
  const im = new Float64Array(d);
  const kk = ((k % p) + p) % p;
  for (let x = 0; x < p; x++) {
    const j = (kk * x) % p;
    const c = tables.cos[j];
    const s = tables.sin[j];
    for (let a = 0; a < d; a++) {
      const v = e.data[x * d + a];
      re[a] += c * v;
      im[a] -= s * v;
    }
  }
  return { re, im };
}

/**
 * The full DFT of E along the token axis (rows k = 0..p−1). Rows k ≤ p/2 are computed, rows
 * k > p/2 are the complex conjugates of rows p − k (E is real).
 * @param e [p, d], p ≥ 1.
 */
export function dft(e: Float64Matrix): Dft {
  const { rows: p, cols: d } = e;
  if (p < 1 || d < 1) {
    throw new ShapeError(`the DFT needs a non-empty embedding, got [${p}, ${d}]`);
  }
  const tables = twiddles(p);
  const re = new Float64Array(p * d);
  const im = new Float64Array(p * d);
  for (let k = 0; k <= p / 2; k++) {
    const row = dftRow(e, k, tables);
    re.set(row.re, k * d);
    im.set(row.im, k * d);
    const c = (p - k) % p;
    if (c !== k) {
      re.set(row.re, c * d);
      im.set(
        row.im.map((v) => -v),
        c * d,
      );
    }
  }
  return { re: { rows: p, cols: d, data: re }, im: { rows: p, cols: d, data: im } };
}

/**
 * The signal of every frequency, S_k = ‖F_k‖₂ (complex 2-norm over the d dimensions).
 * @param e [p, d]. @returns S [p] for k = 0..p−1; S_k = S_{p−k} exactly.
 */
export function dftSignal(e: Float64Matrix): Float64Array {
  const { re, im } = dft(e);
  const { rows: p, cols: d } = re;
  const s = new Float64Array(p);
  for (let k = 0; k < p; k++) {
    let acc = 0;
    for (let a = 0; a < d; a++) {
      acc += re.data[k * d + a] ** 2 + im.data[k * d + a] ** 2;
    }
    s[k] = Math.sqrt(acc);
  }
  return s;
}

/**
 * The reported half of a spectrum: entries k = 1..⌊(p−1)/2⌋ (index k − 1). The constant k = 0,
 * the conjugates k > p/2 and, for even p, the self-conjugate k = p/2 are left out.
 */
export function halfSpectrum(signal: ArrayLike<number>): number[] {
  const half = Math.floor((signal.length - 1) / 2);
  return Array.from({ length: half }, (_, i) => signal[i + 1]);
}

/** The final-circle threshold 2 · mean_{j=0..p−1} S_j (the mean includes S_0 and conjugates). */
export function circleThreshold(signal: ArrayLike<number>): number {
  let sum = 0;
  for (let j = 0; j < signal.length; j++) {
    sum += signal[j];
  }
  return (2 * sum) / signal.length;
}

/**
 * Frequencies detected as circles: k ∈ 1..⌊(p−1)/2⌋ with S_k > 2·mean_j S_j, ascending. Each k
 * stands for the conjugate pair {k, p − k} (which pass together since S_k = S_{p−k}), so the
 * number of circles is the length of the result.
 */
export function finalCircles(e: Float64Matrix): number[] {
  const s = dftSignal(e);
  const threshold = circleThreshold(s);
  return halfSpectrum(s).flatMap((v, i) => (v > threshold ? [i + 1] : []));
}

/**
 * The plane of frequency k: u = Re F_k / ‖Re F_k‖, v = Im F_k / ‖Im F_k‖. The two vectors are
 * normalized but not orthogonalized (as in the reference code); a zero part stays zero.
 */
export function circlePlane(e: Float64Matrix, k: number): CirclePlane {
  const { re, im } = dftRow(e, k);
  return { u: normalized(re), v: normalized(im) };
}

/**
 * Coordinates of every token in a circle plane: row x = (E_x·u, E_x·v).
 * @returns [p, 2]. For a planted circle at frequency k token x sits at angle ±2π·(x·k mod p)/p.
 */
export function projectOnPlane(e: Float64Matrix, plane: CirclePlane): Float64Matrix {
  const { rows: p, cols: d } = e;
  if (plane.u.length !== d || plane.v.length !== d) {
    throw new ShapeError(`plane vectors need length ${d}, got ${plane.u.length}`);
  }
  const out = new Float64Array(p * 2);
  for (let x = 0; x < p; x++) {
    out[2 * x] = dot(e.data, x * d, plane.u);
    out[2 * x + 1] = dot(e.data, x * d, plane.v);
  }
  return { rows: p, cols: 2, data: out };
}

/**
 * Circularity of frequency k (§1.2a): for u ∈ {Re F_k, Im F_k} normalized, project x = E·u and
 * take c_u = 2·|X̂_k|² / Σ_j |X̂_j|² (the share of the projection's energy at ±k; by Parseval the
 * denominator is p·‖x‖²). Returns sqrt((c_Re² + c_Im²)/2) ∈ [0, 1], 1 for a perfect circle.
 * @param k in 1..⌊(p−1)/2⌋ (the factor 2 counts the conjugate −k).
 */
export function circularity(e: Float64Matrix, k: number, tables = twiddles(e.rows)): number {
  const { re, im } = dftRow(e, k, tables);
  const c = [re, im].map((part) => energyShareAt(projectRows(e, normalized(part)), k, tables));
  return Math.sqrt((c[0] ** 2 + c[1] ** 2) / 2);
}

/** Circularity of every reported frequency k = 1..⌊(p−1)/2⌋ (index k − 1). */
export function circularities(e: Float64Matrix): number[] {
  const tables = twiddles(e.rows);
  const half = Math.floor((e.rows - 1) / 2);
  return Array.from({ length: half }, (_, i) => circularity(e, i + 1, tables));
}

/** 2·|X̂_k|² / (p·‖x‖²) for a real signal x of length p; 0 when x = 0. */
function energyShareAt(x: Float64Array, k: number, tables: ReturnType<typeof twiddles>): number {
  const p = x.length;
  let re = 0;
  let im = 0;
  let energy = 0;
  for (let t = 0; t < p; t++) {
    const j = (k * t) % p;
    re += tables.cos[j] * x[t];
    im -= tables.sin[j] * x[t];
    energy += x[t] * x[t];
  }
  return energy > 0 ? (2 * (re * re + im * im)) / (p * energy) : 0;
}

/** E·u [p] for E [p, d] and u [d]. */
function projectRows(e: Float64Matrix, u: Float64Array): Float64Array {
  return Float64Array.from({ length: e.rows }, (_, x) => dot(e.data, x * e.cols, u));
}

function dot(data: Float64Array, offset: number, u: Float64Array): number {
  let acc = 0;
  for (let a = 0; a < u.length; a++) {
    acc += data[offset + a] * u[a];
  }
  return acc;
}

function normalized(v: Float64Array): Float64Array {
  const n = Math.sqrt(v.reduce((acc, x) => acc + x * x, 0));
  return n > 0 ? v.map((x) => x / n) : v;
}
