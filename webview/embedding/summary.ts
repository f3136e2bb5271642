/**
 * Pure text of the embedding view: the accessible summary beside the chart, the slider label,
 * and the plotted data of the shown checkpoint as a table and JSON (figure export).
 */
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
  const explained = d.explained[s.index];
  const total = explained.reduce((a, b) => a + b, 0);
  const each = explained.map((e, i) => `PC ${i + 1} ${pct(e)}`).join(', ');
  const lines = [
    `Step ${int(step)}: checkpoint ${s.index + 1} of ${d.steps.length}.`,
    `${d.tokens.length} tokens of ${d.tensor} projected onto the top ${d.k} principal ` +
      `components, which explain ${pct(total)} of the variance (${each}).`,
  ];
  const m = d.metrics[s.index];
  if (m !== null) {
    const at = m.step === step ? '' : ` (logged at step ${int(m.step)})`;
    lines.push(`Train accuracy ${pct(m.trainAcc)}, test accuracy ${pct(m.testAcc)}${at}.`);
  }
  if (s.colourBy !== noColour && d.labels[s.colourBy] !== undefined) {
    const n = new Set(d.labels[s.colourBy]).size;
    lines.push(`Coloured by ${s.colourBy} (${n} values).`);
  }
  if (d.skipped.length > 0) {
    lines.push(`${d.skipped.length} checkpoint(s) could not be read and are left out.`);
  }
  return lines;
}

/** Text of the slider's value, e.g. "step 1,200 (7 / 20)". */
export function sliderText(s: EmbeddingState): string {
  const step = currentStep(s);
  const n = s.data?.steps.length ?? 0;
  return step === undefined ? 'no checkpoints' : `step ${int(step)} (${s.index + 1} / ${n})`;
}

/** The shown checkpoint's points as a table: token, every label, then the k coordinates. */
export function frameTable(s: EmbeddingState): { columns: string[]; rows: number[][] } {
  const d = s.data;
  if (d === undefined || d.points.length === 0) {
    return { columns: [], rows: [] };
  }
  const names = Object.keys(d.labels).filter((n) => n !== 'token');
  const axes = Array.from({ length: d.k }, (_, i) => `pc${i + 1}`);
  const rows = d.points[s.index].map((p, i) => [
    d.tokens[i],
    ...names.map((n) => d.labels[n][i]),
    ...p,
  ]);
  return { columns: ['token', ...names, ...axes], rows };
}

/** The shown checkpoint's data as a JSON-serialisable document. */
export function frameJson(s: EmbeddingState): unknown {
  const d = s.data;
  if (d === undefined || d.points.length === 0) {
    return {};
  }
  return {
    runDir: d.runDir,
    runId: d.runId,
    tensor: d.tensor,
    step: d.steps[s.index],
    explained: d.explained[s.index],
    tokens: d.tokens,
    labels: d.labels,
    points: d.points[s.index],
  };
}

/** File name (without extension) of an export, e.g. `embedding-r1-step-1200`. */
export function exportBaseName(s: EmbeddingState): string {
  const step = currentStep(s);
  return `embedding-${s.data?.runId ?? 'run'}${step === undefined ? '' : `-step-${step}`}`;
}
