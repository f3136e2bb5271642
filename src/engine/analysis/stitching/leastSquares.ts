/**
 * The affine least-squares map Z₁ → Z₂ in float64: min over A, b of ‖Z₁A + 1bᵀ − Z₂‖²_F, by
 * the normal equations on centred data with a tiny ridge (1e-10 of the mean feature variance)
 * so that rank-deficient sources (dead units, more features than rows) still have a solution.
 */
import { Matrix, solve } from 'ml-matrix';
import type { Float64Matrix } from '../cka';
import type { AffineInit } from './bridge';

/** Fits A [in, out] and b [out] mapping the rows of `from` onto the rows of `to`. */
export function fitAffine(from: Float64Matrix, to: Float64Matrix): AffineInit {
  if (from.rows !== to.rows) {
    throw new Error(`affine fit needs matching rows: ${from.rows} vs ${to.rows}`);
  }
  const [mx, my] = [means(from), means(to)];
  const X = centred(from, mx);
  const Y = centred(to, my);
  const xtx = X.transpose().mmul(X);
  let trace = 0;
  for (let i = 0; i < from.cols; i++) {
    trace += xtx.get(i, i);
  }
  const ridge = Math.max((1e-10 * trace) / Math.max(1, from.cols), 1e-12);
  for (let i = 0; i < from.cols; i++) {
    xtx.set(i, i, xtx.get(i, i) + ridge);
  }
  const A = solve(xtx, X.transpose().mmul(Y));
  const weight = Float64Array.from(A.to1DArray());
  const bias = new Float64Array(to.cols);
  for (let j = 0; j < to.cols; j++) {
    let s = my[j];
    for (let i = 0; i < from.cols; i++) {
      s -= mx[i] * weight[i * to.cols + j];
    }
    bias[j] = s;
  }
  return { weight, bias };
}

function means(m: Float64Matrix): Float64Array {
  const out = new Float64Array(m.cols);
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.cols; j++) {
      out[j] += m.data[i * m.cols + j];
    }
  }
  return out.map((s) => s / Math.max(1, m.rows));
}

function centred(m: Float64Matrix, mean: Float64Array): Matrix {
  const out = new Matrix(m.rows, m.cols);
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.cols; j++) {
      out.set(i, j, m.data[i * m.cols + j] - mean[j]);
    }
  }
  return out;
}
