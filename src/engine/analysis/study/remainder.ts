/**
 * Completeness study of remainder equivalence: candidates are the orderings of
 * the m residues along a line, up to reversal (m!/2), scored by the line completeness L(π) of the
 * initial class means; the final ordering sorts the analysed class means along their first PC.
 */
import { createRng, streams } from '../../rng';
import type { Float64Matrix } from '../cka';
import {
  canonicalOrder,
  classMeans,
  finalOrdering,
  lineScore,
  orderings,
} from '../completeness/remainderLine';
import { orderingTemplateScore, templateZ } from '../completeness/templates';
import type { InitialStudy, StudyInput, TaskStudy } from './types';

/** Candidates of an initial embedding alone. */
export function remainderInitial(
  e0: Float64Matrix,
  m: number,
  sigma: number,
  limit: number,
  seed: number,
): InitialStudy {
  const { orders, sampled } = orderings(m, { limit, rng: createRng(seed, streams.sweep) });
  return { candidates: orderCandidates(orders, sampled, e0, m, sigma), remainder: { m } };
}

/** The full study: ordering candidates and the final ordering. */
export function remainderStudy(input: StudyInput, m: number): TaskStudy {
  const { e0, eFinal, sigma } = input;
  const finalOrder = canonicalOrder(finalOrdering(classMeans(eFinal, m)));
  const { orders, sampled } = orderings(m, {
    limit: input.candidateLimit,
    rng: createRng(input.sampleSeed, streams.sweep),
    mustInclude: [finalOrder],
  });
  const candidates = orderCandidates(orders, sampled, e0, m, sigma);
  const key = orderLabel(finalOrder);
  return {
    candidates,
    chosen: candidates.labels.flatMap((l, i) => (l === key ? [i] : [])),
    remainder: {
      m,
      finalOrdering: finalOrder,
      initialLine: lineScore(classMeans(e0, m), finalOrder),
      finalLine: lineScore(classMeans(eFinal, m), finalOrder),
    },
  };
}

function orderCandidates(
  orders: number[][],
  sampled: boolean,
  e0: Float64Matrix,
  m: number,
  sigma: number,
) {
  const means = classMeans(e0, m);
  return {
    kind: 'residue ordering',
    count: orders.length,
    sampled,
    labels: orders.map(orderLabel),
    initial: orders.map((o) => lineScore(means, o)),
    z: orders.map((o) => {
      const t = orderingTemplateScore(e0, o);
      return templateZ(t.tSquared, sigma, t.q);
    }),
  };
}

function orderLabel(order: readonly number[]): string {
  return canonicalOrder(order).join('-');
}
