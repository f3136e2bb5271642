/**
 * Embedding trajectories: the token embedding E_t [vocab, d] of every checkpoint t projected onto
 * its own top-k principal components (k = 2 or 3), then aligned across checkpoints so an animation
 * over steps neither flips nor spins.
 *
 * Alignment choice: orthogonal Procrustes (Schönemann 1966) of each checkpoint's k-D projection
 * onto the previous checkpoint's aligned projection, over the full orthogonal group O(k) (rotations
 * and reflections). Sign alignment of each component alone would fix flips but not the 90° turns
 * when two eigenvalues cross and PC1/PC2 swap order; Procrustes fixes both. The aligned axes span
 * the same top-k PC subspace of each checkpoint (so the explained variance of the plane is
 * unchanged), but are no longer individually PC1, PC2, … after the first checkpoint. Being
 * orthogonal, the alignment keeps distances, so the growth of the embedding stays visible.
 * The first checkpoint keeps the sign convention of `pca` (largest entry of a component positive).
 */
import { Matrix, SVD } from 'ml-matrix';
import { type Float64Matrix, ShapeError } from './cka';
import { pca } from './pca';

/** One checkpoint's embedding matrix. */
export interface EmbeddingFrame {
  step: number;
  /** [vocab, d], rows are tokens. */
  embedding: Float64Matrix;
}

/** Aligned projections of a sequence of embeddings. */
export interface EmbeddingTrajectory {
  /** Components kept per checkpoint: the k asked, or fewer for a smaller matrix. */
  k: number;
  steps: number[];
  /** Per checkpoint: aligned projection [vocab, k] (rows are tokens). */
  points: Float64Matrix[];
  /** Per checkpoint: explained variance ratio of its top-k PCs [k], non-increasing. */
  explained: Float64Array[];
  /** Per checkpoint: the orthogonal [k, k] R with points = (raw PC projection) · R. */
  rotations: Float64Matrix[];
}

/**
 * Projects every frame onto its top-k PCs and aligns consecutive projections (see file header).
 * @param frames in step order, all with the same [vocab, d] shape (vocab ≥ k, d ≥ k).
 * @param k 2 or 3 (capped at min(vocab, d)).
 */
export function embeddingTrajectory(frames: EmbeddingFrame[], k: 2 | 3): EmbeddingTrajectory {
  if (frames.length === 0) {
    return { k, steps: [], points: [], explained: [], rotations: [] };
  }
  const first = frames[0].embedding;
  for (const f of frames) {
    if (f.embedding.rows !== first.rows || f.embedding.cols !== first.cols) {
      throw new ShapeError(
        `every checkpoint needs the embedding shape [${first.rows}, ${first.cols}]; ` +
          `step ${f.step} has [${f.embedding.rows}, ${f.embedding.cols}]`,
      );
    }
  }
  const kept = Math.min(k, first.rows, first.cols);
  const fits = frames.map((f) => pca(f.embedding, { k: kept }));
  const { aligned, rotations } = alignSequence(fits.map((p) => p.projections));
  return {
    k: kept,
    steps: frames.map((f) => f.step),
    points: aligned,
    explained: fits.map((p) => p.explainedVarianceRatio),
    rotations,
  };
}

/**
 * Aligns each projection onto the previous aligned one with orthogonal Procrustes.
 * @param projections each [n, k] (same n and k); the first is kept as is.
 * @returns aligned [n, k] projections and the [k, k] orthogonal map applied to each.
 */
export function alignSequence(projections: Float64Matrix[]): {
  aligned: Float64Matrix[];
  rotations: Float64Matrix[];
} {
  const aligned: Float64Matrix[] = [];
  const rotations: Float64Matrix[] = [];
  for (const p of projections) {
    const prev = aligned[aligned.length - 1];
    const r = prev === undefined ? identity(p.cols) : procrustesRotation(p, prev);
    rotations.push(r);
    aligned.push(multiply(p, r));
  }
  return { aligned, rotations };
}

/**
 * The orthogonal R [k, k] minimising ‖A R − B‖_F (reflections allowed): with AᵀB = U Σ Wᵀ,
 * R = U Wᵀ. When AᵀB is (numerically) zero every R is optimal and the identity is returned.
 * @param a [n, k] source; @param b [n, k] target, rows paired with a's.
 */
export function procrustesRotation(a: Float64Matrix, b: Float64Matrix): Float64Matrix {
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw new ShapeError(
      `Procrustes needs equal shapes: [${a.rows}, ${a.cols}] vs [${b.rows}, ${b.cols}]`,
    );
  }
  const k = a.cols;
  const M = new Matrix(k, k); // Aᵀ B
  let norm2 = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      let acc = 0;
      for (let r = 0; r < a.rows; r++) {
        acc += a.data[r * k + i] * b.data[r * k + j];
      }
      M.set(i, j, acc);
      norm2 += acc * acc;
    }
  }
  const scale = frobenius2(a) * frobenius2(b);
  if (norm2 <= 1e-24 * scale) {
    return identity(k);
  }
  const svd = new SVD(M);
  const R = svd.leftSingularVectors.mmul(svd.rightSingularVectors.transpose());
  return { rows: k, cols: k, data: Float64Array.from(R.to1DArray()) };
}

/** A · B for row-major A [n, m] and B [m, p]. */
function multiply(a: Float64Matrix, b: Float64Matrix): Float64Matrix {
  const out = new Float64Array(a.rows * b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < b.cols; j++) {
      let acc = 0;
      for (let m = 0; m < a.cols; m++) {
        acc += a.data[i * a.cols + m] * b.data[m * b.cols + j];
      }
      out[i * b.cols + j] = acc;
    }
  }
  return { rows: a.rows, cols: b.cols, data: out };
}

function identity(k: number): Float64Matrix {
  const data = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    data[i * k + i] = 1;
  }
  return { rows: k, cols: k, data };
}

function frobenius2(m: Float64Matrix): number {
  let s = 0;
  for (const v of m.data) {
    s += v * v;
  }
  return s;
}
