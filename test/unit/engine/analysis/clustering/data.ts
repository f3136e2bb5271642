/** Seeded synthetic trajectories and blobs for the clustering tests. */
import type { Float64Matrix } from '../../../../../src/engine/analysis/clustering';
import { createRng } from '../../../../../src/engine/rng';

/** Gaussian blobs: `sizes[k]` points around centre k · `spacing` on axis k (mod dim). */
export function gaussianBlobs(
  seed: number,
  sizes: readonly number[],
  dim: number,
  spread = 1,
  spacing = 12,
): { x: Float64Matrix; truth: number[] } {
  const rng = createRng(seed);
  const n = sizes.reduce((a, b) => a + b, 0);
  const data = new Float64Array(n * dim);
  const truth: number[] = [];
  let i = 0;
  sizes.forEach((m, k) => {
    for (let r = 0; r < m; r++, i++) {
      truth.push(k);
      for (let j = 0; j < dim; j++) {
        data[i * dim + j] = spread * rng.normal() + (j === k % dim ? spacing * (1 + (k >> 1)) : 0);
      }
    }
  });
  return { x: { rows: n, cols: dim, data }, truth };
}

/** Rows a / (1 + exp(−(t − midpoint))) + noise, t = 0..steps − 1, a ≈ 1 ± 10 %. */
export function sigmoidFamilies(
  seed: number,
  midpoints: readonly number[],
  perFamily: number,
  steps: number,
  noise = 0.02,
): { x: Float64Matrix; truth: number[] } {
  const rng = createRng(seed);
  const n = midpoints.length * perFamily;
  const data = new Float64Array(n * steps);
  const truth: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = Math.floor(i / perFamily);
    truth.push(k);
    const a = 1 + 0.1 * rng.normal();
    for (let t = 0; t < steps; t++) {
      data[i * steps + t] = a / (1 + Math.exp(-(t - midpoints[k]))) + noise * rng.normal();
    }
  }
  return { x: { rows: n, cols: steps, data }, truth };
}

/** The rows of x in the order `order`. */
export function permuteRows(x: Float64Matrix, order: ArrayLike<number>): Float64Matrix {
  const data = new Float64Array(x.data.length);
  for (let i = 0; i < x.rows; i++) {
    data.set(x.data.subarray(order[i] * x.cols, (order[i] + 1) * x.cols), i * x.cols);
  }
  return { rows: x.rows, cols: x.cols, data };
}
