/**
 * Pure text of the completeness view: the prediction-test table, the per-run table, the
 * top candidates of a preview, the partial-results banner, the status badge and the accessible
 * summary sentences.
 */
import type {
  InitialCompleteness,
  RunCompleteness,
  SweepCompleteness,
} from '../../src/shared/completenessResults';
import { num, pct, pValue, scoresOf, taskNames, testP } from './format';
import { type CompletenessState, effectiveUnit, initialOf, resultsOf, selectedRun } from './state';

/** Label and value rows of the prediction test aggregated over runs. */
export function predictionRows(res: SweepCompleteness): [string, string][] {
  const p = res.prediction;
  return [
    ['Runs with a final representation', `${p.runs} of ${res.runs.length}`],
    ['Mean percentile of the chosen', pct(p.meanPercentile)],
    ['Runs above the median', `${p.aboveMedian} of ${p.runs}`],
    ['Binomial test p', testP(p.binomial)],
    ['Wilcoxon signed-rank p', testP(p.wilcoxon)],
    ['Top-1 hits', `${p.top1Hits} of ${p.runs} (${pct(p.top1Rate)}, chance ${pct(p.chanceTop1)})`],
  ];
}

/** Columns of the per-run table (`runRows`). */
export const runColumns = ['Run', 'Percentile', 'Chosen', 'Top-1', 'Mann–Whitney p'] as const;

/** One row of the per-run table. */
export interface RunRow {
  runDir: string;
  cells: [string, string, string, string, string];
}

/** The chosen candidates' labels, e.g. "k=5, k=12". */
export function chosenLabels(r: RunCompleteness): string {
  return r.chosen.map((i) => r.candidates.labels[i] ?? `#${i}`).join(', ') || 'none';
}

/** Per run: id, percentile, chosen labels, top-1, Mann–Whitney p. */
export function runRows(res: SweepCompleteness): RunRow[] {
  return res.runs.map((r) => ({
    runDir: r.runDir,
    cells: [
      r.runId,
      pct(r.predictionPercentile),
      chosenLabels(r),
      r.top1 ? 'yes' : 'no',
      testP(r.test),
    ],
  }));
}

/** Rank, label and score of a preview's top candidates. */
export function topRows(
  init: InitialCompleteness,
  s: CompletenessState,
): [string, string, string][] {
  const scores = scoresOf(init.candidates, effectiveUnit(s));
  return init.top.map((i, j) => [
    `#${j + 1}`,
    init.candidates.labels[i] ?? `#${i}`,
    num(scores[i]),
  ]);
}

/** The last part of a path (folders separated by / or \). */
export function baseName(p: string): string {
  return (
    p
      .split(/[\\/]/)
      .filter((x) => x !== '')
      .pop() ?? p
  );
}

/** The banner of partial results: a headline and one line per skipped run, or undefined. */
export function partialBanner(
  res: SweepCompleteness,
): { title: string; items: string[] } | undefined {
  if (!res.partial && res.skipped.length === 0) {
    return undefined;
  }
  const n = res.skipped.length;
  const title = res.partial
    ? `Partial results: ${n} run${n === 1 ? '' : 's'} not analysed (runs may still be training).`
    : `${n} run${n === 1 ? '' : 's'} could not be analysed.`;
  return { title, items: res.skipped.map((k) => `${baseName(k.runDir)}: ${k.reason}`) };
}

/** The status badge: loading, refreshing, error, outdated, partial or ready. */
export function statusText(s: CompletenessState): string {
  if (s.status === 'loading') {
    return s.data === undefined ? 'loading' : 'refreshing';
  }
  if (s.status === 'error') {
    return 'error';
  }
  return s.stale !== undefined ? 'outdated' : resultsOf(s)?.partial === true ? 'partial' : 'ready';
}

/** Sentences describing what the view shows, for screen readers and a quick read. */
export function summaryLines(s: CompletenessState): string[] {
  if (s.status === 'error') {
    return [`The completeness analysis failed: ${s.error ?? 'unknown error'}`];
  }
  const init = initialOf(s);
  const res = resultsOf(s);
  const lines =
    init !== undefined ? initialLines(init, s) : res !== undefined ? resultLines(res, s) : [];
  if (s.data === undefined) {
    lines.push('Computing completeness…');
  }
  if (s.stale !== undefined) {
    lines.push(`Changed since computed (${s.stale}); refresh to recompute.`);
  }
  return lines;
}

function initialLines(init: InitialCompleteness, s: CompletenessState): string[] {
  const c = init.candidates;
  const best = topRows(init, s)
    .slice(0, 3)
    .map(([, label, score]) => `${label} (${score})`);
  return [
    `Initial embedding for ${taskNames[init.task]} (d = ${init.embedDim}, seed ${init.seed}), ` +
      `before any training: ${c.count} ${c.kind} candidates${c.sampled ? ' (a seeded sample)' : ''}.`,
    `Highest initial scores: ${best.join(', ') || 'none'}.`,
  ];
}

function resultLines(res: SweepCompleteness, s: CompletenessState): string[] {
  if (res.runs.length === 0) {
    return ['No run in this folder could be analysed yet.'];
  }
  const p = res.prediction;
  const n = res.runs.length;
  const lines = [`${taskNames[res.task]}: ${n} run${n === 1 ? '' : 's'} analysed.`];
  if (p.runs === 0) {
    lines.push('No run formed a final representation yet, so there is no prediction test.');
  } else {
    lines.push(
      `In the ${p.runs} run(s) with a final representation, the chosen candidates' initial ` +
        `completeness sits at a mean percentile of ${pct(p.meanPercentile)} ` +
        `(${p.aboveMedian} above the median; binomial p = ${testP(p.binomial)}, ` +
        `Wilcoxon p = ${testP(p.wilcoxon)}).`,
      `Top-1 hits: ${p.top1Hits} of ${p.runs} (chance ${pct(p.chanceTop1)}).`,
    );
  }
  const run = selectedRun(s);
  if (run !== undefined) {
    lines.push(...runLines(run));
  }
  const sv = res.survival;
  if (sv !== undefined) {
    lines.push(
      `Survival vs initial signal over ${sv.groups.length} embedding seed(s): ` +
        `r = ${num(sv.pearsonR)}, p = ${pValue(sv.pValue)}, n = ${sv.points}.`,
    );
  }
  if (res.dimension !== undefined && res.dimension.length > 0) {
    const dims = [...new Set(res.dimension.map((d) => d.embedDim))].sort((a, b) => a - b);
    lines.push(`Dimension sweep over embedDim ${dims.join(', ')}.`);
  }
  if (res.perturbation !== undefined && res.perturbation.length > 0) {
    lines.push(`Perturbation sweep over ${res.perturbation.length} spectrum scales α.`);
  }
  return lines;
}

function runLines(r: RunCompleteness): string[] {
  const top1 = r.top1 ? 'a chosen candidate scored highest' : 'no chosen candidate scored highest';
  const lines = [
    r.chosen.length === 0
      ? `Run ${r.runId} at step ${r.step}: no final representation formed.`
      : `Run ${r.runId} at step ${r.step}: chosen ${chosenLabels(r)} at percentile ` +
        `${pct(r.predictionPercentile)} (Mann–Whitney p = ${testP(r.test)}); ${top1}.`,
  ];
  if (r.metrics !== null) {
    lines.push(
      `Test accuracy ${pct(r.metrics.testAcc)}, train accuracy ${pct(r.metrics.trainAcc)}.`,
    );
  }
  if (r.modularAddition !== undefined) {
    const c = r.modularAddition.finalCircles;
    lines.push(`Final circles: ${c.length > 0 ? c.map((k) => `k=${k}`).join(', ') : 'none'}.`);
  }
  if (r.xor !== undefined) {
    const x = r.xor;
    lines.push(
      `Final masks ${x.finalMasks.join(', ')} (${x.independent ? 'independent' : 'dependent'}), ` +
        `${pct(x.energyShare)} of the non-constant energy.`,
    );
  }
  if (r.remainder !== undefined) {
    const m = r.remainder;
    lines.push(
      `Final residue order ${m.finalOrdering.join('-')}: line completeness ` +
        `${num(m.initialLine)} initially, ${num(m.finalLine)} at the end.`,
    );
  }
  return lines;
}
