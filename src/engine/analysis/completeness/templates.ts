/**
 * Template completeness: for a unit-norm token function f ("template"),
 * T(f; E) = ‖Eᵀf‖₂ measures how much of the embedding E [N, d] lies along f.
 *
 * Null distribution: if the entries of E are i.i.d. N(0, σ²) (the step-0 init), then Eᵀf ~
 * N(0, σ²·I_d) for every unit f, so T²/σ² ~ χ²_d; for t mutually orthonormal templates the
 * projections are independent and ΣT²/σ² ~ χ²_q with q = t·d. Hence z = (T²/σ² − q)/√(2q) has
 * mean 0 and variance 1 under the null for every task and candidate (skewness √(8/q), so it is
 * close to N(0, 1) for the q ≥ 2·16 used here), which makes scores comparable across tasks.
 *
 * Templates per task (all centred over the tokens and of unit norm):
 *  - modular addition, frequency k (0 < k < p/2): cos and sin templates √(2/p)·cos(2πkx/p),
 *    √(2/p)·sin(2πkx/p); T² = T_cos² + T_sin² = (2/p)·S_k², q = 2d (S_k² = (p/2)(T_cos² + T_sin²));
 *  - XOR, a basis of n masks: χ_s/√(2^n) for each s; T² = Σ_s 2^n·σ_s², q = n·d;
 *  - remainder, an ordering π: the residue contrast c(x mod m) centred and normalized over the
 *    tokens; q = d.
 */
import { type Float64Matrix, ShapeError } from '../cka';
import { dftRow } from './fourier';
import { contrast } from './remainderLine';

/** A template score and its null degrees of freedom. */
export interface TemplateScore {
  /** T² = Σ over the candidate's templates of ‖Eᵀf‖². */
  tSquared: number;
  /** Degrees of freedom of T²/σ² under the N(0, σ²) null: (#templates)·d. */
  q: number;
}

/**
 * Standardized template score z = (T²/σ² − q)/√(2q): mean 0 and standard deviation 1 when E is
 * i.i.d. N(0, σ²). @param sigma the init standard deviation (> 0). @param q degrees of freedom.
 */
export function templateZ(tSquared: number, sigma: number, q: number): number {
  if (!(sigma > 0) || !(q > 0)) {
    throw new RangeError(`templateZ needs σ > 0 and q > 0, got σ = ${sigma}, q = ${q}`);
  }
  return (tSquared / (sigma * sigma) - q) / Math.sqrt(2 * q);
}

/** T² = ‖Eᵀf‖² for one template f [N] (not normalized here). @param e [N, d]. */
export function templateTSquared(e: Float64Matrix, f: ArrayLike<number>): number {
  const { rows: n, cols: d } = e;
  if (f.length !== n) {
    throw new ShapeError(`a template over ${n} tokens needs length ${n}, got ${f.length}`);
  }
  let t2 = 0;
  for (let a = 0; a < d; a++) {
    let acc = 0;
    for (let x = 0; x < n; x++) {
      acc += e.data[x * d + a] * f[x];
    }
    t2 += acc * acc;
  }
  return t2;
}

/** T² of frequency k from its DFT signal: (2/p)·S_k². */
export function frequencyTSquared(signalK: number, p: number): number {
  return (2 / p) * signalK * signalK;
}

/**
 * Modular-addition template score of frequency k: cos + sin templates, q = 2d.
 * @param e [p, d]. @param k in 1..⌊(p−1)/2⌋ (k = p/2 has no sine template).
 */
export function frequencyTemplate(e: Float64Matrix, k: number): TemplateScore {
  const p = e.rows;
  if (!Number.isInteger(k) || k < 1 || 2 * k >= p) {
    throw new RangeError(`frequency templates need 1 ≤ k < p/2 = ${p / 2}, got ${k}`);
  }
  const { re, im } = dftRow(e, k);
  const s2 = re.reduce((acc, v) => acc + v * v, 0) + im.reduce((acc, v) => acc + v * v, 0);
  return { tSquared: (2 / p) * s2, q: 2 * e.cols };
}

/**
 * XOR template score of a mask basis from the mask signal σ [2^n] (`maskSignal`): the unit
 * templates χ_s/√(2^n) give ‖Eᵀχ_s‖²/2^n = 2^n·σ_s², so T² = 2^n·Σ_{s∈basis} σ_s², q = |basis|·d.
 * @param d embedding width.
 */
export function xorBasisTemplate(
  sigma: ArrayLike<number>,
  basis: readonly number[],
  d: number,
): TemplateScore {
  const size = sigma.length;
  let sum = 0;
  for (const s of basis) {
    if (!Number.isInteger(s) || s <= 0 || s >= size) {
      throw new RangeError(`mask ${s} is not a nonzero mask below ${size}`);
    }
    sum += sigma[s] ** 2;
  }
  return { tSquared: size * sum, q: basis.length * d };
}

/**
 * The unit token template of a residue ordering: f(x) = c(x mod m) with the unit contrast c of
 * `order` (see `contrast`), centred over the N tokens (a no-op when m divides N) and normalized.
 */
export function orderingTemplate(tokens: number, order: readonly number[]): Float64Array {
  const m = order.length;
  const c = contrast(order);
  const f = Float64Array.from({ length: tokens }, (_, x) => c[x % m]);
  const mean = f.reduce((acc, v) => acc + v, 0) / tokens;
  const centred = f.map((v) => v - mean);
  const norm = Math.sqrt(centred.reduce((acc, v) => acc + v * v, 0));
  return norm > 0 ? centred.map((v) => v / norm) : centred;
}

/** Remainder template score of an ordering: T² = ‖Eᵀf‖² with `orderingTemplate`, q = d. */
export function orderingTemplateScore(e: Float64Matrix, order: readonly number[]): TemplateScore {
  return { tSquared: templateTSquared(e, orderingTemplate(e.rows, order)), q: e.cols };
}
