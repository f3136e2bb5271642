/**
 * The two ways of computing CKA for one representation, prepared once and reused for every pair:
 * - feature form (linear and debiased): the centred matrix, ‖XᵀX‖²_F and, for the debiased
 *   estimator, its squared row norms; a pair needs ‖YᵀX‖²_F, O(n·p·q).
 * - Gram form (every estimator): the centred (HKH) or U-centred n×n Gram; a pair needs an O(n²)
 *   inner product, and a permuted pair ⟨K̃, P L̃ Pᵀ⟩ the same, since centring commutes with
 *   permuting rows and columns together.
 * `selfTerm` is the pair statistic of a representation with itself, so that
 * CKA(X, Y) = cross(X, Y) / √(self(X) · self(Y)).
 */
import { centredScaled, dot, permutedRows, rowSquaredNorms } from './dense';
import { centreGram, gramDots, permutedGramDot, rbfFromGram, uCentreGram } from './grams';
import type { Loaded, ProductEngine } from './products';
import type { CkaEstimator, Float64Matrix } from './types';

export type CkaForm = 'feature' | 'gram';

interface FeatureRep {
  form: 'feature';
  loaded: Loaded;
  /** Squared row norms of the centred matrix (debiased only) and their sum. */
  rowSq?: Float64Array;
  total: number;
  selfTerm: number;
}

interface GramRep {
  form: 'gram';
  k: Float64Array;
  selfTerm: number;
}

export type Rep = FeatureRep | GramRep;

/** What a pair computation needs to know besides the representations. */
export interface PairContext {
  estimator: CkaEstimator;
  rbfThreshold: number;
  n: number;
  engine: ProductEngine;
}

/**
 * Centres every matrix and builds its representation in the given form, pushing each onto `reps`
 * as soon as it holds engine resources (so the caller can release them if a later one fails).
 */
export function prepareAll(
  ms: Float64Matrix[],
  form: CkaForm,
  ctx: PairContext,
  reps: Rep[],
): void {
  const start = reps.length;
  for (const m of ms) {
    reps.push(prepare(m, form, ctx));
  }
  if (form === 'gram') {
    const grams = reps.slice(start) as GramRep[];
    const selfTerms = gramDots(
      grams.map((r) => r.k),
      grams.map((_, i) => [i, i]),
      ctx.n,
    );
    grams.forEach((r, i) => (r.selfTerm = selfTerms[i]));
  }
}

function prepare(m: Float64Matrix, form: CkaForm, ctx: PairContext): Rep {
  const centred = centredScaled(m);
  if (form === 'gram') {
    return gramRep(centred, ctx);
  }
  const loaded = ctx.engine.load(centred);
  try {
    const debiased = ctx.estimator === 'debiased';
    const rowSq = debiased ? rowSquaredNorms(centred) : undefined;
    const total = rowSq === undefined ? 0 : rowSq.reduce((s, v) => s + v, 0);
    const rep: FeatureRep = { form, loaded, rowSq, total, selfTerm: 0 };
    rep.selfTerm = featureTerm(ctx.engine.selfFrobenius2(loaded), rep, rep, ctx.n);
    return rep;
  } catch (e) {
    ctx.engine.release(loaded);
    throw e;
  }
}

function gramRep(centred: Float64Matrix, ctx: PairContext): GramRep {
  const loaded = ctx.engine.load(centred);
  let k: Float64Array;
  try {
    k = ctx.engine.gram(loaded);
  } finally {
    ctx.engine.release(loaded);
  }
  const { n } = ctx;
  if (ctx.estimator === 'rbf') {
    rbfFromGram(k, n, ctx.rbfThreshold);
  }
  // The Gram of centred columns is already HKH, up to rounding that ⟨K̃, L̃⟩ does not see
  // (HLH annihilates the row-sum terms); the Gaussian kernel is centred explicitly.
  if (ctx.estimator === 'debiased') {
    uCentreGram(k, n);
  } else if (ctx.estimator === 'rbf') {
    centreGram(k, n);
  }
  return { form: 'gram', k, selfTerm: NaN };
}

/** Frees what the representation holds on the product engine. */
export function release(rep: Rep, engine: ProductEngine): void {
  if (rep.form === 'feature') {
    engine.release(rep.loaded);
  }
}

/** The pair statistics of many pairs [a, b] (see `cross`); Gram inner products in one pass. */
export function crossAll(pairs: [Rep, Rep][], ctx: PairContext): number[] {
  if (!pairs.every(([a, b]) => a.form === 'gram' && b.form === 'gram')) {
    return pairs.map(([a, b]) => cross(a, b, ctx));
  }
  const grams = [...new Set(pairs.flat())] as GramRep[];
  const index = new Map<Rep, number>(grams.map((r, i) => [r, i]));
  const at = (r: Rep): number => index.get(r) ?? -1;
  return gramDots(
    grams.map((r) => r.k),
    pairs.map(([a, b]) => [at(a), at(b)]),
    ctx.n,
  );
}

/**
 * The pair statistic of a and b (b's rows permuted by `perm` when given): ⟨K̃, L̃⟩ in the Gram
 * form; ‖YᵀX‖²_F in the feature form, with the debiased correction
 * − n/(n−2)·r_Xᵀr_Y + ‖X‖²‖Y‖²/((n−1)(n−2)) (r: squared row norms of the centred matrices).
 */
export function cross(a: Rep, b: Rep, ctx: PairContext, perm?: Int32Array): number {
  if (a.form === 'gram' && b.form === 'gram') {
    return perm === undefined
      ? gramDots([a.k, b.k], [[0, 1]], ctx.n)[0]
      : permutedGramDot(a.k, b.k, ctx.n, perm);
  }
  if (a.form !== 'feature' || b.form !== 'feature') {
    throw new Error('CKA representations of different forms');
  }
  if (perm === undefined) {
    return featureTerm(ctx.engine.crossFrobenius2(a.loaded, b.loaded), a, b, ctx.n);
  }
  const shuffled = ctx.engine.load(permutedRows(b.loaded.m, perm));
  try {
    return featureTerm(ctx.engine.crossFrobenius2(a.loaded, shuffled), a, b, ctx.n, perm);
  } finally {
    ctx.engine.release(shuffled);
  }
}

function featureTerm(
  frob2: number,
  a: FeatureRep,
  b: FeatureRep,
  n: number,
  perm?: Int32Array,
): number {
  if (a.rowSq === undefined || b.rowSq === undefined) {
    return frob2;
  }
  return (
    frob2 - (n / (n - 2)) * dot(a.rowSq, b.rowSq, perm) + (a.total * b.total) / ((n - 1) * (n - 2))
  );
}

/** cross / √(self_a · self_b); NaN when a normaliser is not positive (a constant input). */
export function normalised(crossTerm: number, a: Rep, b: Rep): number {
  const norm = Math.sqrt(a.selfTerm) * Math.sqrt(b.selfTerm);
  return norm > 0 ? crossTerm / norm : NaN;
}
