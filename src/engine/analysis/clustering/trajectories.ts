/**
 * The input of the clustering layer: a set of trajectories, one row per point (e.g. a token),
 * each a float64 vector over T time steps (e.g. its cumulative loss change at T checkpoints),
 * stored as a row-major [n, T] matrix. Rows can be taken as they are, z-normalised one by one
 * (to cluster by shape rather than scale) or differenced into their T − 1 increments (to cluster
 * by when they change rather than by where they end up).
 */
import { type Float64Matrix, ShapeError } from '../cka/types';

export type { Float64Matrix };

/**
 * `none`: the rows as given. `zscore`: each row minus its mean, divided by its population
 * standard deviation (a constant row becomes all zeros: it has no shape). `increments`: row t is
 * x[t + 1] − x[t], so T steps give T − 1 columns (needs T ≥ 2).
 */
export type TrajectoryTransform = 'none' | 'zscore' | 'increments';

/** Every transform, for option parsing and messages. */
export const trajectoryTransforms: readonly TrajectoryTransform[] = [
  'none',
  'zscore',
  'increments',
];

/**
 * The trajectories as an [n, T] float64 matrix, after `transform`.
 * @param rows one trajectory per point, all of the same length T ≥ 1 (a matrix is read as is);
 *   every value finite.
 * @param transform default `none`.
 * @returns a new matrix (the input is never modified): [n, T], or [n, T − 1] for `increments`.
 * @throws ShapeError when the rows differ in length or `increments` gets T < 2; RangeError for a
 *   non-finite value.
 */
export function trajectoryMatrix(
  rows: Float64Matrix | readonly ArrayLike<number>[],
  transform: TrajectoryTransform = 'none',
): Float64Matrix {
  const m = 'data' in rows ? copyMatrix(rows) : stack(rows);
  for (let i = 0; i < m.data.length; i++) {
    if (!Number.isFinite(m.data[i])) {
      const r = Math.floor(i / m.cols);
      throw new RangeError(`trajectory ${r} has a non-finite value at step ${i - r * m.cols}`);
    }
  }
  switch (transform) {
    case 'none':
      return m;
    case 'zscore':
      zscoreRows(m);
      return m;
    case 'increments':
      return increments(m);
  }
}

function copyMatrix(m: Float64Matrix): Float64Matrix {
  if (m.data.length !== m.rows * m.cols) {
    throw new ShapeError(`matrix data has ${m.data.length} values, expected ${m.rows}×${m.cols}`);
  }
  return { rows: m.rows, cols: m.cols, data: Float64Array.from(m.data) };
}

function stack(rows: readonly ArrayLike<number>[]): Float64Matrix {
  const n = rows.length;
  const t = n > 0 ? rows[0].length : 0;
  const data = new Float64Array(n * t);
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (row.length !== t) {
      throw new ShapeError(`trajectory ${i} has ${row.length} steps, expected ${t}`);
    }
    for (let j = 0; j < t; j++) {
      data[i * t + j] = row[j];
    }
  }
  return { rows: n, cols: t, data };
}

/** In place: each row to mean 0 and population standard deviation 1 (constant rows to 0). */
function zscoreRows(m: Float64Matrix): void {
  const { rows, cols, data } = m;
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    let mean = 0;
    for (let j = 0; j < cols; j++) {
      mean += data[o + j];
    }
    mean /= cols;
    let ss = 0;
    for (let j = 0; j < cols; j++) {
      const d = data[o + j] - mean;
      ss += d * d;
    }
    const sd = Math.sqrt(ss / cols);
    // A spread at rounding level of the values is a constant row, not a shape to magnify.
    const constant = sd === 0 || sd <= 1e-14 * Math.abs(mean);
    for (let j = 0; j < cols; j++) {
      data[o + j] = constant ? 0 : (data[o + j] - mean) / sd;
    }
  }
}

function increments(m: Float64Matrix): Float64Matrix {
  const { rows, cols, data } = m;
  if (cols < 2) {
    throw new ShapeError(`increments need trajectories of at least 2 steps, got ${cols}`);
  }
  const out = new Float64Array(rows * (cols - 1));
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j + 1 < cols; j++) {
      out[i * (cols - 1) + j] = data[i * cols + j + 1] - data[i * cols + j];
    }
  }
  return { rows, cols: cols - 1, data: out };
}
