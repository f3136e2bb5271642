/**
 * Small dense matrices for the CKA tests: element-wise maps, products, an orthogonal matrix,
 * seeded Gaussian data and representations related to it, and a relative-error assertion.
 */
import assert from 'node:assert/strict';
import type { Float64Matrix } from '../../src/engine/analysis/cka';
import { type Rng, createRng } from '../../src/engine/rng';

/** `m` with every element replaced by `f(value, row, column)`. */
export function map(
  m: Float64Matrix,
  f: (v: number, i: number, j: number) => number,
): Float64Matrix {
  return { ...m, data: m.data.map((v, k) => f(v, Math.floor(k / m.cols), k % m.cols)) };
}

/** X·A with A given as a [X.cols, k] matrix. */
export function mul(x: Float64Matrix, a: Float64Matrix): Float64Matrix {
  const out = new Float64Array(x.rows * a.cols);
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < a.cols; j++) {
      for (let k = 0; k < x.cols; k++) {
        out[i * a.cols + j] += x.data[i * x.cols + k] * a.data[k * a.cols + j];
      }
    }
  }
  return { rows: x.rows, cols: a.cols, data: out };
}

/** An orthogonal d×d matrix: the product of two Householder reflections I − 2vvᵀ/‖v‖². */
export function orthogonal(d: number): Float64Matrix {
  const reflect = (v: number[]): Float64Matrix => {
    const n2 = v.reduce((s, x) => s + x * x, 0);
    const eye: Float64Matrix = { rows: d, cols: d, data: new Float64Array(d * d) };
    return map(eye, (_, i, j) => (i === j ? 1 : 0) - (2 * v[i] * v[j]) / n2);
  };
  const u = Array.from({ length: d }, (_, i) => Math.sin(i + 1));
  const w = Array.from({ length: d }, (_, i) => Math.cos(3 * i) + 0.5);
  return mul(reflect(u), reflect(w));
}

/** Asserts |actual − expected| ≤ rtol·|expected|, naming `what` and the error otherwise. */
export function assertRel(actual: number, expected: number, rtol: number, what: string): void {
  const err = Math.abs(actual - expected);
  assert.ok(
    err <= rtol * Math.abs(expected),
    `${what}: ${actual} vs ${expected} (rel. error ${err / Math.abs(expected)} > ${rtol})`,
  );
}

/** An n×p matrix of `offset + scale·N(0, 1)` values drawn from `rng`, row by row. */
export function gaussianMatrix(
  rng: Rng,
  n: number,
  p: number,
  scale = 1,
  offset = 0,
): Float64Matrix {
  return {
    rows: n,
    cols: p,
    data: Float64Array.from({ length: n * p }, () => offset + scale * rng.normal()),
  };
}

/**
 * A representation related to X: `squash(X·A + noise·E)` with q columns, A and E Gaussian from
 * `rng` (A first, then E element by element).
 */
export function relatedMatrix(
  rng: Rng,
  x: Float64Matrix,
  q: number,
  noise: number,
  squash: (v: number) => number,
): Float64Matrix {
  const a = gaussianMatrix(rng, x.cols, q);
  const data = new Float64Array(x.rows * q);
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < q; j++) {
      let s = noise * rng.normal();
      for (let k = 0; k < x.cols; k++) {
        s += x.data[i * x.cols + k] * a.data[k * q + j];
      }
      data[i * q + j] = squash(s);
    }
  }
  return { rows: x.rows, cols: q, data };
}

/** Four related layers on 1000 rows (40, 30, 50 and 20 features), each a tanh of the one before. */
export function relatedLayers(seed: number): Float64Matrix[] {
  const rng = createRng(seed);
  const layers: Float64Matrix[] = [gaussianMatrix(rng, 1000, 40, 2, 3)];
  for (const q of [30, 50, 20]) {
    layers.push(relatedMatrix(rng, layers[layers.length - 1], q, 0.6, Math.tanh));
  }
  return layers;
}
