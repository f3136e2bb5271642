/**
 * Pure figure builders of the completeness view besides the histogram (histogram.ts): the
 * survival scatter with its least-squares line, the dimension-sweep curves, the perturbation
 * curve and the modular-addition details of the selected run. Each returns an empty figure when
 * its data is absent (its section is hidden then, see `visibleFigures`). Then the figure table:
 * each figure's builder and dependencies.
 */
import type { Layout, PlotData } from 'plotly.js';
import type { DimensionRow } from '../../src/shared/completenessResults';
import type { Figure } from '../common/figure';
import {
  type PlotTheme,
  legendBelow,
  seriesColor,
  themedAxis,
  themedLayout,
} from '../common/plotTheme';
import type { FigureId } from './figureIds';
import { num, pValue } from './format';
import { histogramFigure } from './histogram';
import { type CompletenessState, resultsOf, selectedRun } from './state';

type Trace = Partial<PlotData>;
type Axis = Partial<Layout['xaxis']>;

function base(s: CompletenessState, theme: PlotTheme, title: string): Partial<Layout> {
  return {
    ...themedLayout(theme),
    uirevision: `${s.key}#${s.run}`,
    title: { text: title, font: { size: theme.fontSize + 1 } },
    margin: { l: 64, r: 16, t: 56, b: 96 },
    legend: legendBelow(theme),
    hovermode: 'closest',
  };
}

function axis(theme: PlotTheme, title: string, extra: Axis = {}): Axis {
  return { ...themedAxis(theme), title: { text: title }, ...extra };
}

const empty = (s: CompletenessState, theme: PlotTheme): Figure => ({
  data: [],
  layout: base(s, theme, ''),
});

/** The fit line's end points: `slope · x + intercept` at the smallest and largest x. */
export function fitLine(xs: readonly number[], slope: number, intercept: number) {
  const lo = xs.length > 0 ? Math.min(...xs) : 0;
  const hi = xs.length > 0 ? Math.max(...xs) : 1;
  return { x: [lo, hi], y: [slope * lo + intercept, slope * hi + intercept] };
}

/** SR(k) against S_k(E0): one trace per embedding seed, the fit line, r / p / n in the title. */
export function survivalFigure(s: CompletenessState, theme: PlotTheme): Figure {
  const sv = resultsOf(s)?.survival;
  if (sv === undefined) {
    return empty(s, theme);
  }
  const groups: Trace[] = sv.groups.map((g, i) => ({
    type: 'scatter',
    mode: 'markers',
    name: `embedding seed ${g.embeddingSeed} (${g.runs} runs)`,
    x: g.initialSignal,
    y: g.survival,
    text: g.initialSignal.map((_, k) => `k=${k + 1}`),
    marker: { color: seriesColor(theme, i), size: 8 },
    hovertemplate: '%{text}: S_k %{x:.3g}, SR %{y:.0%}<extra></extra>',
  }));
  const stats = `r = ${num(sv.pearsonR)}, p = ${pValue(sv.pValue)}, n = ${sv.points}`;
  const fit: Trace = {
    type: 'scatter',
    mode: 'lines',
    name: `least squares: SR = ${num(sv.slope)}·S + ${num(sv.intercept)} (${stats})`,
    ...fitLine(
      sv.groups.flatMap((g) => g.initialSignal),
      sv.slope,
      sv.intercept,
    ),
    line: { color: theme.foreground, width: 1.5, dash: 'dash' },
    hoverinfo: 'skip',
  };
  const layout: Partial<Layout> = {
    ...base(s, theme, `Survival vs initial signal: ${stats}`),
    xaxis: axis(theme, 'initial signal S_k(E0)'),
    yaxis: axis(theme, 'survival rate SR(k)', { tickformat: '.0%', range: [-0.05, 1.05] }),
  };
  return { data: [...groups, fit], layout };
}

/** Dimension rows of one kind (frozen or trained embedding), by increasing embedDim. */
function rowsOf(rows: readonly DimensionRow[], frozen: boolean): DimensionRow[] {
  return rows.filter((r) => r.frozen === frozen).sort((a, b) => a.embedDim - b.embedDim);
}

/** Run-weighted mean of a row value per embedDim (initial circularity: same for both kinds). */
function perDim(rows: readonly DimensionRow[], value: (r: DimensionRow) => number) {
  const sums = new Map<number, { sum: number; runs: number }>();
  for (const r of rows) {
    const cell = sums.get(r.embedDim) ?? { sum: 0, runs: 0 };
    cell.sum += value(r) * r.runs;
    cell.runs += r.runs;
    sums.set(r.embedDim, cell);
  }
  const cells = [...sums.entries()].sort((a, b) => a[0] - b[0]);
  return { x: cells.map(([d]) => d), y: cells.map(([, c]) => c.sum / Math.max(1, c.runs)) };
}

/**
 * Test accuracy (frozen vs trained embedding), mean and max initial circularity, and the mean
 * number of circles, against the embedding dimension, in three stacked panels.
 */
export function dimensionFigure(s: CompletenessState, theme: PlotTheme): Figure {
  const rows = resultsOf(s)?.dimension;
  if (rows === undefined || rows.length === 0) {
    return empty(s, theme);
  }
  const line = (name: string, yaxis: string, i: number, x: number[], y: number[]): Trace => ({
    type: 'scatter',
    mode: 'lines+markers',
    name,
    x,
    y,
    yaxis,
    line: { color: seriesColor(theme, i), dash: i % 2 === 1 ? 'dot' : 'solid' },
    hovertemplate: `${name} at d = %{x}: %{y:.3g}<extra></extra>`,
  });
  const data: Trace[] = [];
  [false, true].forEach((frozen, i) => {
    const kind = rowsOf(rows, frozen);
    if (kind.length > 0) {
      const label = frozen ? 'frozen embedding' : 'trained embedding';
      const dims = kind.map((r) => r.embedDim);
      data.push(
        line(
          `test accuracy, ${label}`,
          'y',
          i,
          dims,
          kind.map((r) => r.meanTestAcc),
        ),
      );
      data.push(
        line(
          `circles, ${label}`,
          'y3',
          i,
          dims,
          kind.map((r) => r.meanCircles),
        ),
      );
    }
  });
  const mean = perDim(rows, (r) => r.meanCircularity);
  const max = perDim(rows, (r) => r.maxCircularity);
  data.push(line('mean initial circularity', 'y2', 2, mean.x, mean.y));
  data.push(line('max initial circularity', 'y2', 3, max.x, max.y));
  const layout: Partial<Layout> = {
    ...base(s, theme, 'Embedding dimension sweep'),
    uirevision: `${s.key}#dimension#${s.logX}`,
    xaxis: axis(theme, 'embedding dimension', { type: s.logX ? 'log' : 'linear', anchor: 'y3' }),
    yaxis: axis(theme, 'test accuracy', { domain: [0.7, 1], tickformat: '.0%' }),
    yaxis2: axis(theme, 'circularity', { domain: [0.37, 0.63], anchor: 'x', rangemode: 'tozero' }),
    yaxis3: axis(theme, 'circles', { domain: [0, 0.3], anchor: 'x', rangemode: 'tozero' }),
    margin: { l: 64, r: 16, t: 56, b: 120 },
  };
  return { data, layout };
}

/** Survival of each perturbed frequency, and their mean, against the spectrum scale α. */
export function perturbationFigure(s: CompletenessState, theme: PlotTheme): Figure {
  const rows = [...(resultsOf(s)?.perturbation ?? [])].sort((a, b) => a.alpha - b.alpha);
  if (rows.length === 0) {
    return empty(s, theme);
  }
  const freqs = [...new Set(rows.flatMap((r) => r.frequencies))].sort((a, b) => a - b);
  const perFreq: Trace[] = freqs.map((k, i) => {
    const has = rows.filter((r) => r.frequencies.includes(k));
    return {
      type: 'scatter',
      mode: 'lines+markers',
      name: `k=${k}`,
      x: has.map((r) => r.alpha),
      y: has.map((r) => r.survival[r.frequencies.indexOf(k)]),
      line: { color: seriesColor(theme, i), width: 1 },
      marker: { size: 5 },
      hovertemplate: `k=${k}, α %{x}: %{y:.0%}<extra></extra>`,
    };
  });
  const meanOf = (v: number[]): number => v.reduce((a, b) => a + b, 0) / Math.max(1, v.length);
  const mean: Trace = {
    type: 'scatter',
    mode: 'lines+markers',
    name: 'mean over perturbed frequencies',
    x: rows.map((r) => r.alpha),
    y: rows.map((r) => meanOf(r.survival)),
    line: { color: theme.foreground, width: 2.5 },
    hovertemplate: 'mean, α %{x}: %{y:.0%}<extra></extra>',
  };
  const layout: Partial<Layout> = {
    ...base(s, theme, 'Survival of the perturbed frequencies'),
    xaxis: axis(theme, 'spectrum scale α'),
    yaxis: axis(theme, 'survival rate', { tickformat: '.0%', range: [-0.05, 1.05] }),
  };
  return { data: [...perFreq, mean], layout };
}

/** Initial and final S_k of the selected run by frequency, the threshold, the circles marked. */
export function detailsFigure(s: CompletenessState, theme: PlotTheme): Figure {
  const run = selectedRun(s);
  const ma = run?.modularAddition;
  if (run === undefined || ma === undefined) {
    return empty(s, theme);
  }
  const ks = ma.finalSignal.map((_, i) => i + 1);
  const circles = new Set(ma.finalCircles);
  const highlight = seriesColor(theme, 1);
  const initial: Trace = {
    type: 'bar',
    name: 'initial S_k',
    x: ks,
    y: ma.initialSignal,
    marker: { color: seriesColor(theme, 0) },
    hovertemplate: 'k=%{x}: initial S_k %{y:.3g}<extra></extra>',
  };
  const final: Trace = {
    type: 'bar',
    name: 'final S_k (circles highlighted)',
    x: ks,
    y: ma.finalSignal,
    marker: { color: ks.map((k) => (circles.has(k) ? highlight : theme.grid)) },
    hovertemplate: 'k=%{x}: final S_k %{y:.3g}<extra></extra>',
  };
  const threshold = {
    type: 'line' as const,
    xref: 'paper' as const,
    x0: 0,
    x1: 1,
    y0: ma.threshold,
    y1: ma.threshold,
    line: { color: highlight, width: 1.5, dash: 'dash' as const },
  };
  const list = ma.finalCircles.length > 0 ? ma.finalCircles.join(', ') : 'none';
  // Key frequencies of the first layer's neurons (Nanda et al.'s view), beside the circles.
  const keys = ma.keyFrequencies.length > 0 ? ma.keyFrequencies.join(', ') : 'none';
  const title = `Run ${run.runId}: final circles k = ${list}; key frequencies ${keys} (p = ${ma.p})`;
  const layout: Partial<Layout> = {
    ...base(s, theme, title),
    barmode: 'group',
    xaxis: axis(theme, 'frequency k', ks.length <= 30 ? { dtick: 1 } : {}),
    yaxis: axis(theme, 'signal S_k', { rangemode: 'tozero' }),
    shapes: [threshold],
    annotations: [
      {
        xref: 'paper',
        x: 1,
        y: ma.threshold,
        xanchor: 'right',
        yanchor: 'bottom',
        text: `threshold 2·mean = ${num(ma.threshold)}`,
        showarrow: false,
        font: { color: highlight },
      },
    ],
  };
  return { data: [initial, final], layout };
}

/** The builder of each figure (all are plotted). */
export const figureBuilders: Record<FigureId, (s: CompletenessState, theme: PlotTheme) => Figure> =
  {
    histogram: histogramFigure,
    survival: survivalFigure,
    dimension: dimensionFigure,
    perturbation: perturbationFigure,
    details: detailsFigure,
  };

/** What every figure depends on besides the theme (compare element by element with `===`). */
export function figureDeps(s: CompletenessState): unknown[] {
  return [s.data, s.run, s.unit, s.logX];
}
