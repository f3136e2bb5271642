/**
 * The data behind each figure of the rule-extrapolation view as a table (CSV export) and as JSON,
 * the figure an export actually draws, and the export file names. Pure.
 */
import type { Table } from '../common/csv';
import type { ExportFormat } from '../../src/shared/protocol/panelProtocol';
import { barRows } from './bars';
import { baseName, lossOf, runLabels } from './format';
import { type ExtrapolationState, type FigureId, runsOf, selectedRun } from './state';

/** Every checkpoint of every run, with the loss shown and both losses. */
function curvesTable(s: ExtrapolationState): Table {
  const runs = runsOf(s);
  const labels = runLabels(runs);
  const rows = runs.flatMap((r, i) =>
    r.checkpoints.map((c) => [
      labels[i],
      r.runId,
      r.training,
      r.seed,
      c.step,
      lossOf(c, s.loss),
      c.valLoss,
      c.valLossUnmasked,
      c.valAcc,
      c.oodR1Accuracy,
      c.idGrammaticalAccuracy,
      r.chanceOodR1,
      c.step === r.best.step,
    ]),
  );
  const columns = ['run', 'run_id', 'training', 'seed', 'step', 'val_loss_shown', 'val_loss'];
  const more = ['val_loss_unmasked', 'val_acc', 'ood_r1_accuracy', 'id_grammatical_accuracy'];
  return { columns: [...columns, ...more, 'chance_ood_r1', 'best'], rows };
}

function barsTable(s: ExtrapolationState): Table {
  const rows = barRows(s).map((b) => [
    b.label,
    b.runs,
    b.step,
    s.loss,
    b.loss,
    b.lossSd,
    b.oodR1,
    b.oodR1Sd,
  ]);
  const columns = ['group', 'runs', 'best_step', 'loss_kind', 'val_loss', 'val_loss_sd'];
  return { columns: [...columns, 'ood_r1_accuracy', 'ood_r1_accuracy_sd'], rows };
}

function samplesTable(s: ExtrapolationState): Table {
  const run = selectedRun(s);
  const rows = (run?.samples ?? []).map((c) => [
    run?.runId,
    c.set,
    c.prompt,
    c.completion,
    c.r1,
    c.r2,
    c.grammatical,
    c.finished,
  ]);
  const columns = ['run_id', 'set', 'prompt', 'completion', 'r1', 'r2', 'grammatical'];
  return { columns: [...columns, 'finished'], rows };
}

/** The data of a figure (or of the samples table) as a table. */
export function figureTable(s: ExtrapolationState, figure: FigureId): Table {
  switch (figure) {
    case 'curves':
      return curvesTable(s);
    case 'bars':
      return barsTable(s);
    case 'samples':
      return samplesTable(s);
  }
}

/** The data of a figure as a JSON document (the whole comparison for the curves). */
export function figureJson(s: ExtrapolationState, figure: FigureId): unknown {
  switch (figure) {
    case 'curves':
      return s.data ?? {};
    case 'bars':
      return { loss: s.loss, bars: barRows(s) };
    case 'samples': {
      const run = selectedRun(s);
      return run === undefined ? {} : { runId: run.runId, best: run.best, samples: run.samples };
    }
  }
}

/** The figure an export draws: the table has no image, so images of it show the curves. */
export function exportTarget(figure: FigureId, format: ExportFormat): FigureId {
  return figure === 'samples' && (format === 'png' || format === 'svg') ? 'curves' : figure;
}

/** File name (without extension) of an export, e.g. `extrapolation-anbn-sweep-bars`. */
export function exportBaseName(s: ExtrapolationState, figure: FigureId): string {
  const first = baseName(s.sources[0] ?? s.key.split('\n')[0] ?? '');
  const more = s.sources.length > 1 ? `and-${s.sources.length - 1}-more` : undefined;
  const run = figure === 'samples' ? selectedRun(s)?.runId : undefined;
  const unmasked = figure !== 'samples' && s.loss === 'unmasked' ? 'unmasked' : undefined;
  return ['extrapolation', first, more, figure, run, unmasked]
    .filter((p) => p !== undefined && p !== '')
    .join('-');
}
