/**
 * The starvation view's pure builders: the cells of the chosen embedding size and train fraction,
 * one series per depth over the decoder widths (mean ± sd over the seeds), the best width, and
 * the three figures (accuracy, cross-seed similarity and steps to 100 % against width, log x).
 */
import type { Layout, PlotData } from 'plotly.js';
import type { MeanSd, StarvationCell } from '../../src/shared/universalityResults';
import type { Figure } from '../common/figure';
import { type PlotTheme, seriesColor } from '../common/plotTheme';
import { axis, baseLayout, emptyFigure } from './layout';
import type { UniversalityState } from './state';

type Trace = Partial<PlotData>;

/** One depth's values over the widths, widths ascending. */
export interface DepthSeries {
  depth: number;
  widths: number[];
  mean: number[];
  sd: number[];
  /** Runs behind each mean. */
  runs: number[];
  cells: StarvationCell[];
}

/** The cells of the chosen embedding size and train fraction. */
export function facetCells(s: UniversalityState): StarvationCell[] {
  const { embedDim, trainFraction } = s.starvation;
  return (s.loads.starvation.data?.cells ?? []).filter(
    (c) =>
      (embedDim === undefined || c.embedDim === embedDim) &&
      (trainFraction === undefined || c.trainFraction === trainFraction),
  );
}

/** One series per depth (ascending) of a cell statistic; cells without it are left out. */
export function depthSeries(
  cells: readonly StarvationCell[],
  value: (c: StarvationCell) => MeanSd | undefined,
): DepthSeries[] {
  const depths = [...new Set(cells.map((c) => c.depth))].sort((a, b) => a - b);
  return depths
    .map((depth) => {
      const withValue = cells
        .filter((c) => c.depth === depth && value(c) !== undefined)
        .sort((a, b) => a.width - b.width);
      const stats = withValue.map((c) => value(c) as MeanSd);
      return {
        depth,
        widths: withValue.map((c) => c.width),
        mean: stats.map((m) => m.mean),
        sd: stats.map((m) => m.sd),
        runs: stats.map((m) => m.runs),
        cells: withValue,
      };
    })
    .filter((series) => series.widths.length > 0);
}

/** The cell with the highest mean test accuracy at the budget (ties: the fewer parameters). */
export function bestCell(cells: readonly StarvationCell[]): StarvationCell | undefined {
  return cells
    .filter((c) => Number.isFinite(c.testAccuracy.mean))
    .reduce<StarvationCell | undefined>((best, c) => {
      if (best === undefined || c.testAccuracy.mean > best.testAccuracy.mean) {
        return c;
      }
      return c.testAccuracy.mean === best.testAccuracy.mean && c.parameters < best.parameters
        ? c
        : best;
    }, undefined);
}

/** The colour of a depth: its place among the sweep's depths. */
function depthColor(s: UniversalityState, theme: PlotTheme, depth: number): string {
  const depths = s.loads.starvation.data?.axes.depth ?? [];
  return seriesColor(theme, Math.max(0, depths.indexOf(depth)));
}

function seriesTrace(
  series: DepthSeries,
  name: string,
  color: string,
  dash: 'solid' | 'dash' | 'dot',
  format: string,
): Trace {
  return {
    type: 'scatter',
    mode: 'lines+markers',
    name,
    legendgroup: `depth ${series.depth}`,
    x: series.widths,
    y: series.mean,
    error_y: { type: 'data', array: series.sd, visible: true, color, thickness: 1 },
    customdata: series.runs.map((n, i) => [n, series.sd[i]]),
    line: { color, dash, width: 2 },
    marker: { color, size: 6 },
    hovertemplate: `${name}, width %{x}: %{y:${format}} ± %{customdata[1]:${format}} (%{customdata[0]} runs)<extra></extra>`,
  };
}

/**
 * A builder of the traces of a cell statistic, one per depth in the depth's colour, each named
 * `depth <d>: <label>`.
 */
function depthTraces(s: UniversalityState, theme: PlotTheme, cells: readonly StarvationCell[]) {
  return (
    value: (c: StarvationCell) => MeanSd | undefined,
    label: string,
    dash: 'solid' | 'dash' | 'dot',
    format: string,
  ): Trace[] =>
    depthSeries(cells, value).map((d) =>
      seriesTrace(d, `depth ${d.depth}: ${label}`, depthColor(s, theme, d.depth), dash, format),
    );
}

function widthAxis(s: UniversalityState, theme: PlotTheme) {
  const widths = s.loads.starvation.data?.axes.width ?? [];
  return axis(theme, 'decoder width (first hidden layer)', {
    type: 'log',
    tickvals: widths,
    ticktext: widths.map(String),
  });
}

function figure(
  s: UniversalityState,
  theme: PlotTheme,
  id: string,
  title: string,
  traces: Trace[],
  yaxis: Partial<Layout['yaxis']>,
): Figure {
  if (traces.length === 0) {
    return emptyFigure(s.key, theme, id);
  }
  const base = baseLayout(s.key, theme, id, title);
  const layout: Partial<Layout> = {
    ...base,
    // Room below the width axis for a legend of up to three rows.
    margin: { ...base.margin, b: traces.length > 4 ? 150 : 120 },
    xaxis: widthAxis(s, theme),
    yaxis,
  };
  return { data: traces, layout };
}

function facetTitle(s: UniversalityState, what: string): string {
  const { embedDim, trainFraction } = s.starvation;
  const parts = [
    embedDim === undefined ? undefined : `embedding ${embedDim}`,
    trainFraction === undefined ? undefined : `train fraction ${trainFraction}`,
  ].filter((p) => p !== undefined);
  return parts.length === 0 ? what : `${what} (${parts.join(', ')})`;
}

/** Test accuracy at the budget (solid) and at convergence (dashed) against width, per depth. */
export function accuracyFigure(s: UniversalityState, theme: PlotTheme): Figure {
  const lines = depthTraces(s, theme, facetCells(s));
  const budget = s.loads.starvation.data?.budget ?? 0;
  const traces = [
    ...lines((c) => c.testAccuracy, `at ${budget} steps`, 'solid', '.1%'),
    ...lines((c) => c.testAccuracyAtConvergence, 'at convergence', 'dash', '.1%'),
  ];
  const title = facetTitle(s, 'Test balanced accuracy against width');
  return figure(
    s,
    theme,
    'starvationAccuracy',
    title,
    traces,
    axis(theme, 'test balanced accuracy', { range: [0, 1.05], tickformat: '.0%' }),
  );
}

/** Cross-seed CKA (linear solid, debiased dotted) and stitching (dashed) against width. */
export function universalityFigure(s: UniversalityState, theme: PlotTheme): Figure {
  const lines = depthTraces(s, theme, facetCells(s));
  const traces = [
    ...lines((c) => c.crossSeedCka?.linear, 'cross-seed CKA (linear)', 'solid', '.3f'),
    ...lines((c) => c.crossSeedCka?.debiased, 'cross-seed CKA (debiased)', 'dot', '.3f'),
    ...lines((c) => c.crossSeedStitching, 'cross-seed stitching', 'dash', '.3f'),
  ];
  const title = facetTitle(s, 'Cross-seed similarity of the embeddings against width');
  return figure(
    s,
    theme,
    'starvationUniversality',
    title,
    traces,
    axis(theme, 'CKA / normalised stitching score', { rangemode: 'tozero' }),
  );
}

/** Steps to 100 % train accuracy (over the runs that got there) against width, per depth. */
export function stepsFigure(s: UniversalityState, theme: PlotTheme): Figure {
  const lines = depthTraces(s, theme, facetCells(s));
  const steps = (c: StarvationCell) => (c.converged > 0 ? c.stepsTo100 : undefined);
  const traces = lines(steps, 'steps to 100 %', 'solid', '.0f');
  const title = facetTitle(s, 'Steps to 100 % train accuracy against width');
  return figure(
    s,
    theme,
    'starvationSteps',
    title,
    traces,
    axis(theme, 'steps', { rangemode: 'tozero' }),
  );
}
