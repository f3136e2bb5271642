/**
 * Line completeness for the remainder-equivalence task: the final embedding
 * puts the m residue classes on a line, and the representation chosen is the order of the residues
 * along it, up to reversal (m!/2 candidates).
 *
 * Notation: an ordering `order` lists residues from one end of the line to the other, so
 * order[i] is the residue at position i, and π(r) (the position of residue r) is the index of r in
 * `order`. Canonical orientation: order[0] < order[m−1] (for m ≥ 2).
 */
import { type Float64Matrix, ShapeError } from '../cka';
import { pca } from '../pca';
import { type Rng, permutation } from '../../rng';

/** Options of `orderings`. */
export interface OrderingOptions {
  /** Enumerate all m!/2 orderings up to this many; beyond it return a sample. Default 100 000. */
  limit?: number;
  /** Needed only when sampling. */
  rng?: Rng;
  /** Orderings that must be in the result (any orientation; returned canonical). */
  mustInclude?: readonly (readonly number[])[];
}

/**
 * Class means μ_r = mean of E_x over tokens x ≡ r (mod m), r = 0..m−1.
 * @param e [N, d] with N ≥ m. @returns [m, d].
 */
export function classMeans(e: Float64Matrix, m: number): Float64Matrix {
  const { rows: n, cols: d } = e;
  if (!Number.isInteger(m) || m < 1 || m > n) {
    throw new ShapeError(`class means of ${n} tokens need 1 ≤ m ≤ ${n}, got ${m}`);
  }
  const out = new Float64Array(m * d);
  const counts = new Float64Array(m);
  for (let x = 0; x < n; x++) {
    const r = x % m;
    counts[r]++;
    for (let a = 0; a < d; a++) {
      out[r * d + a] += e.data[x * d + a];
    }
  }
  for (let i = 0; i < out.length; i++) {
    out[i] /= counts[Math.floor(i / d)];
  }
  return { rows: m, cols: d, data: out };
}

/** The ordering or its reversal, whichever has order[0] < order[last]. */
export function canonicalOrder(order: readonly number[]): number[] {
  const o = [...order];
  return o.length > 1 && o[0] > o[o.length - 1] ? o.reverse() : o;
}

/**
 * The candidate orderings: all permutations of 0..m−1 up to reversal, canonical, in lexicographic
 * order (m!/2 of them for m ≥ 2). When there are more than `limit`, a seeded sample of `limit`
 * distinct canonical orderings (sorted lexicographically) that always contains `mustInclude`.
 */
export function orderings(
  m: number,
  opts: OrderingOptions = {},
): { orders: number[][]; sampled: boolean } {
  const limit = opts.limit ?? 100_000;
  const must = (opts.mustInclude ?? []).map(canonicalOrder);
  for (const o of must) {
    if (!isPermutation(o, m)) {
      throw new RangeError(`${o.join('-')} is not an ordering of 0..${m - 1}`);
    }
  }
  if (orderingCount(m) <= limit) {
    return { orders: enumerateOrderings(m), sampled: false };
  }
  if (opts.rng === undefined) {
    throw new RangeError(`${orderingCount(m)} orderings exceed the limit ${limit}: pass an rng`);
  }
  const rng = opts.rng;
  const seen = new Map(must.map((o) => [o.join(','), o]));
  while (seen.size < Math.max(limit, must.length)) {
    const o = canonicalOrder(Array.from(permutation(m, rng)));
    seen.set(o.join(','), o);
  }
  return { orders: [...seen.values()].sort(lexicographic), sampled: true };
}

/** m!/2 for m ≥ 2, 1 for m = 1. */
export function orderingCount(m: number): number {
  let f = 1;
  for (let i = 2; i <= m; i++) {
    f *= i;
  }
  return m >= 2 ? f / 2 : 1;
}

/**
 * Line completeness L(π) = ‖Σ_r c(r)·μ_r‖ / sqrt(Σ_r ‖μ_r − μ̄‖²) with the unit contrast
 * c(r) ∝ π(r) − (m−1)/2, π(r) the position of residue r in `order`. By Cauchy–Schwarz
 * 0 ≤ L ≤ 1, with 1 exactly when the means are equally spaced on a line in the order π.
 * Invariant under reversal of π. 0 when all means coincide.
 * @param means [m, d] class means. @param order a permutation of 0..m−1.
 */
export function lineScore(means: Float64Matrix, order: readonly number[]): number {
  const { rows: m, cols: d } = means;
  if (!isPermutation(order, m)) {
    throw new RangeError(`${order.join('-')} is not an ordering of 0..${m - 1}`);
  }
  const c = contrast(order);
  const centre = new Float64Array(d);
  for (let r = 0; r < m; r++) {
    for (let a = 0; a < d; a++) {
      centre[a] += means.data[r * d + a] / m;
    }
  }
  let spread = 0;
  let along = 0;
  for (let a = 0; a < d; a++) {
    let acc = 0;
    for (let r = 0; r < m; r++) {
      const v = means.data[r * d + a] - centre[a];
      acc += c[r] * v;
      spread += v * v;
    }
    along += acc * acc;
  }
  return spread > 0 ? Math.sqrt(along / spread) : 0;
}

/**
 * The unit contrast of an ordering, indexed by residue: c(r) = (π(r) − (m−1)/2) / norm.
 * All zeros for m = 1.
 */
export function contrast(order: readonly number[]): Float64Array {
  const m = order.length;
  const c = new Float64Array(m);
  order.forEach((r, position) => {
    c[r] = position - (m - 1) / 2;
  });
  const norm = Math.sqrt(c.reduce((acc, v) => acc + v * v, 0));
  return norm > 0 ? c.map((v) => v / norm) : c;
}

/**
 * The final ordering: residues sorted by the projection of their class mean on the first principal
 * component of the class means (ties by residue), in canonical orientation.
 * @param means [m, d].
 */
export function finalOrdering(means: Float64Matrix): number[] {
  const m = means.rows;
  if (m < 2) {
    return m === 1 ? [0] : [];
  }
  const proj = pca(means, { k: 1 }).projections.data;
  const order = Array.from({ length: m }, (_, r) => r).sort((a, b) => proj[a] - proj[b] || a - b);
  return canonicalOrder(order);
}

function enumerateOrderings(m: number): number[][] {
  const out: number[][] = [];
  const used = new Array<boolean>(m).fill(false);
  const prefix: number[] = [];
  const grow = (): void => {
    if (prefix.length === m) {
      if (m < 2 || prefix[0] < prefix[m - 1]) {
        out.push([...prefix]);
      }
      return;
    }
    for (let r = 0; r < m; r++) {
      if (!used[r]) {
        used[r] = true;
        prefix.push(r);
        grow();
        prefix.pop();
        used[r] = false;
      }
    }
  };
  grow();
  return out;
}

function isPermutation(order: readonly number[], m: number): boolean {
  const seen = new Set(order);
  return (
    order.length === m &&
    seen.size === m &&
    order.every((r) => Number.isInteger(r) && r >= 0 && r < m)
  );
}

function lexicographic(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      return a[i] - b[i];
    }
  }
  return 0;
}
