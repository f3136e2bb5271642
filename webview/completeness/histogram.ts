/**
 * Pure builder of the completeness histogram: the candidates' initial scores of the selected run
 * with the chosen representation marked (dashed lines and markers at their scores), of all runs
 * pooled (the chosen candidates as a second, stacked histogram on the same bins), or of a
 * config's step-0 preview with the top candidates marked.
 */
import type { Layout, PlotData, Shape } from 'plotly.js';
import type {
  CandidateScores,
  InitialCompleteness,
  RunCompleteness,
} from '../../src/shared/completenessResults';
import type { Figure } from '../common/figure';
import { type PlotTheme, seriesColor, themedAxis, themedLayout } from '../common/plotTheme';
import { legendBelow } from '../common/plotTheme';
import { scoresOf, scoreTitle } from './format';
import {
  type CompletenessState,
  effectiveUnit,
  initialOf,
  resultsOf,
  selectedRun,
  taskOf,
} from './state';

type Trace = Partial<PlotData>;

/** Histogram bins: `start`, `end` and `size` covering every value. */
export interface Bins {
  start: number;
  end: number;
  size: number;
}

/** Marks drawn at some candidates' scores (the chosen ones, or the top ones of a preview). */
interface Marks {
  name: string;
  x: number[];
  labels: string[];
}

/** Bins for `values`: about √n of them (5 to 40), the extreme values half a bin inside. */
export function binsFor(values: readonly number[]): Bins {
  if (values.length === 0) {
    return { start: 0, end: 1, size: 0.1 };
  }
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const count = Math.min(40, Math.max(5, Math.ceil(Math.sqrt(values.length))));
  const size = hi > lo ? (hi - lo) / count : Math.max(Math.abs(hi) * 0.1, 1e-9) || 1;
  return { start: lo - size / 2, end: hi + size / 2, size };
}

/** The completeness histogram of the state's data (an empty figure before data arrived). */
export function histogramFigure(s: CompletenessState, theme: PlotTheme): Figure {
  const run = selectedRun(s);
  const runs = resultsOf(s)?.runs ?? [];
  const init = initialOf(s);
  if (init !== undefined) {
    const top = { name: 'top candidates', ...pick(init.candidates, init.top, s, true) };
    return single(s, theme, init.candidates, top, previewTitle(init));
  }
  if (run !== undefined) {
    const chosen = { name: 'chosen', ...pick(run.candidates, run.chosen, s, false) };
    return single(s, theme, run.candidates, chosen, runTitle(run));
  }
  return runs.length > 0
    ? pooledFigure(s, theme, runs)
    : { data: [], layout: layout(s, theme, '', '') };
}

/** The score axis title for candidates of `kind` in the state's units. */
function axisTitle(s: CompletenessState, kind: string): string {
  const task = taskOf(s);
  return task === undefined ? '' : scoreTitle(task, effectiveUnit(s), kind);
}

/** Scores and labels of some candidates (`ranked`: labels numbered "#1 …"). */
function pick(
  c: CandidateScores,
  indices: readonly number[],
  s: CompletenessState,
  ranked: boolean,
) {
  const scores = scoresOf(c, effectiveUnit(s));
  return {
    x: indices.map((i) => scores[i]),
    labels: indices.map((i, j) => (ranked ? `#${j + 1} ${c.labels[i]}` : c.labels[i])),
  };
}

/** One set of candidates as a histogram, with marks at some of them. */
function single(
  s: CompletenessState,
  theme: PlotTheme,
  c: CandidateScores,
  marks: Marks,
  title: string,
): Figure {
  const scores = scoresOf(c, effectiveUnit(s));
  const hist: Trace = {
    type: 'histogram',
    name: `${c.kind} candidates`,
    x: scores,
    xbins: binsFor(scores),
    marker: { color: seriesColor(theme, 0) },
    opacity: 0.85,
    hovertemplate: '%{x}: %{y} candidates<extra></extra>',
  };
  const colour = seriesColor(theme, 1);
  const points: Trace = {
    type: 'scatter',
    mode: 'markers',
    name: marks.name,
    x: marks.x,
    y: marks.x.map(() => 0),
    text: marks.labels,
    cliponaxis: false,
    marker: { color: colour, size: 12, symbol: 'triangle-up' },
    hovertemplate: '%{text}: %{x}<extra></extra>',
  };
  const lines = marks.x.map((x): Partial<Shape> => vline(x, colour));
  const base = layout(s, theme, axisTitle(s, c.kind), title);
  const annotations = marks.x.slice(0, 8).map((x, i) => ({
    x,
    y: 1,
    yref: 'paper' as const,
    text: marks.labels[i],
    showarrow: false,
    yanchor: 'bottom' as const,
    font: { color: colour },
  }));
  return { data: [hist, points], layout: { ...base, shapes: lines, annotations } };
}

/** All runs' candidates: the chosen ones stacked on the others, on shared bins. */
function pooledFigure(s: CompletenessState, theme: PlotTheme, runs: RunCompleteness[]): Figure {
  const unit = effectiveUnit(s);
  const chosen: number[] = [];
  const other: number[] = [];
  for (const r of runs) {
    const picked = new Set(r.chosen);
    scoresOf(r.candidates, unit).forEach((v, i) => (picked.has(i) ? chosen : other).push(v));
  }
  const xbins = binsFor([...other, ...chosen]);
  const trace = (name: string, x: number[], i: number): Trace => ({
    type: 'histogram',
    name,
    x,
    xbins,
    autobinx: false,
    marker: { color: seriesColor(theme, i) },
    hovertemplate: `${name}: %{y} at %{x}<extra></extra>`,
  });
  const kind = runs[0].candidates.kind;
  const title = `${runs.length} runs pooled: ${chosen.length} chosen of ${chosen.length + other.length} candidates`;
  const base = layout(s, theme, axisTitle(s, kind), title);
  return {
    data: [trace('other candidates', other, 0), trace('chosen', chosen, 1)],
    layout: { ...base, barmode: 'stack' },
  };
}

function vline(x: number, colour: string): Partial<Shape> {
  return {
    type: 'line',
    x0: x,
    x1: x,
    yref: 'paper',
    y0: 0,
    y1: 1,
    line: { color: colour, width: 1.5, dash: 'dash' },
  };
}

function runTitle(r: RunCompleteness): string {
  const sampled = r.candidates.sampled ? ' (sampled)' : '';
  return `Run ${r.runId}: ${r.candidates.count} ${r.candidates.kind} candidates${sampled}`;
}

function previewTitle(init: InitialCompleteness): string {
  const c = init.candidates;
  const sampled = c.sampled ? ' (sampled)' : '';
  const d = `d = ${init.embedDim}, seed ${init.seed}`;
  return `Initial embedding (${d}): ${c.count} ${c.kind} candidates${sampled}`;
}

function layout(
  s: CompletenessState,
  theme: PlotTheme,
  xTitle: string,
  title: string,
): Partial<Layout> {
  return {
    ...themedLayout(theme),
    // Zoom survives data refreshes, but not a new run selection or units.
    uirevision: `${s.key}#${s.run}#${effectiveUnit(s)}`,
    title: { text: title, font: { size: theme.fontSize + 1 } },
    margin: { l: 56, r: 16, t: 56, b: 96 },
    xaxis: { ...themedAxis(theme), title: { text: xTitle } },
    yaxis: { ...themedAxis(theme), title: { text: 'candidates' }, rangemode: 'tozero' },
    legend: legendBelow(theme),
    bargap: 0.05,
    hovermode: 'closest',
  };
}
