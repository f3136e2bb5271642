/**
 * Pure figure builders of the embedding view: the scatter of the selected checkpoint (aligned PCs
 * or the task's fixed axes, titled by what they are) and the explained-variance curves over
 * steps. Axis ranges are fixed over all checkpoints, so playing through steps shows motion, not
 * rescaling. Then the figure table: each figure's builder and dependencies.
 */
import type { Layout, PlotData } from 'plotly.js';
import type { EmbeddingTrajectoryResult } from '../../src/shared/embeddingResults';
import type { Figure } from '../common/figure';
import { type PlotTheme, seriesColor, themedAxis, themedLayout } from '../common/plotTheme';
import { axisTitles, choiceValue, shownProjection } from './projection';
import type { FigureId } from './figureIds';
import { type EmbeddingState, currentStep, noColour } from './state';

/** Labels with at most this many distinct values get one legend entry per value. */
export const maxCategories = 12;
/** Above this many points the 2-D scatter uses WebGL. */
const webglPoints = 2000;

type Trace = Partial<PlotData>;

/** The scatter of the checkpoint shown, coloured by the chosen label. */
export function scatterFigure(s: EmbeddingState, theme: PlotTheme): Figure {
  const d = s.data;
  const points = d?.points[s.index] ?? [];
  const three = (d?.k ?? s.k) === 3;
  const labels = d !== undefined && s.colourBy !== noColour ? d.labels[s.colourBy] : undefined;
  const group = (rows: number[]): Trace => ({
    type: three ? 'scatter3d' : points.length > webglPoints ? 'scattergl' : 'scatter',
    mode: 'markers',
    hovertemplate: '%{text}<extra></extra>',
    x: rows.map((i) => points[i][0]),
    y: rows.map((i) => points[i][1]),
    ...(three ? { z: rows.map((i) => points[i][2]) } : {}),
    text: rows.map((i) => hoverText(d, i, s.colourBy)),
    customdata: rows.map((i) => d?.tokens[i] ?? i),
  });
  const all = points.map((_, i) => i);
  const size = three ? 4 : 8;
  let data: Trace[];
  const values = labels === undefined ? [] : distinct(labels);
  if (labels === undefined) {
    data = [{ ...group(all), marker: { color: seriesColor(theme, 0), size }, showlegend: false }];
  } else if (values.length <= maxCategories) {
    data = values.map((v, j) => ({
      ...group(all.filter((i) => labels[i] === v)),
      name: `${s.colourBy} ${v}`,
      marker: { color: seriesColor(theme, j), size },
    }));
  } else {
    const marker = {
      color: labels,
      colorscale: 'Viridis',
      size,
      showscale: true,
      colorbar: { title: { text: s.colourBy }, thickness: 12 },
    };
    data = [{ ...group(all), showlegend: false, marker }];
  }
  return { data, layout: scatterLayout(s, theme, three) };
}

function scatterLayout(s: EmbeddingState, theme: PlotTheme, three: boolean): Partial<Layout> {
  const r = axisRange(s.data);
  const axis = (title: string): Partial<Layout['xaxis']> => ({
    ...themedAxis(theme),
    title: { text: title },
    range: [-r, r],
    autorange: false,
    zeroline: true,
  });
  const common: Partial<Layout> = {
    ...themedLayout(theme),
    // Zoom and camera survive frame changes, but not a new run, k or projection.
    uirevision: revision(s),
    showlegend: true,
    legend: { ...themedLayout(theme).legend, orientation: 'h', y: -0.15 },
    margin: { l: 56, r: 16, t: 16, b: 48 },
    hovermode: 'closest',
  };
  const titles = axisTitles(s.data);
  if (three) {
    const scene = {
      xaxis: axis(titles[0]),
      yaxis: axis(titles[1]),
      zaxis: axis(titles[2] ?? ''),
      aspectmode: 'cube',
    };
    return { ...common, scene } as Partial<Layout>;
  }
  // Equal scales on both axes: distances and angles in the plane are not distorted.
  return {
    ...common,
    xaxis: axis(titles[0]),
    yaxis: { ...axis(titles[1] ?? ''), scaleanchor: 'x', scaleratio: 1 },
  };
}

/** The scatter's uirevision: the run and k, plus the projection and its choice unless PCA. */
function revision(s: EmbeddingState): string {
  const kind = shownProjection(s.data).kind;
  const base = `${s.key}#${s.k}`;
  return kind === 'pca' ? base : `${base}#${kind}:${choiceValue(s)}`;
}

/**
 * Share of each step's variance along each axis over the steps, with the shown step marked: the
 * explained variance ratio of each PC (PCA), or the share along each fixed axis.
 */
export function explainedFigure(s: EmbeddingState, theme: PlotTheme): Figure {
  const d = s.data;
  const steps = d?.steps ?? [];
  const k = d?.k ?? s.k;
  const pcaMode = shownProjection(d).kind === 'pca';
  const titles = axisTitles(d);
  const data: Trace[] = Array.from({ length: k }, (_, i) => {
    const name = pcaMode ? `PC ${i + 1}` : titles[i];
    return {
      type: 'scatter',
      mode: 'lines+markers',
      name,
      x: steps,
      y: (d?.explained ?? []).map((e) => e[i]),
      line: { color: seriesColor(theme, i) },
      marker: { size: 4 },
      hovertemplate: `${name} at step %{x}: %{y:.1%}<extra></extra>`,
    };
  });
  const step = currentStep(s);
  const marker = {
    type: 'line' as const,
    x0: step,
    x1: step,
    yref: 'paper' as const,
    y0: 0,
    y1: 1,
    line: { color: theme.foreground, width: 1, dash: 'dot' as const },
  };
  return {
    data,
    layout: {
      ...themedLayout(theme),
      uirevision: s.key,
      margin: { l: 64, r: 16, t: 28, b: 40 },
      xaxis: { ...themedAxis(theme), title: { text: 'step' } },
      yaxis: {
        ...themedAxis(theme),
        title: { text: pcaMode ? 'variance explained' : 'share of variance' },
        tickformat: '.0%',
        rangemode: 'tozero',
      },
      legend: { ...themedLayout(theme).legend, orientation: 'h', x: 0, y: 1, yanchor: 'bottom' },
      shapes: step === undefined ? [] : [marker],
    },
  };
}

/** Half-width of the square axis range: the largest |coordinate| over all steps, plus 5 %. */
export function axisRange(d: EmbeddingTrajectoryResult | undefined): number {
  let m = 0;
  for (const frame of d?.points ?? []) {
    for (const p of frame) {
      for (const v of p) {
        m = Math.max(m, Math.abs(v));
      }
    }
  }
  return m > 0 ? m * 1.05 : 1;
}

function hoverText(d: EmbeddingTrajectoryResult | undefined, i: number, colourBy: string): string {
  const token = d?.tokens[i] ?? i;
  const extra = Object.entries(d?.labels ?? {})
    .filter(([name]) => name !== 'token' && (colourBy === noColour || name === colourBy))
    .map(([name, values]) => `<br>${name} ${values[i]}`)
    .join('');
  return `token ${token}${extra}`;
}

function distinct(values: number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

/** The builder of each figure. */
export const figureBuilders: Record<FigureId, (s: EmbeddingState, theme: PlotTheme) => Figure> = {
  plot: scatterFigure,
  explained: explainedFigure,
};

/** What every figure depends on besides the theme (compare element by element with `===`). */
export function figureDeps(s: EmbeddingState): unknown[] {
  return [s.data, s.index, s.colourBy];
}
