/**
 * Linear CKA (Kornblith et al. 2019, "Similarity of Neural Network Representations Revisited"),
 * in float64:  CKA(X, Y) = ‖YᵀX‖²_F / (‖XᵀX‖_F · ‖YᵀY‖_F)  on column-centred X [n, p], Y [n, q].
 * Uses the feature-space form when features are fewer than examples, else the Gram form
 * ⟨K_c, L_c⟩ / (‖K_c‖‖L_c‖) with K = XXᵀ (identical in exact arithmetic).
 */
import { Matrix } from 'ml-matrix';

/** A row-major float64 matrix: rows are examples. */
export interface Float64Matrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

/** Thrown when inputs have incompatible shapes; says what was expected. */
export class ShapeError extends Error {
  override name = 'ShapeError';
}

/**
 * Linear CKA between two representations of the same n examples.
 * @param x [n, p] and @param y [n, q], rows are examples (centred inside).
 * @returns a value in [0, 1]; 1 for representations equal up to rotation and scale.
 */
export function linearCka(x: Float64Matrix, y: Float64Matrix): number {
  if (x.rows !== y.rows) {
    throw new ShapeError(`CKA needs the same examples in both: ${x.rows} rows vs ${y.rows} rows`);
  }
  if (x.rows < 2) {
    throw new ShapeError(`CKA needs at least 2 examples, got ${x.rows}`);
  }
  const X = centredColumns(x);
  const Y = centredColumns(y);
  if (Math.max(x.cols, y.cols) <= x.rows) {
    const xy = frob2(Y.transpose().mmul(X));
    return xy / Math.sqrt(frob2(X.transpose().mmul(X)) * frob2(Y.transpose().mmul(Y)));
  }
  const K = X.mmul(X.transpose());
  const L = Y.mmul(Y.transpose());
  return dot(K, L) / Math.sqrt(dot(K, K) * dot(L, L));
}

function centredColumns(m: Float64Matrix): Matrix {
  const M = new Matrix(m.rows, m.cols);
  for (let j = 0; j < m.cols; j++) {
    let mean = 0;
    for (let i = 0; i < m.rows; i++) {
      mean += m.data[i * m.cols + j];
    }
    mean /= m.rows;
    for (let i = 0; i < m.rows; i++) {
      M.set(i, j, m.data[i * m.cols + j] - mean);
    }
  }
  return M;
}

function frob2(m: Matrix): number {
  return dot(m, m);
}

function dot(a: Matrix, b: Matrix): number {
  let s = 0;
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < a.columns; j++) {
      s += a.get(i, j) * b.get(i, j);
    }
  }
  return s;
}
