/**
 * Pure text of the rule-extrapolation view: the status badge, the partial-results banner and the
 * summary list (what the figures show, for screen readers and a quick read).
 */
import type {
  ExtrapolationComparison,
  RunExtrapolation,
} from '../../src/shared/extrapolationResults';
import { type LossKind, baseName, lossOf, num, pct, runLabels, withRunId } from './format';
import type { ExtrapolationState } from './state';

/** The status badge: loading, refreshing, error, outdated, partial or ready. */
export function statusText(s: ExtrapolationState): string {
  if (s.status === 'loading') {
    return s.data === undefined ? 'loading' : 'refreshing';
  }
  if (s.status === 'error') {
    return 'error';
  }
  return s.stale !== undefined ? 'outdated' : s.data?.partial === true ? 'partial' : 'ready';
}

/** The banner of partial results: a headline and one line per skipped run, or undefined. */
export function partialBanner(
  data: ExtrapolationComparison,
): { title: string; items: string[] } | undefined {
  if (!data.partial && data.skipped.length === 0) {
    return undefined;
  }
  const n = data.skipped.length;
  const runs = `${n} run${n === 1 ? '' : 's'}`;
  const title = data.partial
    ? `Partial results: ${runs} not analysed (runs may still be training).`
    : `${runs} could not be analysed.`;
  return { title, items: data.skipped.map((k) => `${baseName(k.runDir)}: ${k.reason}`) };
}

/** "a–b" of the smallest and largest value, formatted. */
function span(values: number[], format: (v: number) => string): string {
  const lo = format(Math.min(...values));
  const hi = format(Math.max(...values));
  return lo === hi ? lo : `${lo}–${hi}`;
}

/** The headline: how far apart the runs are in loss and in OOD rule-1 accuracy. */
function headline(runs: readonly RunExtrapolation[], kind: LossKind): string {
  const languages = [...new Set(runs.map((r) => r.language))].join(', ');
  const n = runs.length;
  const head = `${n} run${n === 1 ? '' : 's'} analysed (${languages}).`;
  if (n < 2) {
    return head;
  }
  const losses = runs.map((r) => lossOf(r.best, kind));
  const ood = runs.map((r) => r.best.oodR1Accuracy);
  return (
    `${head} At the best validation checkpoints the validation loss ` +
    `(${kind === 'masked' ? 'PAD masked' : 'PAD counted'}) spans ${span(losses, (v) => num(v))}, ` +
    `the OOD rule-1 accuracy ${span(ood, pct)}.`
  );
}

/** One run: prompts, best checkpoint and its metrics, chance, early stop. */
export function runLine(r: RunExtrapolation, label: string, kind: LossKind): string {
  const p = r.prompts;
  const b = r.best;
  const stop =
    r.earlyStop === undefined ? '' : ` Early stopping ended it at step ${r.earlyStop.step}.`;
  return (
    `${withRunId(label, r.runId)}: ${r.language}, ${r.model}, seed ${r.seed}; ` +
    `${p.id} ID / ${p.ood} OOD prompts of length ${p.length}; best step ${b.step}: ` +
    `validation loss ${num(lossOf(b, kind))}, OOD rule-1 accuracy ${pct(b.oodR1Accuracy)}, ` +
    `ID grammatical accuracy ${pct(b.idGrammaticalAccuracy)} (chance OOD rule 1: ` +
    `${pct(r.chanceOodR1)}).${stop}`
  );
}

/** Per training variant with several runs: mean ± sd at the best checkpoints. */
function trainingLines(data: ExtrapolationComparison): string[] {
  return data.byTraining
    .filter((t) => t.runs > 1)
    .map(
      (t) =>
        `${t.training} over ${t.runs} runs: validation loss (PAD masked) ${num(t.valLoss.mean)} ± ` +
        `${num(t.valLoss.sd)}, OOD rule-1 accuracy ${pct(t.oodR1Accuracy.mean)} ± ` +
        `${pct(t.oodR1Accuracy.sd)}, ID grammatical accuracy ` +
        `${pct(t.idGrammaticalAccuracy.mean)} ± ${pct(t.idGrammaticalAccuracy.sd)}.`,
    );
}

function dataLines(data: ExtrapolationComparison, kind: LossKind): string[] {
  if (data.runs.length === 0) {
    return ['No run in these folders could be analysed yet.'];
  }
  const labels = runLabels(data.runs);
  return [
    headline(data.runs, kind),
    ...data.runs.map((r, i) => runLine(r, labels[i], kind)),
    ...trainingLines(data),
  ];
}

/** Sentences describing what the view shows. */
export function summaryLines(s: ExtrapolationState): string[] {
  if (s.status === 'error') {
    return [`The rule-extrapolation analysis failed: ${s.error ?? 'unknown error'}`];
  }
  const lines =
    s.data === undefined ? ['Computing rule extrapolation…'] : dataLines(s.data, s.loss);
  if (s.stale !== undefined) {
    lines.push(`Changed since computed (${s.stale}); refresh to recompute.`);
  }
  return lines;
}
