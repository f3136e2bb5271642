/**
 * Principal component analysis in float64, through the SVD of the column-centred matrix
 * (Xc = U S Vᵀ; the components are the columns of V, the projections are Xc V = U S). The SVD
 * avoids forming XcᵀXc, which would square the condition number.
 *
 * Sign convention: each component is flipped so that its entry of largest magnitude is positive
 * (the first such entry on ties), so results are deterministic for a given input.
 */
import { Matrix, SVD } from 'ml-matrix';
import { type Float64Matrix, ShapeError } from './cka';

/** Options of `pca`. */
export interface PcaOptions {
  /** Number of components to keep; default and maximum min(n, d). */
  k?: number;
  /** Subtract the column means first (default true). */
  center?: boolean;
}

/** Result of `pca` on X [n, d] with k components. */
export interface PcaResult {
  /** Principal axes [k, d]: row i is component i, unit norm, rows mutually orthogonal. */
  components: Float64Matrix;
  /** Column means [d] subtracted before the decomposition (zeros when `center` is false). */
  mean: Float64Array;
  /** Variance along each component [k]: s_i² / (n − 1); non-increasing. */
  explainedVariance: Float64Array;
  /** Fraction of the total variance along each component [k]; non-increasing, sums to ≤ 1. */
  explainedVarianceRatio: Float64Array;
  /** Rows of the (centred) X in component coordinates [n, k] = Xc · componentsᵀ. */
  projections: Float64Matrix;
  /** Total variance ‖Xc‖²_F / (n − 1), the denominator of the ratios. */
  totalVariance: number;
}

/**
 * PCA of the rows of X.
 * @param x [n, d], rows are examples (e.g. tokens), columns features; every value finite.
 * @param options.k components to keep (1 ≤ k ≤ min(n, d)); @param options.center default true.
 * @returns components [k, d], projections [n, k], explained variance (ratios) [k].
 */
export function pca(x: Float64Matrix, options: PcaOptions = {}): PcaResult {
  const { rows: n, cols: d } = x;
  const maxK = Math.min(n, d);
  const k = options.k ?? maxK;
  if (n < 1 || d < 1) {
    throw new ShapeError(`PCA needs a non-empty matrix, got [${n}, ${d}]`);
  }
  if (!Number.isInteger(k) || k < 1 || k > maxK) {
    throw new ShapeError(`PCA of a [${n}, ${d}] matrix keeps 1..${maxK} components, asked ${k}`);
  }
  assertFinite(x);
  const mean = options.center === false ? new Float64Array(d) : columnMeans(x);
  const Xc = new Matrix(n, d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      Xc.set(i, j, x.data[i * d + j] - mean[j]);
    }
  }
  const svd = new SVD(Xc, {
    computeLeftSingularVectors: false,
    computeRightSingularVectors: true,
    autoTranspose: true,
  });
  const s = svd.diagonal;
  const V = svd.rightSingularVectors; // [d, min(n, d)]
  const components = new Float64Array(k * d);
  for (let c = 0; c < k; c++) {
    const sign = largestEntrySign(V, c);
    for (let j = 0; j < d; j++) {
      components[c * d + j] = sign * V.get(j, c);
    }
  }
  const dof = Math.max(n - 1, 1);
  const totalVariance = frobenius2(Xc) / dof;
  const explainedVariance = Float64Array.from({ length: k }, (_, c) => (s[c] * s[c]) / dof);
  const explainedVarianceRatio = explainedVariance.map((v) =>
    totalVariance > 0 ? v / totalVariance : 0,
  );
  const result = { components: { rows: k, cols: d, data: components }, mean };
  return {
    ...result,
    explainedVariance,
    explainedVarianceRatio,
    projections: projectCentred(Xc, result.components),
    totalVariance,
  };
}

/**
 * Projects new rows onto fitted components: (X − mean) · componentsᵀ.
 * @param x [m, d]; @param fit a `pca` result on d features. @returns [m, k].
 */
export function pcaProject(
  x: Float64Matrix,
  fit: Pick<PcaResult, 'components' | 'mean'>,
): Float64Matrix {
  const { rows: k, cols: d } = fit.components;
  if (x.cols !== d) {
    throw new ShapeError(`projection needs ${d} columns, got [${x.rows}, ${x.cols}]`);
  }
  const out = new Float64Array(x.rows * k);
  for (let i = 0; i < x.rows; i++) {
    for (let c = 0; c < k; c++) {
      let acc = 0;
      for (let j = 0; j < d; j++) {
        acc += (x.data[i * d + j] - fit.mean[j]) * fit.components.data[c * d + j];
      }
      out[i * k + c] = acc;
    }
  }
  return { rows: x.rows, cols: k, data: out };
}

/** Column means [d] of X [n, d]. */
export function columnMeans(x: Float64Matrix): Float64Array {
  const mean = new Float64Array(x.cols);
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < x.cols; j++) {
      mean[j] += x.data[i * x.cols + j];
    }
  }
  return mean.map((v) => v / x.rows);
}

function projectCentred(Xc: Matrix, components: Float64Matrix): Float64Matrix {
  const { rows: k, cols: d } = components;
  const out = new Float64Array(Xc.rows * k);
  for (let i = 0; i < Xc.rows; i++) {
    for (let c = 0; c < k; c++) {
      let acc = 0;
      for (let j = 0; j < d; j++) {
        acc += Xc.get(i, j) * components.data[c * d + j];
      }
      out[i * k + c] = acc;
    }
  }
  return { rows: Xc.rows, cols: k, data: out };
}

/** +1 or −1: the sign of column c's entry of largest magnitude (first one on ties). */
function largestEntrySign(V: Matrix, c: number): number {
  let best = 0;
  for (let j = 0; j < V.rows; j++) {
    if (Math.abs(V.get(j, c)) > Math.abs(best)) {
      best = V.get(j, c);
    }
  }
  return best < 0 ? -1 : 1;
}

function frobenius2(m: Matrix): number {
  let s = 0;
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.columns; j++) {
      s += m.get(i, j) ** 2;
    }
  }
  return s;
}

function assertFinite(x: Float64Matrix): void {
  for (let i = 0; i < x.data.length; i++) {
    if (!Number.isFinite(x.data[i])) {
      const row = Math.floor(i / x.cols);
      throw new ShapeError(
        `PCA needs finite values; row ${row}, column ${i % x.cols} is ${x.data[i]}`,
      );
    }
  }
}
