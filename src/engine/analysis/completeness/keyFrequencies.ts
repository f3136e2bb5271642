/**
 * Key frequencies of the first hidden layer (after Nanda et
 * al. 2023): every neuron's activation over all p² inputs (x, y) is expanded in the 2-D real
 * Fourier basis B_F ⊗ B_F, and the neuron is assigned the frequency k whose terms explain the
 * largest share of its variance. The terms of k are the basis pairs at frequency pairs (k, 0),
 * (0, k) and (k, k): cos/sin kx alone (2), cos/sin ky alone (2) and their four products, which
 * together span every function of the form f(kx) + g(ky) + h(kx, ky) with pure frequency k —
 * including cos(k(x + y)) = cos kx cos ky − sin kx sin ky.
 *
 * The forward pass is a pure float64 re-computation of the engine's first layer:
 * h(x, y) = act(in(x, y)·W1 + b1), with in = [E_x, E_y] (concat) or E_x + E_y (sum).
 */
import { type Float64Matrix, ShapeError } from '../cka';
import { matmul, realFourierBasis } from './fourierBasis';

/** Options of `keyFrequencies`. */
export interface KeyFrequencyOptions {
  /**
   * Keep a winning frequency only if at least this fraction of the live (non-constant) neurons
   * chose it; default 0.05. Filters the scattered winners of neurons with no clear frequency.
   */
  minShare?: number;
}

/** The frequency that explains most of one neuron's variance, and the share it explains. */
export interface NeuronFrequency {
  k: number;
  fraction: number;
}

type Activation = 'relu' | 'silu' | 'gelu';

/**
 * Key frequencies: the distinct winning k over the first layer's neurons, ascending, keeping those
 * chosen by at least `minShare` of the live neurons.
 * @param e [p, d] embedding. @param w1 [in, out] with in = 2d (concat) or d (sum), as the engine
 * stores Dense kernels. @param b1 [out]. @param activation gelu is the tanh approximation.
 */
export function keyFrequencies(
  e: Float64Matrix,
  w1: Float64Matrix,
  b1: Float64Array,
  combine: 'concat' | 'sum',
  activation: Activation,
  opts: KeyFrequencyOptions = {},
): number[] {
  const { a, b } = halfPreactivations(e, w1, b1, combine);
  const p = e.rows;
  const h = w1.cols;
  const act = activations[activation];
  const basis = realFourierBasis(p);
  const counts = new Map<number, number>();
  let live = 0;
  const grid = new Float64Array(p * p);
  for (let j = 0; j < h; j++) {
    for (let x = 0; x < p; x++) {
      for (let y = 0; y < p; y++) {
        grid[x * p + y] = act(a.data[x * h + j] + b.data[y * h + j] + b1[j]);
      }
    }
    const winner = neuronFrequency({ rows: p, cols: p, data: grid }, basis);
    if (winner !== null) {
      live++;
      counts.set(winner.k, (counts.get(winner.k) ?? 0) + 1);
    }
  }
  const minCount = (opts.minShare ?? 0.05) * live;
  return [...counts]
    .filter(([, n]) => n >= minCount)
    .map(([k]) => k)
    .sort((x, y) => x - y);
}

/**
 * The frequency k ∈ 1..⌊p/2⌋ whose 2-D Fourier terms explain the largest share of the variance
 * of one neuron's activation grid G [p, p] (G[x, y] = activation on input (x, y)); ties go to the
 * smaller k. Null for a (numerically) constant neuron.
 * @param basis `realFourierBasis(p)`, passed in so that it is built once per layer.
 */
export function neuronFrequency(grid: Float64Matrix, basis: Float64Matrix): NeuronFrequency | null {
  const p = grid.rows;
  if (grid.cols !== p || basis.rows !== p) {
    throw new ShapeError(`a neuron grid must be [p, p] with a p-basis, got [${p}, ${grid.cols}]`);
  }
  const c = matmul(matmul(basis, grid), transpose(basis)).data; // C = B G Bᵀ
  let total = 0;
  for (let i = 0; i < c.length; i++) {
    total += c[i] * c[i];
  }
  const variance = total - c[0] * c[0];
  if (!(variance > 1e-24 * total) || variance <= 0) {
    return null;
  }
  let best: NeuronFrequency | null = null;
  for (let k = 1; k <= p / 2; k++) {
    const rows = [2 * k - 1, 2 * k].filter((r) => r < p);
    let energy = 0;
    for (const r of rows) {
      energy += c[r * p] ** 2 + c[r] ** 2; // (k, 0) and (0, k)
      for (const s of rows) {
        energy += c[r * p + s] ** 2; // (k, k)
      }
    }
    if (best === null || energy / variance > best.fraction) {
      best = { k, fraction: energy / variance };
    }
  }
  return best;
}

/** E·W1 split into the x part A [p, out] and the y part B [p, out] (A = B for 'sum'). */
function halfPreactivations(
  e: Float64Matrix,
  w1: Float64Matrix,
  b1: Float64Array,
  combine: 'concat' | 'sum',
): { a: Float64Matrix; b: Float64Matrix } {
  const d = e.cols;
  const expected = combine === 'concat' ? 2 * d : d;
  if (w1.rows !== expected || b1.length !== w1.cols) {
    throw new ShapeError(
      `first layer for ${combine} of d = ${d} needs W1 [${expected}, out] and b1 [out], ` +
        `got [${w1.rows}, ${w1.cols}] and [${b1.length}]`,
    );
  }
  const top: Float64Matrix = { rows: d, cols: w1.cols, data: w1.data.subarray(0, d * w1.cols) };
  const a = matmul(e, top);
  if (combine === 'sum') {
    return { a, b: a };
  }
  const bottom: Float64Matrix = { rows: d, cols: w1.cols, data: w1.data.subarray(d * w1.cols) };
  return { a, b: matmul(e, bottom) };
}

function transpose(m: Float64Matrix): Float64Matrix {
  const out = new Float64Array(m.data.length);
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.cols; j++) {
      out[j * m.rows + i] = m.data[i * m.cols + j];
    }
  }
  return { rows: m.cols, cols: m.rows, data: out };
}

const GELU_C = Math.sqrt(2 / Math.PI);

/** The activations of the engine's MLPs; gelu is the tanh approximation. */
export const activations: Record<Activation, (v: number) => number> = {
  relu: (v) => (v > 0 ? v : 0),
  silu: (v) => v / (1 + Math.exp(-v)),
  gelu: (v) => 0.5 * v * (1 + Math.tanh(GELU_C * (v + 0.044715 * v * v * v))),
};
