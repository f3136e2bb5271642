/**
 * The figures of the layers view, pure: the layers × layers CKA heatmap at the chosen checkpoint,
 * the two layers of a clicked cell side by side (each example at its first two principal
 * components, coloured by a labelling, the example in the hover), and each layer's CKA against
 * its own final state over the checkpoints.
 */
import type { Layout, PlotData } from 'plotly.js';
import type { LayerPoints, PointLabels, RunCkaLayers } from '../../src/shared/universalityResults';
import type { Figure } from '../common/figure';
import { type PlotTheme, seriesColor } from '../common/plotTheme';
import { estimatorNames, pct } from './format';
import { ckaHeatmapFigure } from './heatmap';
import { axis, baseLayout, emptyFigure } from './layout';
import { labelIndex, shownStep } from './selectors';
import type { UniversalityState } from './state';

type Trace = Partial<PlotData>;

/** Labellings with more values than this colour the points on a continuous scale. */
export const maxCategories = 12;

const extraColors = ['#17becf', '#e377c2', '#8c564b', '#bcbd22', '#7f7f7f', '#9edae5'];

/** The colour of the k-th category (the theme's palette, then fixed extra colours). */
export function categoryColor(theme: PlotTheme, k: number): string {
  return k < theme.series.length
    ? seriesColor(theme, k)
    : extraColors[(k - theme.series.length) % extraColors.length];
}

/** The layers × layers heatmap at the chosen checkpoint. */
export function layersHeatmapFigure(s: UniversalityState, theme: PlotTheme): Figure {
  const data = s.loads.layers.data;
  const at = shownStep(s);
  if (data === undefined || at === undefined) {
    return emptyFigure(s.key, theme, 'layersHeatmap');
  }
  const { estimator } = data.settings;
  return ckaHeatmapFigure(at.matrix, theme, {
    key: s.key,
    figure: 'layersHeatmap',
    title: `${data.runId}: ${estimatorNames[estimator]} between layers at step ${at.step}`,
    xTitle: 'layer',
    yTitle: 'layer',
    estimator,
    selected: s.layers.cell,
  });
}

/** The points of one layer: one trace per category of the labelling, or one coloured trace. */
export function pointTraces(
  points: LayerPoints,
  examples: readonly string[],
  labels: PointLabels | undefined,
  theme: PlotTheme,
  subplot: 1 | 2,
): Trace[] {
  const axes = subplot === 1 ? { xaxis: 'x', yaxis: 'y' } : { xaxis: 'x2', yaxis: 'y2' };
  const common = { type: 'scatter' as const, mode: 'markers' as const, ...axes };
  const hover = (i: number) => examples[i] ?? `example ${i}`;
  if (labels === undefined || labels.names.length > maxCategories) {
    const all = points.x.map((_, i) => i);
    const name = labels?.name ?? 'examples';
    return [
      {
        ...common,
        name: points.layer,
        showlegend: false,
        x: points.x,
        y: points.y,
        text: all.map((i) =>
          labels ? `${hover(i)}<br>${name}: ${labels.names[labels.values[i]] ?? ''}` : hover(i),
        ),
        marker: labels
          ? { size: 6, color: labels.values, colorscale: 'Turbo', showscale: subplot === 2 }
          : { size: 6, color: seriesColor(theme, 0) },
        hovertemplate: `%{text}<extra>${points.layer}</extra>`,
      },
    ];
  }
  return labels.names.map((label, k) => {
    const idx = labels.values.flatMap((v, i) => (v === k ? [i] : []));
    return {
      ...common,
      name: label,
      legendgroup: label,
      showlegend: subplot === 1,
      x: idx.map((i) => points.x[i]),
      y: idx.map((i) => points.y[i]),
      text: idx.map(hover),
      marker: { size: 6, color: categoryColor(theme, k), opacity: 0.85 },
      hovertemplate: `%{text}<br>${labels.name}: ${label}<extra>${points.layer}</extra>`,
    };
  });
}

function pcTitle(p: LayerPoints, i: 0 | 1): string {
  return `${p.layer}: PC${i + 1} (${pct(p.explained[i])})`;
}

/** The clicked cell's two layers side by side (row layer left, column layer right). */
export function pointsFigure(s: UniversalityState, theme: PlotTheme): Figure {
  const data = s.loads.layers.data;
  const at = shownStep(s);
  const cell = s.layers.cell;
  const find = (layer: string) => at?.points.find((p) => p.layer === layer);
  const left = cell && find(cell.row);
  const right = cell && find(cell.column);
  if (data === undefined || at === undefined || left === undefined || right === undefined) {
    return emptyFigure(s.key, theme, 'layersPoints');
  }
  const labels = data.labels[labelIndex(s)] as PointLabels | undefined;
  const coloured = labels === undefined ? '' : `, coloured by ${labels.name}`;
  const layout: Partial<Layout> = {
    ...baseLayout(
      s.key,
      theme,
      'layersPoints',
      `${left.layer} and ${right.layer} at step ${at.step}${coloured}`,
    ),
    xaxis: axis(theme, pcTitle(left, 0), { domain: [0, 0.46], anchor: 'y' }),
    yaxis: axis(theme, pcTitle(left, 1), { anchor: 'x' }),
    xaxis2: axis(theme, pcTitle(right, 0), { domain: [0.54, 1], anchor: 'y2' }),
    yaxis2: axis(theme, pcTitle(right, 1), { anchor: 'x2' }),
  };
  return {
    data: [
      ...pointTraces(left, data.examples, labels, theme, 1),
      ...pointTraces(right, data.examples, labels, theme, 2),
    ],
    layout,
  };
}

/** Each layer's CKA against its final state over the checkpoints (a line per layer). */
export function acrossFigure(s: UniversalityState, theme: PlotTheme): Figure {
  const data: RunCkaLayers | undefined = s.loads.layers.data;
  const at = shownStep(s);
  if (data === undefined || at === undefined) {
    return emptyFigure(s.key, theme, 'layersAcross');
  }
  const steps = data.steps.map((st) => st.step);
  const traces: Trace[] = data.acrossCheckpoints.map((l, i) => ({
    type: 'scatter',
    mode: 'lines+markers',
    name: l.layer,
    x: steps,
    y: l.values,
    line: { color: categoryColor(theme, i), width: 2 },
    marker: { size: 5 },
    hovertemplate: `${l.layer} at step %{x}: CKA %{y:.3f} with its final state<extra></extra>`,
  }));
  const layout: Partial<Layout> = {
    ...baseLayout(s.key, theme, 'layersAcross', 'Each layer against its final state'),
    xaxis: axis(theme, 'step'),
    yaxis: axis(theme, `${estimatorNames[data.settings.estimator]} with the last checkpoint`, {
      range: [0, 1.05],
    }),
    shapes: [
      {
        type: 'line',
        x0: at.step,
        x1: at.step,
        yref: 'paper',
        y0: 0,
        y1: 1,
        line: { color: theme.foreground, dash: 'dot', width: 1 },
      },
    ],
  };
  return { data: traces, layout };
}
