/**
 * Loss-change allocation along a basis: for each interval t → t+1 between checkpoints, each basis
 * vector b_i and each analysed token v, the part A_{v,i,t} of the token's loss change that the
 * step's component s_i = b_iᵀ(θ_{t+1} − θ_t) along b_i accounts for.
 * - Taylor: A = g·s + ½·c·s² with the directional derivative g and curvature c of ℓ_v along b_i
 *   at θ_t, by central differences of the per-token losses (two forward passes per (t, i)).
 * - Path integral: A = s·∫₀¹ ∇ℓ_v(θ_t + αΔ)ᵀb_i dα by the composite Simpson rule over M
 *   sub-intervals (default 2), each derivative by central differences. With a complete basis the
 *   allocations of a token sum to its loss change (up to the quadrature and difference errors).
 * The residual Δℓ_v − Σ_i A_{v,i,t} measures what lies outside the basis (and cross terms).
 */
import { along } from './paramVector';

/** How the allocation is computed. */
export interface AllocationOptions {
  method: 'taylor' | 'path';
  /** Step h of the central differences along each unit basis vector. */
  h: number;
  /** Simpson sub-intervals of the path integral (even). */
  simpsonIntervals: number;
}

export interface Allocation {
  /** allocations[t][i][v]: interval t, basis vector i, token v. */
  allocations: Float64Array[][];
  /** losses[t][v]: per-token loss at checkpoint t. */
  losses: Float64Array[];
  /** Per interval: ‖Δℓ − Σ_i A‖ / ‖Δℓ‖ over the tokens. */
  residuals: number[];
  /** The same ratio over all intervals and tokens together. */
  residual: number;
}

/**
 * Allocates the per-token loss changes between consecutive parameter vectors `thetas` along
 * `basis`; `lossAt(θ)` returns the per-token losses at θ.
 */
export function allocate(
  thetas: readonly Float64Array[],
  basis: readonly Float64Array[],
  lossAt: (theta: Float64Array) => Float64Array,
  options: AllocationOptions,
  onProgress?: (done: number, total: number) => void,
): Allocation {
  const losses = thetas.map((t) => lossAt(t));
  const allocations: Float64Array[][] = [];
  for (let t = 0; t + 1 < thetas.length; t++) {
    allocations.push(allocateInterval(thetas[t], thetas[t + 1], losses[t], basis, lossAt, options));
    onProgress?.(t + 1, thetas.length - 1);
  }
  return { allocations, losses, ...residualsOf(allocations, losses) };
}

/** The allocations [basis vector][token] of one interval θ₀ → θ₁ (ℓ(θ₀) = `at`). */
export function allocateInterval(
  theta0: Float64Array,
  theta1: Float64Array,
  at: Float64Array,
  basis: readonly Float64Array[],
  lossAt: (theta: Float64Array) => Float64Array,
  options: AllocationOptions,
): Float64Array[] {
  const delta = theta1.map((x, j) => x - theta0[j]);
  return basis.map((b) => {
    const s = dot(b, delta);
    return options.method === 'taylor'
      ? taylor(theta0, b, s, at, lossAt, options.h)
      : pathIntegral(theta0, delta, b, s, lossAt, options);
  });
}

function taylor(
  theta: Float64Array,
  b: Float64Array,
  s: number,
  at: Float64Array,
  lossAt: (theta: Float64Array) => Float64Array,
  h: number,
): Float64Array {
  const plus = lossAt(along(theta, h, b));
  const minus = lossAt(along(theta, -h, b));
  return at.map((l0, v) => {
    const g = (plus[v] - minus[v]) / (2 * h);
    const c = (plus[v] - 2 * l0 + minus[v]) / (h * h);
    return g * s + 0.5 * c * s * s;
  });
}

function pathIntegral(
  theta: Float64Array,
  delta: Float64Array,
  b: Float64Array,
  s: number,
  lossAt: (theta: Float64Array) => Float64Array,
  options: AllocationOptions,
): Float64Array {
  const m = options.simpsonIntervals;
  let sum: Float64Array | undefined;
  let weights = 0;
  for (let j = 0; j <= m; j++) {
    const w = j === 0 || j === m ? 1 : j % 2 === 1 ? 4 : 2;
    const point = along(theta, j / m, delta);
    const plus = lossAt(along(point, options.h, b));
    const minus = lossAt(along(point, -options.h, b));
    const d = plus.map((p, v) => (p - minus[v]) / (2 * options.h));
    sum = sum === undefined ? d.map((x) => w * x) : sum.map((x, v) => x + w * d[v]);
    weights += w;
  }
  return (sum as Float64Array).map((x) => (s * x) / weights);
}

/** Relative residuals ‖Δℓ − Σ_i A‖ / ‖Δℓ‖ per interval and overall. */
export function residualsOf(
  allocations: Float64Array[][],
  losses: Float64Array[],
): { residuals: number[]; residual: number } {
  let [rAll, dAll] = [0, 0];
  const residuals = allocations.map((perBasis, t) => {
    let [r2, d2] = [0, 0];
    losses[t].forEach((l0, v) => {
      const change = losses[t + 1][v] - l0;
      const explained = perBasis.reduce((acc, a) => acc + a[v], 0);
      r2 += (change - explained) ** 2;
      d2 += change ** 2;
    });
    rAll += r2;
    dAll += d2;
    return d2 > 0 ? Math.sqrt(r2 / d2) : 0;
  });
  return { residuals, residual: dAll > 0 ? Math.sqrt(rAll / dAll) : 0 };
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    s += a[i] * b[i];
  }
  return s;
}
