/** Pure text of the embedding view: the accessible summary beside the chart and the slider label. */
import {
  type EmbeddingTrajectoryResult,
  circlePositionLabel,
} from '../../src/shared/embeddingResults';
import { shownProjection } from './projection';
import { type EmbeddingState, currentStep, noColour } from './state';

const pct = (v: number): string => `${(100 * v).toFixed(1)}%`;
const int = (v: number): string => v.toLocaleString('en-US');

/** Sentences describing what the chart shows, for screen readers and a quick read. */
export function summaryLines(s: EmbeddingState): string[] {
  if (s.status === 'loading') {
    return ['Computing the embedding projections…'];
  }
  if (s.status === 'error') {
    return [`The embedding could not be computed: ${s.error ?? 'unknown error'}`];
  }
  const d = s.data;
  const step = currentStep(s);
  if (d === undefined || step === undefined) {
    return ['This run has no checkpoints yet.'];
  }
  const lines = [
    `Step ${int(step)}: checkpoint ${s.index + 1} of ${d.steps.length}.`,
    projectionLine(d, s.index),
  ];
  const m = d.metrics[s.index];
  if (m !== null) {
    const at = m.step === step ? '' : ` (logged at step ${int(m.step)})`;
    lines.push(`Train accuracy ${pct(m.trainAcc)}, test accuracy ${pct(m.testAcc)}${at}.`);
  }
  if (s.colourBy !== noColour && d.labels[s.colourBy] !== undefined) {
    const n = new Set(d.labels[s.colourBy]).size;
    const p = shownProjection(d);
    const circle =
      s.colourBy === circlePositionLabel && p.kind === 'fourier'
        ? `: each token's position on the circle of frequency ${p.k}`
        : '';
    lines.push(`Coloured by ${s.colourBy} (${n} values)${circle}.`);
  }
  if (d.skipped.length > 0) {
    lines.push(`${d.skipped.length} checkpoint(s) could not be read and are left out.`);
  }
  return lines;
}

/** What the coordinates are and how much of the step's variance they hold. */
function projectionLine(d: EmbeddingTrajectoryResult, index: number): string {
  const p = shownProjection(d);
  const explained = d.explained[index];
  const total = pct(explained.reduce((a, b) => a + b, 0));
  const tokens = `${d.tokens.length} tokens of ${d.tensor}`;
  const each = (names: string[]): string =>
    names.map((n, i) => `${n} ${pct(explained[i])}`).join(', ');
  switch (p.kind) {
    case 'pca':
      return (
        `${tokens} projected onto the top ${d.k} principal components, which explain ` +
        `${total} of the variance (${each(d.explained[index].map((_, i) => `PC ${i + 1}`))}).`
      );
    case 'fourier': {
      const circles = p.frequencies.filter((f) => f.circle).map((f) => f.k);
      const final =
        circles.length > 0 ? `final circles: k = ${circles.join(', ')}` : 'no final circle';
      return (
        `Fourier mode: ${tokens} projected onto the plane of frequency k = ${p.k} of the last ` +
        `checkpoint (Re F_${p.k} and Im F_${p.k}, orthonormalised; ${final}), which holds ` +
        `${total} of this step's variance.`
      );
    }
    case 'walsh':
      return (
        `Walsh mode: ${tokens} projected onto the directions ${p.axes.join(', ')} of the last ` +
        `checkpoint (final masks: ${finalMasks(p.choices)}); share of this step's variance ` +
        `along each: ${each(p.axes)}.`
      );
    case 'line':
      return (
        `Line mode: ${tokens} projected onto the final residue line (x) and the top remaining ` +
        `principal direction${p.axes.length > 2 ? 's' : ''} of the last checkpoint, which hold ` +
        `${total} of this step's variance. Final order of the residues mod ${p.m} along the ` +
        `line: ${p.order.join('-')}.`
      );
  }
}

function finalMasks(choices: { mask: number; final: boolean }[]): string {
  return choices
    .filter((c) => c.final)
    .map((c) => c.mask)
    .sort((a, b) => a - b)
    .join(', ');
}

/** Text of the slider's value, e.g. "step 1,200 (7 / 20)". */
export function sliderText(s: EmbeddingState): string {
  const step = currentStep(s);
  const n = s.data?.steps.length ?? 0;
  return step === undefined ? 'no checkpoints' : `step ${int(step)} (${s.index + 1} / ${n})`;
}
