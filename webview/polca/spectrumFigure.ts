/**
 * The spectrum figure, pure: one line per eigenvalue rank over the checkpoints (log step axis
 * when the steps span enough), the residual norm, the Hessian-vector products and (for POLCA's
 * basis) the vectors added in each point's hover.
 */
import type { Layout, PlotData } from 'plotly.js';
import type { Figure } from '../common/figure';
import { type PlotTheme, seriesColor } from '../common/plotTheme';
import { isNum, num, stepAxisType } from './format';
import { axis, baseLayout, emptyFigure } from './layout';
import { shownSpectrum } from './selectors';
import type { PolcaState } from './state';
import type { Spectrum } from './types';

/** One rank's eigenvalues over the checkpoints that have it. */
export interface RankSeries {
  /** 1 for the largest eigenvalue. */
  rank: number;
  steps: number[];
  values: (number | null)[];
  residuals: (number | null)[];
  hvps: number[];
  added: (number | null)[];
}

const orNull = (v: unknown): number | null => (isNum(v) ? v : null);

/** The series of every rank, the largest eigenvalue first. */
export function rankSeries(sp: Spectrum): RankSeries[] {
  const ranks = Math.max(0, ...sp.checkpoints.map((c) => c.eigenvalues.length));
  return Array.from({ length: ranks }, (_, r) => {
    const points = sp.checkpoints.filter((c) => r < c.eigenvalues.length);
    return {
      rank: r + 1,
      steps: points.map((c) => c.step),
      values: points.map((c) => orNull(c.eigenvalues[r])),
      residuals: points.map((c) => orNull(c.residuals[r])),
      hvps: points.map((c) => c.hvps),
      added: points.map((c) => orNull(c.added)),
    };
  });
}

const dashes = ['solid', 'dash', 'dot'] as const;

function rankTrace(
  series: RankSeries,
  theme: PlotTheme,
  source: Spectrum['source'],
): Partial<PlotData> {
  const i = series.rank - 1;
  const color = seriesColor(theme, i);
  const added = source === 'polca' ? '<br>%{customdata[2]} vectors added' : '';
  return {
    type: 'scatter',
    mode: 'lines+markers',
    name: `λ${series.rank}`,
    x: series.steps,
    y: series.values,
    line: { color, width: 2, dash: dashes[Math.floor(i / theme.series.length) % dashes.length] },
    marker: { color, size: 5 },
    customdata: series.steps.map((_, j) => [
      num(series.residuals[j], 2),
      series.hvps[j],
      num(series.added[j]),
    ]),
    hovertemplate:
      `λ${series.rank} at step %{x}: %{y:.4g}<br>residual ‖Hy − θy‖ %{customdata[0]}` +
      `<br>%{customdata[1]} Hessian-vector products${added}<extra></extra>`,
  };
}

/** The figure title: what was decomposed, how. */
export function spectrumTitle(sp: Spectrum): string {
  const { method, examples, k, iterations } = sp.settings;
  const how = `${method === 'exact' ? 'exact' : 'finite-difference'} Hessian on ${examples} examples, k = ${k}, ${iterations} Lanczos steps`;
  return sp.source === 'polca'
    ? `POLCA basis: top eigenvalues of the new directions (${how})`
    : `Top ${k} Hessian eigenvalues (${how})`;
}

/** The top eigenvalues of the shown spectrum over the checkpoints. */
export function spectrumFigure(s: PolcaState, theme: PlotTheme): Figure {
  const sp = shownSpectrum(s);
  if (sp === undefined || sp.checkpoints.length === 0) {
    return emptyFigure(s.key, theme, 'spectrum');
  }
  const steps = sp.checkpoints.map((c) => c.step);
  const layout: Partial<Layout> = {
    ...baseLayout(s.key, theme, `spectrum-${sp.source}`, spectrumTitle(sp)),
    xaxis: axis(theme, 'training step', { type: stepAxisType(steps) }),
    yaxis: axis(theme, sp.source === 'polca' ? 'eigenvalue of Π H Π' : 'eigenvalue'),
  };
  return { data: rankSeries(sp).map((r) => rankTrace(r, theme, sp.source)), layout };
}
