/**
 * Pure figure and text builders of the checkpoint editor: the tensor table rows, the histogram
 * of the selected tensor, the embedding projection, and the accessible summary.
 */
import type {
  CheckpointSummary,
  Histogram,
  TensorSummary,
} from '../../src/shared/embeddingResults';
import type { Layout } from 'plotly.js';
import type { Figure } from '../common/figure';
import { type PlotTheme, seriesColor, themedAxis, themedLayout } from '../common/plotTheme';
import { type CheckpointState, selectedTensor } from './state';

/** One row of the tensor table, formatted. */
export interface TensorRow {
  name: string;
  shape: string;
  dtype: string;
  norm: string;
  mean: string;
  std: string;
}

/** Four significant digits; exponent form for very small or large magnitudes. */
export function formatNumber(v: number): string {
  if (v === 0) {
    return '0';
  }
  const a = Math.abs(v);
  return a >= 1e-3 && a < 1e5 ? String(Number(v.toPrecision(4))) : v.toExponential(3);
}

/** Table rows in file order. */
export function tensorRows(summary: CheckpointSummary): TensorRow[] {
  return summary.tensors.map((t) => ({
    name: t.name,
    shape: `[${t.shape.join(', ')}]`,
    dtype: t.dtype,
    norm: formatNumber(t.stats.norm),
    mean: formatNumber(t.stats.mean),
    std: formatNumber(t.stats.std),
  }));
}

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

/** Sentences describing the file and the selected tensor. */
export function summaryLines(s: CheckpointState): string[] {
  if (s.status === 'loading') {
    return [`Reading ${s.fileName || 'the file'}…`];
  }
  if (s.status === 'error' || s.summary === undefined) {
    return [`${s.fileName || 'This file'} could not be read: ${s.error ?? 'unknown error'}`];
  }
  const sum = s.summary;
  const lines = [
    `${sum.tensors.length} tensors, ${sum.parameters.toLocaleString('en-US')} parameter values ` +
      `(optimizer state excluded), ${formatBytes(sum.bytes)}.`,
  ];
  if (sum.replens !== undefined) {
    lines.push(`Replens checkpoint at step ${sum.replens.step} of run ${sum.replens.runId}.`);
  } else if (Object.keys(sum.metadata).length === 0) {
    lines.push('No metadata (written by another tool).');
  }
  const t = selectedTensor(s);
  if (t !== undefined) {
    const bad = t.stats.nonFinite > 0 ? `, ${t.stats.nonFinite} NaN or infinite` : '';
    lines.push(
      `${t.name}: ${t.stats.count} values, mean ${formatNumber(t.stats.mean)}, std ` +
        `${formatNumber(t.stats.std)}, range ${formatNumber(t.stats.min)} to ` +
        `${formatNumber(t.stats.max)}${bad}.`,
    );
  }
  if (sum.projection !== undefined) {
    const [a, b] = sum.projection.explained.map((e) => `${(100 * e).toFixed(1)}%`);
    lines.push(
      `Projection of ${sum.projection.tensor} (${sum.projection.rows} × ${sum.projection.cols}) ` +
        `onto its top 2 principal components: ${a} and ${b} of the variance.`,
    );
  } else if (sum.projectionNote !== undefined) {
    lines.push(`No projection: ${sum.projectionNote}.`);
  }
  return lines;
}

/** The table as CSV (export of the data). */
export function tableCsv(summary: CheckpointSummary): string {
  const head = 'name,dtype,shape,count,norm,mean,std,min,max,nonFinite';
  const rows = summary.tensors.map((t) =>
    [
      JSON.stringify(t.name),
      t.dtype,
      JSON.stringify(t.shape.join('x')),
      t.stats.count,
      t.stats.norm,
      t.stats.mean,
      t.stats.std,
      t.stats.min,
      t.stats.max,
      t.stats.nonFinite,
    ].join(','),
  );
  return [head, ...rows].join('\n') + '\n';
}

function formatBytes(n: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${n} bytes` : `${v.toFixed(1)} ${units[u]}`;
}

function baseLayout(theme: PlotTheme): Partial<Layout> {
  return {
    ...themedLayout(theme),
    margin: { l: 56, r: 16, t: 8, b: 48 },
    showlegend: false,
    hovermode: 'closest',
  };
}
