/**
 * Embedding trajectories on fixed axes: every checkpoint's embedding E_t [vocab, d], centred on its
 * own mean token, projected onto the same unit axes, which are chosen from the LAST checkpoint
 * with a task’s structure in mind:
 *
 * - `fourierAxes`: the circle plane span(Re F_k, Im F_k) of frequency k. The two vectors are
 *   orthonormalised (Gram–Schmidt: v ← Im F_k minus its component along Re F_k, then normalised),
 *   so the coordinates are those of a proper orthogonal projection; for a perfect circle Re F_k and
 *   Im F_k are already orthogonal and nothing changes.
 * - `walshAxes`: the directions W_s/‖W_s‖ of 2 or 3 masks s (not orthogonalised: a skewed cube
 *   stays skewed), so a cube E(x) = c + Σ_s v_s·χ_s(x) with orthogonal v_s shows its corners.
 * - `lineAxes`: the final residue line (PC 1 of the class means) and the top principal
 *   direction(s) of what remains of the embedding once the line direction is removed.
 *
 * The axes are the same at every step, so unlike the PCA trajectory (embeddingTrajectory.ts) no
 * alignment is needed: whatever moves in the plot is the tokens, e.g. onto a circle over training.
 */
import { type Float64Matrix, ShapeError } from './cka';
import { type EmbeddingFrame } from './embeddingTrajectory';
import {
  type CirclePlane,
  circlePlane,
  dftSignal,
  finalCircles,
  halfSpectrum,
  projectOnPlane,
} from './completeness/fourier';
import { classMeans, finalOrdering } from './completeness/remainderLine';
import { finalMasks, fwht, maskSignal } from './completeness/walsh';
import { columnMeans, pca } from './pca';

/** Projections of a sequence of embeddings onto fixed axes. */
export interface FixedTrajectory {
  steps: number[];
  /** Per checkpoint: coordinates [vocab, c] of the centred tokens on the c axes. */
  points: Float64Matrix[];
  /** Per checkpoint: share of its total variance along each axis [c] (0 for a constant E). */
  explained: Float64Array[];
}

/** The fourier axes: the orthonormalised plane of frequency k and every frequency's signal. */
export interface FourierAxes {
  k: number;
  /** u = Re F_k/‖Re F_k‖ and v = the unit part of Im F_k orthogonal to u (length d each). */
  plane: CirclePlane;
  /** S_k for k = 1..⌊(p−1)/2⌋ (index k − 1). */
  signal: number[];
  /** The final circles (S_k > 2·mean S), ascending. */
  circles: number[];
}

/** The walsh axes: unit W_s of the chosen masks, and every mask's signal. */
export interface WalshAxes {
  masks: number[];
  /** [masks.length, d]: row i = W_s/‖W_s‖ for s = masks[i] (zero if W_s = 0). */
  axes: Float64Matrix;
  /** σ_s for s = 0..2^n−1. */
  signal: number[];
  /** The n strongest masks (`finalMasks`), ascending. */
  finalMasks: number[];
}

/** The line axes: the final line direction, then the top remaining principal directions. */
export interface LineAxes {
  /** [c, d], orthonormal rows; row 0 is PC 1 of the class means. */
  axes: Float64Matrix;
  /** Residues from one end of the line to the other (`finalOrdering`). */
  order: number[];
}

/**
 * Projects every frame, centred on its mean token, onto the same unit axes.
 * @param frames all [vocab, d]. @param axes [c, d], unit rows (or zero rows).
 */
export function projectOnAxes(frames: EmbeddingFrame[], axes: Float64Matrix): FixedTrajectory {
  return projectFrames(frames, axes.cols, (ec) => multiplyTransposed(ec, axes));
}

/** Projects every frame, centred, onto a circle plane (`projectOnPlane`); coordinates [vocab, 2]. */
export function projectOnCirclePlane(
  frames: EmbeddingFrame[],
  plane: CirclePlane,
): FixedTrajectory {
  return projectFrames(frames, plane.u.length, (ec) => projectOnPlane(ec, plane));
}

function projectFrames(
  frames: EmbeddingFrame[],
  d: number,
  project: (ec: Float64Matrix) => Float64Matrix,
): FixedTrajectory {
  const points: Float64Matrix[] = [];
  const explained: Float64Array[] = [];
  for (const f of frames) {
    if (f.embedding.cols !== d) {
      throw new ShapeError(`step ${f.step}: the axes need ${d} columns, got ${f.embedding.cols}`);
    }
    const ec = centred(f.embedding);
    const p = project(ec);
    points.push(p);
    explained.push(varianceShares(ec, p));
  }
  return { steps: frames.map((f) => f.step), points, explained };
}

/**
 * The fourier plane of the last embedding E [p, d] (see file header).
 * @param k frequency in 1..⌊(p−1)/2⌋; default the final circle with the largest signal, or the
 * largest-signal frequency when there is no circle (ties: smaller k).
 */
export function fourierAxes(e: Float64Matrix, k?: number): FourierAxes {
  const signal = halfSpectrum(dftSignal(e));
  if (signal.length === 0) {
    throw new RangeError(`an embedding of ${e.rows} tokens has no frequency 1..(p−1)/2`);
  }
  const circles = finalCircles(e);
  const pool = circles.length > 0 ? circles : signal.map((_, i) => i + 1);
  const chosen = k ?? pool.reduce((best, j) => (signal[j - 1] > signal[best - 1] ? j : best));
  if (!Number.isInteger(chosen) || chosen < 1 || chosen > signal.length) {
    throw new RangeError(`frequency ${chosen} is not in 1..${signal.length}`);
  }
  const { u, v } = circlePlane(e, chosen);
  return { k: chosen, plane: { u, v: unit(subtractProjection(v, u)) }, signal, circles };
}

/**
 * The walsh axes of the last embedding E [2^n, d].
 * @param count masks to use by default (2 or 3): the strongest of the final masks, ascending.
 * @param masks explicit masks: 2 or 3 distinct values in 1..2^n−1.
 */
export function walshAxes(
  e: Float64Matrix,
  bits: number,
  count: number,
  masks?: number[],
): WalshAxes {
  const final = finalMasks(e, bits).masks;
  const signal = Array.from(maskSignal(e));
  const chosen = masks ?? strongest(final, signal, count).sort((a, b) => a - b);
  const top = 2 ** bits;
  if (chosen.length < 2 || chosen.length > 3 || new Set(chosen).size !== chosen.length) {
    throw new RangeError(
      `a walsh projection needs 2 or 3 distinct masks, got [${chosen.join(', ')}]`,
    );
  }
  if (chosen.some((s) => !Number.isInteger(s) || s < 1 || s >= top)) {
    throw new RangeError(`masks of ${bits} bits are in 1..${top - 1}, got [${chosen.join(', ')}]`);
  }
  const w = fwht(e);
  const d = e.cols;
  const data = new Float64Array(chosen.length * d);
  chosen.forEach((s, i) => data.set(unit(w.data.slice(s * d, (s + 1) * d)), i * d));
  return { masks: chosen, axes: { rows: chosen.length, cols: d, data }, signal, finalMasks: final };
}

/**
 * The line axes of the last embedding E [N, d] for residues mod m.
 * @param count axes (2 or 3): the line, then count − 1 remaining principal directions.
 */
export function lineAxes(e: Float64Matrix, m: number, count: number): LineAxes {
  const means = classMeans(e, m);
  const line = pca(means, { k: 1 }).components.data;
  const rest = removeDirection(centred(e), line);
  const extra = Math.min(count - 1, rest.rows, rest.cols);
  const d = e.cols;
  const data = new Float64Array((1 + extra) * d);
  data.set(line, 0);
  if (extra > 0) {
    data.set(pca(rest, { k: extra }).components.data, d);
  }
  return { axes: { rows: 1 + extra, cols: d, data }, order: finalOrdering(means) };
}

/** The `count` masks with the largest signal (ties: smaller mask first). */
function strongest(masks: number[], signal: number[], count: number): number[] {
  return [...masks].sort((a, b) => signal[b] - signal[a] || a - b).slice(0, count);
}

/** E minus its mean token (column means). */
export function centred(e: Float64Matrix): Float64Matrix {
  const mean = columnMeans(e);
  const data = e.data.map((v, i) => v - mean[i % e.cols]);
  return { rows: e.rows, cols: e.cols, data };
}

/** Share of ‖Ec‖²_F along each coordinate column of P [n, c]. */
function varianceShares(ec: Float64Matrix, p: Float64Matrix): Float64Array {
  const total = ec.data.reduce((acc, v) => acc + v * v, 0);
  const shares = new Float64Array(p.cols);
  for (let i = 0; i < p.data.length; i++) {
    shares[i % p.cols] += p.data[i] ** 2;
  }
  return shares.map((v) => (total > 0 ? v / total : 0));
}

/** X · Aᵀ for X [n, d] and A [c, d]: row i holds the coordinates of row i of X on each axis. */
function multiplyTransposed(x: Float64Matrix, a: Float64Matrix): Float64Matrix {
  const { rows: n, cols: d } = x;
  const c = a.rows;
  const out = new Float64Array(n * c);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < c; j++) {
      let acc = 0;
      for (let t = 0; t < d; t++) {
        acc += x.data[i * d + t] * a.data[j * d + t];
      }
      out[i * c + j] = acc;
    }
  }
  return { rows: n, cols: c, data: out };
}

/** X with the component of every row along the unit vector u removed. */
function removeDirection(x: Float64Matrix, u: Float64Array): Float64Matrix {
  const { rows: n, cols: d } = x;
  const data = Float64Array.from(x.data);
  for (let i = 0; i < n; i++) {
    const row = data.subarray(i * d, (i + 1) * d);
    row.set(subtractProjection(row, u));
  }
  return { rows: n, cols: d, data };
}

/** v − (v·u)u for a unit (or zero) u. */
function subtractProjection(v: Float64Array, u: Float64Array): Float64Array {
  let dot = 0;
  for (let a = 0; a < v.length; a++) {
    dot += v[a] * u[a];
  }
  return v.map((x, a) => x - dot * u[a]);
}

function unit(v: Float64Array): Float64Array {
  const n = Math.sqrt(v.reduce((acc, x) => acc + x * x, 0));
  return n > 0 ? v.map((x) => x / n) : v;
}
