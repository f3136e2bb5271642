/**
 * The second half of HDBSCAN: from a minimum spanning tree of mutual-reachability distances to
 * flat clusters (Campello et al. 2013; excess-of-mass selection as in Campello et al. 2015).
 *  1. Single linkage: the tree's edges merged in ascending weight (ties in edge order) give a
 *     dendrogram; node n + k is the k-th merge.
 *  2. Condensed tree, walked from the root with λ = 1/distance: a split into two parts of at
 *     least `minClusterSize` points ends the cluster and starts two children at that λ; a part
 *     smaller than that falls out of the cluster point by point at that λ, and the cluster goes
 *     on as the other part (or ends, if both parts are small).
 *  3. Stability(C) = Σ over everything leaving C of (λ_leave − λ_birth(C)) · size.
 *  4. Excess of mass, bottom-up: C is kept when its stability is ≥ the summed (selected)
 *     stability of its children, and then nothing below it is; the root is never kept.
 *  5. Every point below a kept cluster gets that cluster, every other point is an outlier.
 * Distances of 0 (duplicate points) would give λ = ∞; they are floored at 1e-12 of the largest
 * tree weight, so a set of identical points is a very stable, finite cluster.
 */
import type { SpanningTree } from './mutualReachability';

/** The condensed tree's clusters in creation order (parents before children) and the selection. */
export interface FlatClusters {
  /** For each point, the kept cluster it belongs to (an index into `stability`), or −1. */
  owner: Int32Array;
  /** Stability of each condensed-tree cluster (0 is the root). */
  stability: Float64Array;
}

/** Single-linkage dendrogram of n points: merge k joins `left[k]` and `right[k]` at `height[k]`. */
interface Dendrogram {
  left: Int32Array;
  right: Int32Array;
  height: Float64Array;
  /** Points under node v (leaves 0..n−1 have 1, merge k is node n + k). */
  size: Int32Array;
}

function singleLinkage(n: number, tree: SpanningTree): Dendrogram {
  const m = n - 1;
  const order = Array.from({ length: m }, (_, e) => e).sort(
    (e, f) => tree.weight[e] - tree.weight[f] || e - f,
  );
  const up = Int32Array.from({ length: 2 * n - 1 }, (_, v) => v);
  const find = (v: number): number => {
    let r = v;
    while (up[r] !== r) {
      r = up[r];
    }
    while (up[v] !== r) {
      const next = up[v];
      up[v] = r;
      v = next;
    }
    return r;
  };
  const d: Dendrogram = {
    left: new Int32Array(m),
    right: new Int32Array(m),
    height: new Float64Array(m),
    size: new Int32Array(2 * n - 1).fill(1, 0, n),
  };
  for (let k = 0; k < m; k++) {
    const e = order[k];
    const ra = find(tree.a[e]);
    const rb = find(tree.b[e]);
    d.left[k] = ra;
    d.right[k] = rb;
    d.height[k] = tree.weight[e];
    d.size[n + k] = d.size[ra] + d.size[rb];
    up[ra] = n + k;
    up[rb] = n + k;
  }
  return d;
}

/** Condensed-tree clusters: parent, birth λ, stability; and the cluster each point leaves. */
interface Condensed {
  parent: number[];
  birth: number[];
  stability: number[];
  pointCluster: Int32Array;
}

function condense(n: number, d: Dendrogram, minClusterSize: number): Condensed {
  const c: Condensed = {
    parent: [-1],
    birth: [0],
    stability: [0],
    pointCluster: new Int32Array(n),
  };
  let floor = 0;
  for (let k = 0; k < n - 1; k++) {
    floor = Math.max(floor, d.height[k]);
  }
  floor = floor > 0 ? floor * 1e-12 : 1;
  const lambdaAt = (h: number) => 1 / Math.max(h, floor);
  /** Every point under `v` leaves `cluster` at `lambda`. */
  const fallOut = (v: number, cluster: number, lambda: number) => {
    const stack = [v];
    while (stack.length > 0) {
      const u = stack.pop()!;
      if (u < n) {
        c.pointCluster[u] = cluster;
        c.stability[cluster] += lambda - c.birth[cluster];
      } else {
        stack.push(d.left[u - n], d.right[u - n]);
      }
    }
  };
  const work: [number, number][] = n > 1 ? [[2 * n - 2, 0]] : [];
  if (n === 1) {
    c.pointCluster[0] = 0;
  }
  while (work.length > 0) {
    const [v, cluster] = work.pop()!;
    const k = v - n;
    const lambda = lambdaAt(d.height[k]);
    const parts = [d.left[k], d.right[k]];
    const big = parts.map((p) => d.size[p] >= minClusterSize);
    if (big[0] && big[1]) {
      for (const p of parts) {
        const child = c.parent.length;
        c.parent.push(cluster);
        c.birth.push(lambda);
        c.stability.push(0);
        c.stability[cluster] += (lambda - c.birth[cluster]) * d.size[p];
        work.push([p, child]);
      }
    } else {
      for (let s = 0; s < 2; s++) {
        if (big[s]) {
          work.push([parts[s], cluster]);
        } else {
          fallOut(parts[s], cluster, lambda);
        }
      }
    }
  }
  return c;
}

/**
 * Excess-of-mass selection over the condensed tree; the root is never selected.
 * @returns for each cluster, its nearest kept ancestor-or-self, or −1.
 */
function selectExcessOfMass(c: Condensed): Int32Array {
  const count = c.parent.length;
  const kept = new Uint8Array(count);
  const below = new Float64Array(count);
  for (let i = count - 1; i >= 1; i--) {
    // Children have larger indices, so `below[i]` is complete here.
    const best = below[i] > c.stability[i] ? below[i] : c.stability[i];
    kept[i] = below[i] > c.stability[i] ? 0 : 1;
    below[c.parent[i]] += best;
  }
  // Top-down: a kept ancestor overrides; owner = nearest kept ancestor-or-self.
  const owner = new Int32Array(count).fill(-1);
  for (let i = 1; i < count; i++) {
    const above = owner[c.parent[i]];
    owner[i] = above >= 0 ? above : kept[i] ? i : -1;
  }
  return owner;
}

/**
 * HDBSCAN's flat clusters from the mutual-reachability spanning tree of n points.
 * @param minClusterSize ≥ 2: the smallest part that counts as a cluster.
 */
export function flatClusters(n: number, tree: SpanningTree, minClusterSize: number): FlatClusters {
  if (n === 0) {
    return { owner: new Int32Array(0), stability: new Float64Array(1) };
  }
  const d = singleLinkage(n, tree);
  const c = condense(n, d, minClusterSize);
  const clusterOwner = selectExcessOfMass(c);
  const owner = new Int32Array(n);
  for (let p = 0; p < n; p++) {
    owner[p] = clusterOwner[c.pointCluster[p]];
  }
  return { owner, stability: Float64Array.from(c.stability) };
}
