/**
 * Completeness study of multi-digit XOR: candidates are the unordered
 * sets of n GF(2)-independent masks (the possible hypercube arrangements) scored by Σ σ_s² of the
 * initial embedding; the final arrangement is the n masks with the largest final σ_s.
 */
import { createRng, streams } from '../../rng';
import type { Float64Matrix } from '../cka';
import { templateZ, xorBasisTemplate } from '../completeness/templates';
import { arrangementScore, finalMasks, maskBases, maskSignal } from '../completeness/walsh';
import type { InitialStudy, StudyInput, TaskStudy } from './types';

/** Candidates of an initial embedding alone. */
export function xorInitial(
  e0: Float64Matrix,
  sigma: number,
  limit: number,
  seed: number,
): InitialStudy {
  const bits = Math.round(Math.log2(e0.rows));
  const signal = maskSignal(e0);
  const { bases, sampled } = maskBases(bits, { limit, rng: createRng(seed, streams.sweep) });
  return {
    candidates: basisCandidates(bases, sampled, signal, e0, sigma),
    xor: { bits, initialSignal: Array.from(signal) },
  };
}

/** The full study: arrangement candidates and the final masks. */
export function xorStudy(input: StudyInput): TaskStudy {
  const { e0, eFinal, sigma } = input;
  const bits = Math.round(Math.log2(e0.rows));
  const signal = maskSignal(e0);
  const final = finalMasks(eFinal, bits);
  const finalBasis = [...final.masks].sort((a, b) => a - b);
  const { bases, sampled } = maskBases(bits, {
    limit: input.candidateLimit,
    rng: createRng(input.sampleSeed, streams.sweep),
    mustInclude: final.independent ? [finalBasis] : undefined,
  });
  const candidates = basisCandidates(bases, sampled, signal, e0, sigma);
  const key = basisLabel(finalBasis);
  const chosen = final.independent
    ? candidates.labels.flatMap((l, i) => (l === key ? [i] : []))
    : [];
  return {
    candidates,
    chosen,
    xor: {
      bits,
      initialSignal: Array.from(signal),
      finalSignal: Array.from(maskSignal(eFinal)),
      finalMasks: finalBasis,
      independent: final.independent,
      energyShare: final.energyShare,
    },
  };
}

/**
 * Basis candidates. The unit template of mask s is χ_s/√(2^n) and W_s = (1/2^n)·Eᵀχ_s, so
 * T_s² = 2^n·σ_s²; a basis sums n of them: χ² with q = n·d under the N(0, σ²) init.
 */
function basisCandidates(
  bases: number[][],
  sampled: boolean,
  signal: Float64Array,
  e0: Float64Matrix,
  sigma: number,
) {
  const sorted = bases.map((b) => [...b].sort((x, y) => x - y));
  const initial = sorted.map((b) => arrangementScore(signal, b));
  return {
    kind: 'mask basis',
    count: sorted.length,
    sampled,
    labels: sorted.map(basisLabel),
    initial,
    z: sorted.map((b) => {
      const t = xorBasisTemplate(signal, b, e0.cols);
      return templateZ(t.tSquared, sigma, t.q);
    }),
  };
}

function basisLabel(masks: readonly number[]): string {
  return `{${masks.join(',')}}`;
}
