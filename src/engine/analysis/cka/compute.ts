/**
 * All-pairs CKA with optional permutation nulls: one representation per input matrix (so
 * O(len a + len b) Gram or XᵀX builds), then one statistic per pair. `cka` is the 1×1 case, so a
 * heatmap cell and a single pair go through the same code.
 */
import {
  type PairContext,
  type Rep,
  cross,
  crossAll,
  normalised,
  prepareAll,
  release,
} from './forms';
import { rowPermutations, summariseNull } from './nullDist';
import { planForm } from './plan';
import { type ProductChoice, productEngine } from './products';
import type { CkaNull, CkaOptions, Float64Matrix } from './types';
import { validateInputs } from './validate';

/** Overrides of the automatic choices, for tests and benchmarks (RBF is always a Gram form). */
export interface CkaTuning {
  products?: ProductChoice;
  form?: 'feature' | 'gram';
}

/** Values [len a][len b] and, with permutations, their nulls. */
export interface CkaMatrixResult {
  values: number[][];
  nulls?: CkaNull[][];
}

/** CKA between every matrix of a and every matrix of b (b undefined: a × a, symmetric). */
export function ckaPairs(
  a: Float64Matrix[],
  b: Float64Matrix[] | undefined,
  opts: CkaOptions,
  tuning: CkaTuning = {},
): CkaMatrixResult {
  validateInputs(a, b, opts);
  const n = a[0].rows;
  const permutations = opts.permutations ?? 0;
  const plan = planForm(
    {
      estimator: opts.estimator,
      n,
      colsA: a.map((m) => m.cols),
      colsB: b?.map((m) => m.cols),
      permutations,
    },
    tuning.products,
  );
  const form = opts.estimator === 'rbf' ? 'gram' : (tuning.form ?? plan.form);
  const ctx: PairContext = {
    estimator: opts.estimator,
    rbfThreshold: opts.rbfThreshold ?? 1,
    n,
    engine: productEngine(plan.productWork, tuning.products),
  };
  const perms = rowPermutations(n, permutations, opts.seed ?? 0);
  const reps: Rep[] = [];
  try {
    prepareAll(a, form, ctx, reps);
    const repsA = reps.slice();
    prepareAll(b ?? [], form, ctx, reps);
    const repsB = b === undefined ? repsA : reps.slice(repsA.length);
    return allPairs(repsA, repsB, b === undefined, ctx, perms);
  } finally {
    reps.forEach((r) => release(r, ctx.engine));
  }
}

function allPairs(
  repsA: Rep[],
  repsB: Rep[],
  symmetric: boolean,
  ctx: PairContext,
  perms: Int32Array[],
): CkaMatrixResult {
  const cells: [number, number][] = [];
  repsA.forEach((_, i) =>
    repsB.forEach((_, j) => {
      if (!symmetric || j > i) {
        cells.push([i, j]);
      }
    }),
  );
  const crossTerms = crossAll(
    cells.map(([i, j]) => [repsA[i], repsB[j]]),
    ctx,
  );
  // A representation with itself: exactly 1 (NaN when it is constant).
  const values = repsA.map((r, i) =>
    repsB.map((_, j) => (symmetric && i === j && r.selfTerm > 0 ? 1 : NaN)),
  );
  cells.forEach(([i, j], c) => {
    values[i][j] = normalised(crossTerms[c], repsA[i], repsB[j]);
    if (symmetric) {
      values[j][i] = values[i][j];
    }
  });
  if (perms.length === 0) {
    return { values };
  }
  const nulls: CkaNull[][] = repsA.map(() => new Array<CkaNull>(repsB.length));
  repsA.forEach((ra, i) =>
    repsB.forEach((rb, j) => {
      if (symmetric && j < i) {
        nulls[i][j] = nulls[j][i];
        return;
      }
      const samples = Float64Array.from(perms, (p) => normalised(cross(ra, rb, ctx, p), ra, rb));
      nulls[i][j] = summariseNull(values[i][j], samples);
    }),
  );
  return { values, nulls };
}
