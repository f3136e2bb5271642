/**
 * The plotted data of each completeness figure as a table (CSV export) and as JSON, and the
 * export file names. Pure.
 */
import type { Cell, Table } from '../common/csv';
import { scoresOf } from './format';
import {
  type CompletenessState,
  type FigureId,
  effectiveUnit,
  initialOf,
  resultsOf,
  selectedRun,
} from './state';
import { baseName } from './summary';

const none: Table = { columns: [], rows: [] };

/** The candidates behind the histogram: every run's (pooled), the selected run's, or a preview's. */
function histogramTable(s: CompletenessState): Table {
  const unit = effectiveUnit(s);
  const init = initialOf(s);
  if (init !== undefined) {
    const c = init.candidates;
    const rank = (i: number): Cell => {
      const r = init.top.indexOf(i);
      return r < 0 ? undefined : r + 1;
    };
    const rows = c.labels.map((label, i) => [i, label, c.initial[i], c.z[i], rank(i)]);
    return { columns: ['candidate', 'label', 'initial', 'z', 'top_rank'], rows };
  }
  const one = selectedRun(s);
  const runs = one !== undefined ? [one] : (resultsOf(s)?.runs ?? []);
  const rows = runs.flatMap((r) => {
    const scores = scoresOf(r.candidates, unit);
    const chosen = new Set(r.chosen);
    return r.candidates.labels.map((label, i) => [
      r.runId,
      i,
      label,
      r.candidates.initial[i],
      r.candidates.z[i],
      scores[i],
      chosen.has(i),
    ]);
  });
  return { columns: ['run', 'candidate', 'label', 'initial', 'z', 'score', 'chosen'], rows };
}

function survivalTable(s: CompletenessState): Table {
  const groups = resultsOf(s)?.survival?.groups ?? [];
  const rows = groups.flatMap((g) =>
    g.initialSignal.map((signal, i) => [g.embeddingSeed, g.runs, i + 1, signal, g.survival[i]]),
  );
  return { columns: ['embedding_seed', 'runs', 'k', 'initial_signal', 'survival'], rows };
}

function dimensionTable(s: CompletenessState): Table {
  const rows = (resultsOf(s)?.dimension ?? []).map((d) => [
    d.embedDim,
    d.frozen,
    d.runs,
    d.meanCircles,
    d.meanCircularity,
    d.maxCircularity,
    d.meanTestAcc,
    d.meanTestLoss,
  ]);
  const columns = ['embed_dim', 'frozen', 'runs', 'mean_circles', 'mean_circularity'];
  return { columns: [...columns, 'max_circularity', 'mean_test_acc', 'mean_test_loss'], rows };
}

function perturbationTable(s: CompletenessState): Table {
  const rows = (resultsOf(s)?.perturbation ?? []).flatMap((p) =>
    p.frequencies.map((k, i) => [p.alpha, k, p.runs, p.survival[i]]),
  );
  return { columns: ['alpha', 'k', 'runs', 'survival'], rows };
}

function detailsTable(s: CompletenessState): Table {
  const ma = selectedRun(s)?.modularAddition;
  if (ma === undefined) {
    return none;
  }
  const circles = new Set(ma.finalCircles);
  const rows = ma.finalSignal.map((fin, i) => [
    i + 1,
    ma.initialSignal[i],
    fin,
    ma.initialCircularity[i],
    ma.finalCircularity[i],
    circles.has(i + 1),
  ]);
  const columns = ['k', 'initial_signal', 'final_signal', 'initial_circularity'];
  return { columns: [...columns, 'final_circularity', 'final_circle'], rows };
}

/** The plotted data of a figure as a table. */
export function figureTable(s: CompletenessState, figure: FigureId): Table {
  switch (figure) {
    case 'histogram':
      return histogramTable(s);
    case 'survival':
      return survivalTable(s);
    case 'dimension':
      return dimensionTable(s);
    case 'perturbation':
      return perturbationTable(s);
    case 'details':
      return detailsTable(s);
  }
}

/** The data of a figure as a JSON document (the whole result for the histogram). */
export function figureJson(s: CompletenessState, figure: FigureId): unknown {
  const res = resultsOf(s);
  switch (figure) {
    case 'histogram':
      return s.data === undefined ? {} : (initialOf(s) ?? res);
    case 'survival':
      return res?.survival ?? {};
    case 'dimension':
      return res?.dimension ?? [];
    case 'perturbation':
      return res?.perturbation ?? [];
    case 'details':
      return selectedRun(s) ?? {};
  }
}

/** File name (without extension) of an export, e.g. `completeness-sweep1-histogram-r1`. */
export function exportBaseName(s: CompletenessState, figure: FigureId): string {
  const source = baseName(s.source || s.key).replace(/\.replens\.json$|\.json$/, '');
  const run = figure === 'histogram' || figure === 'details' ? selectedRun(s)?.runId : undefined;
  const prefix = s.mode === 'initial' ? 'initial-completeness' : 'completeness';
  return [prefix, source, figure, run].filter((p) => p !== undefined && p !== '').join('-');
}
