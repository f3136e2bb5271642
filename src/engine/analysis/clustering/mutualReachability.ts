/**
 * The first half of HDBSCAN: core distances and a minimum spanning tree of the mutual-
 * reachability graph, in float64 with Euclidean distances.
 *   core(i)  = distance from x_i to its k-th nearest neighbour, x_i itself counted (k = 1 gives
 *              0) — the convention of Campello et al. 2013 and of scikit-learn's HDBSCAN;
 *   mr(i, j) = max(‖x_i − x_j‖, core(i), core(j)).
 * Nothing of size n² is stored: each pair's distance is computed once for the core distances
 * and once more in the tree, so time is O(n² T) and memory O(n · min_samples) beyond the input
 * (2000 points × 30 steps: about 0.3 s). Comparisons run on squared distances (same order, no
 * square roots); the tree's weights are returned as distances.
 */
import type { Float64Matrix } from '../cka/types';

/** A spanning tree of n points as n − 1 edges (a[e], b[e]) with weight[e], in insertion order. */
export interface SpanningTree {
  a: Int32Array;
  b: Int32Array;
  weight: Float64Array;
}

/** Squared Euclidean distance between rows i and j of an [n, T] row-major matrix. */
function squaredDistance(data: Float64Array, cols: number, i: number, j: number): number {
  const oi = i * cols;
  const oj = j * cols;
  let s = 0;
  for (let k = 0; k < cols; k++) {
    const d = data[oi + k] - data[oj + k];
    s += d * d;
  }
  return s;
}

/** Above this many heap slots (n · k), core distances are selected row by row instead. */
const HEAP_SLOTS_MAX = 1 << 24;

/**
 * Squared core distances: for each row, the k-th smallest squared distance to all n rows (its
 * own 0 included); k is clamped to n. Each pair's distance is computed once and offered to both
 * rows' bounded max-heaps of the k smallest (O(n k) memory); when n · k is too large for that,
 * each row's distances are recomputed and the k-th picked by quickselect.
 */
export function squaredCoreDistances(x: Float64Matrix, k: number): Float64Array {
  const n = x.rows;
  const kk = Math.min(Math.max(1, k), n);
  return n * kk <= HEAP_SLOTS_MAX ? coreByHeaps(x, kk) : coreBySelection(x, kk);
}

/** `squaredCoreDistances` by one pass over the pairs with a max-heap of size k per row. */
export function coreByHeaps(x: Float64Matrix, k: number): Float64Array {
  const n = x.rows;
  const heaps = new Float64Array(n * k);
  const count = new Int32Array(n).fill(1); // each heap starts with the point's own 0
  const offer = (row: number, d: number) => {
    const o = row * k;
    let at: number;
    if (count[row] < k) {
      at = count[row]++;
      while (at > 0) {
        const up = (at - 1) >> 1;
        if (heaps[o + up] >= d) {
          break;
        }
        heaps[o + at] = heaps[o + up];
        at = up;
      }
    } else if (d < heaps[o]) {
      at = 0;
      for (;;) {
        let c = 2 * at + 1;
        if (c >= k) {
          break;
        }
        if (c + 1 < k && heaps[o + c + 1] > heaps[o + c]) {
          c++;
        }
        if (heaps[o + c] <= d) {
          break;
        }
        heaps[o + at] = heaps[o + c];
        at = c;
      }
    } else {
      return;
    }
    heaps[o + at] = d;
  };
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = squaredDistance(x.data, x.cols, i, j);
      // Most offers lose to a full heap's top: test that inline.
      if (count[i] < k || d < heaps[i * k]) {
        offer(i, d);
      }
      if (count[j] < k || d < heaps[j * k]) {
        offer(j, d);
      }
    }
  }
  return Float64Array.from({ length: n }, (_, i) => heaps[i * k]);
}

/** `squaredCoreDistances` row by row: n distances per row, then quickselect. */
export function coreBySelection(x: Float64Matrix, k: number): Float64Array {
  const n = x.rows;
  const core = new Float64Array(n);
  const scratch = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      scratch[j] = j === i ? 0 : squaredDistance(x.data, x.cols, i, j);
    }
    core[i] = selectKth(scratch, k - 1);
  }
  return core;
}

/**
 * The value of rank `r` (0-based) of `v` as if sorted ascending; reorders `v`. Hoare-style
 * quickselect with a median-of-three pivot: expected O(n), deterministic.
 */
export function selectKth(v: Float64Array, r: number): number {
  let lo = 0;
  let hi = v.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    const p = median3(v[lo], v[mid], v[hi]);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (v[i] < p) {
        i++;
      }
      while (v[j] > p) {
        j--;
      }
      if (i <= j) {
        const t = v[i];
        v[i] = v[j];
        v[j] = t;
        i++;
        j--;
      }
    }
    if (r <= j) {
      hi = j;
    } else if (r >= i) {
      lo = i;
    } else {
      return v[r];
    }
  }
  return v[r];
}

function median3(a: number, b: number, c: number): number {
  return a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
}

/**
 * Prim's minimum spanning tree of the mutual-reachability graph on the rows of x, started at
 * row 0; among equally close candidates the lowest row index joins first, so the tree is a
 * deterministic function of the input.
 * @param coreSq squared core distances from `squaredCoreDistances`.
 * @returns n − 1 edges (none for n < 2) with weights as (unsquared) distances.
 */
export function mutualReachabilityTree(x: Float64Matrix, coreSq: Float64Array): SpanningTree {
  const n = x.rows;
  const m = Math.max(n - 1, 0);
  const tree: SpanningTree = {
    a: new Int32Array(m),
    b: new Int32Array(m),
    weight: new Float64Array(m),
  };
  if (n < 2) {
    return tree;
  }
  // Points not yet in the tree, their best squared reach into it and the tree point giving it.
  const rest = Int32Array.from({ length: n - 1 }, (_, i) => i + 1);
  const best = new Float64Array(n).fill(Infinity);
  const from = new Int32Array(n);
  let size = n - 1;
  let current = 0;
  for (let e = 0; e < m; e++) {
    let pick = -1;
    let pickAt = -1;
    const cc = coreSq[current];
    for (let s = 0; s < size; s++) {
      const u = rest[s];
      const d = Math.max(squaredDistance(x.data, x.cols, current, u), cc, coreSq[u]);
      if (d < best[u]) {
        best[u] = d;
        from[u] = current;
      }
      if (pick < 0 || best[u] < best[pick] || (best[u] === best[pick] && u < pick)) {
        pick = u;
        pickAt = s;
      }
    }
    tree.a[e] = from[pick];
    tree.b[e] = pick;
    tree.weight[e] = Math.sqrt(best[pick]);
    rest[pickAt] = rest[--size];
    current = pick;
  }
  return tree;
}
