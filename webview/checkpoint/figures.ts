/**
 * Pure figure builders of the checkpoint editor: the histogram of the selected tensor and the
 * embedding projection. Then the figure table: each figure's builder and dependencies.
 */
import type { Layout } from 'plotly.js';
import type {
  CheckpointSummary,
  Histogram,
  TensorSummary,
} from '../../src/shared/embeddingResults';
import type { Figure } from '../common/figure';
import { type PlotTheme, seriesColor, themedAxis, themedLayout } from '../common/plotTheme';
import type { PlotFigureId } from './figureIds';
import { type CheckpointState, selectedTensor } from './state';

/** Bin centres and widths of a histogram. */
export function binCentres(h: Histogram): { centres: number[]; width: number } {
  const width = h.counts.length > 0 ? (h.hi - h.lo) / h.counts.length : 0;
  return { centres: h.counts.map((_, i) => h.lo + (i + 0.5) * width), width };
}

/** Histogram of the selected tensor's finite values. */
export function histogramFigure(t: TensorSummary | undefined, theme: PlotTheme): Figure {
  const { centres, width } = t === undefined ? { centres: [], width: 0 } : binCentres(t.histogram);
  return {
    data: [
      {
        type: 'bar',
        x: centres,
        y: t?.histogram.counts ?? [],
        width,
        marker: { color: seriesColor(theme, 0) },
        hovertemplate: '%{x:.4g}: %{y} values<extra></extra>',
      },
    ],
    layout: {
      ...baseLayout(theme),
      uirevision: t?.name ?? '',
      bargap: 0.02,
      xaxis: {
        title: { text: t === undefined ? 'value' : `${t.name} value` },
        ...themedAxis(theme),
      },
      yaxis: { title: { text: 'count' }, ...themedAxis(theme) },
    },
  };
}

/** Scatter of the embedding rows on their top-2 PCs (hover: the row / token id). */
export function projectionFigure(summary: CheckpointSummary, theme: PlotTheme): Figure {
  const p = summary.projection;
  const pts = p?.points ?? [];
  const ratio = (i: number): string =>
    p === undefined ? '' : ` (${(100 * p.explained[i]).toFixed(1)}%)`;
  return {
    data: [
      {
        type: pts.length > 2000 ? 'scattergl' : 'scatter',
        mode: 'markers',
        x: pts.map((q) => q[0]),
        y: pts.map((q) => q[1]),
        text: (p?.tokens ?? []).map((t) => `row ${t}`),
        hovertemplate: '%{text}<extra></extra>',
        marker: { color: seriesColor(theme, 0), size: 7 },
      },
    ],
    layout: {
      ...baseLayout(theme),
      uirevision: p?.tensor ?? '',
      xaxis: { title: { text: `PC 1${ratio(0)}` }, ...themedAxis(theme) },
      yaxis: { title: { text: `PC 2${ratio(1)}` }, scaleanchor: 'x', ...themedAxis(theme) },
    },
  };
}

function baseLayout(theme: PlotTheme): Partial<Layout> {
  return {
    ...themedLayout(theme),
    margin: { l: 56, r: 16, t: 8, b: 48 },
    showlegend: false,
    hovermode: 'closest',
  };
}

/** The builder of each figure (the projection is shown only when the file has one). */
export const figureBuilders: Record<
  PlotFigureId,
  (s: CheckpointState, theme: PlotTheme) => Figure
> = {
  histogram: (s, theme) => histogramFigure(selectedTensor(s), theme),
  projection: (s, theme) =>
    s.summary === undefined
      ? { data: [], layout: baseLayout(theme) }
      : projectionFigure(s.summary, theme),
};

/** What every figure depends on besides the theme (compare element by element with `===`). */
export function figureDeps(s: CheckpointState): unknown[] {
  return [s.summary, s.selected];
}
