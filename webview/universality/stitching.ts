/**
 * The stitching view's pure builders: each direction as a matrix (source layers × target layers),
 * the score shown (normalised or raw balanced accuracy), how far a cell's task score lies above
 * its best control, the rows of the selected cell's table, and the two-matrix figure.
 */
import type { Annotations, Layout, PlotData } from 'plotly.js';
import type {
  StitchScore,
  StitchingCell,
  StitchingDirection,
} from '../../src/shared/universalityResults';
import type { Figure } from '../common/figure';
import type { PlotTheme } from '../common/plotTheme';
import { fixed, pct, signed } from './format';
import { axis, baseLayout, emptyFigure, heatScale, textOn } from './layout';
import { selectedStitchCell } from './selectors';
import type { UniversalityState } from './state';
import type { ScoreKind, StitchCellRef, StitchDirectionId } from './types';

/** What the score kinds are called. */
export const scoreNames: Record<ScoreKind, string> = {
  normalized: 'normalised score',
  balancedAccuracy: 'balanced accuracy',
};

/** One direction as a grid: rows are source layers, columns target layers (first-seen order). */
export interface StitchGrid {
  fromLayers: string[];
  toLayers: string[];
  cells: (StitchingCell | undefined)[][];
}

export function stitchGrid(d: StitchingDirection): StitchGrid {
  const fromLayers = [...new Set(d.cells.map((c) => c.fromLayer))];
  const toLayers = [...new Set(d.cells.map((c) => c.toLayer))];
  const cells = fromLayers.map((f) =>
    toLayers.map((t) => d.cells.find((c) => c.fromLayer === f && c.toLayer === t)),
  );
  return { fromLayers, toLayers, cells };
}

export function scoreOf(score: StitchScore, kind: ScoreKind): number {
  return score[kind];
}

/** The controls of a cell that were computed, by name. */
export function controlsOf(cell: StitchingCell): { name: string; score: StitchScore }[] {
  const { random, shuffled, personHeldOut } = cell.controls;
  return [
    { name: 'random', score: random },
    { name: 'shuffled', score: shuffled },
    ...(personHeldOut === undefined ? [] : [{ name: 'person held-out', score: personHeldOut }]),
  ];
}

/** The highest control of a cell in the chosen score. */
export function bestControl(cell: StitchingCell, kind: ScoreKind): { name: string; score: number } {
  return controlsOf(cell)
    .map((c) => ({ name: c.name, score: scoreOf(c.score, kind) }))
    .reduce((a, b) => (b.score > a.score ? b : a));
}

/** Task score minus the best control (positive: the bridge does better than any control). */
export function controlMargin(cell: StitchingCell, kind: ScoreKind): number {
  return scoreOf(cell.task, kind) - bestControl(cell, kind).score;
}

/** A row of the selected cell's table. */
export interface ScoreRow {
  name: string;
  balancedAccuracy: number;
  normalized: number;
  /** For the two bridges: the score minus the best control, in the chosen score. */
  aboveBestControl?: number;
}

/** The task and regression bridges, then the controls, of one cell. */
export function cellRows(cell: StitchingCell, kind: ScoreKind): ScoreRow[] {
  const best = bestControl(cell, kind).score;
  const bridge = (name: string, score: StitchScore): ScoreRow => ({
    name,
    ...score,
    aboveBestControl: scoreOf(score, kind) - best,
  });
  return [
    bridge('task (AAT)', cell.task),
    bridge('regression', cell.regression),
    ...controlsOf(cell).map((c) => ({ name: `${c.name} control`, ...c.score })),
  ];
}

function hoverText(d: StitchingDirection, c: StitchingCell, kind: ScoreKind): string {
  const best = bestControl(c, kind);
  const controls = controlsOf(c)
    .map((x) => `${x.name} ${fixed(x.score.normalized)} (${pct(x.score.balancedAccuracy)})`)
    .join(', ');
  return (
    `${d.from.label} ${c.fromLayer} → ${d.to.label} ${c.toLayer}<br>` +
    `task ${fixed(c.task.normalized)} (${pct(c.task.balancedAccuracy)}), regression ` +
    `${fixed(c.regression.normalized)} (${pct(c.regression.balancedAccuracy)})<br>` +
    `controls: ${controls}<br>task − best control (${best.name}): ` +
    `${signed(controlMargin(c, kind))}`
  );
}

const axisIds = { forward: ['x', 'y'], backward: ['x2', 'y2'] } as const;

function directionTrace(d: StitchingDirection, id: StitchDirectionId, kind: ScoreKind) {
  const g = stitchGrid(d);
  const trace: Partial<PlotData> = {
    type: 'heatmap',
    name: id,
    x: g.toLayers,
    y: g.fromLayers,
    z: g.cells.map((row) => row.map((c) => (c === undefined ? Number.NaN : scoreOf(c.task, kind)))),
    text: g.cells.map((row) =>
      row.map((c) => (c === undefined ? '' : hoverText(d, c, kind))),
    ) as unknown as string[],
    hovertemplate: '%{text}<extra></extra>',
    xaxis: axisIds[id][0],
    yaxis: axisIds[id][1],
    coloraxis: 'coloraxis',
    xgap: 1,
    ygap: 1,
  } as Partial<PlotData>;
  return { g, trace };
}

/** The score written into every cell; † when it is not above the best control, bold if selected. */
export function stitchAnnotations(
  g: StitchGrid,
  id: StitchDirectionId,
  kind: ScoreKind,
  range: [number, number],
  selected?: StitchCellRef,
): Partial<Annotations>[] {
  return g.cells.flatMap((row) =>
    row.flatMap((c): Partial<Annotations>[] => {
      if (c === undefined) {
        return [];
      }
      const v = scoreOf(c.task, kind);
      const mark = controlMargin(c, kind) > 0 ? '' : '†';
      const isSelected =
        selected?.direction === id &&
        selected.fromLayer === c.fromLayer &&
        selected.toLayer === c.toLayer;
      const text = `${fixed(v)}${mark}`;
      const t = (v - range[0]) / (range[1] - range[0] || 1);
      return [
        {
          x: c.toLayer,
          y: c.fromLayer,
          xref: axisIds[id][0],
          yref: axisIds[id][1],
          text: isSelected ? `<b>[${text}]</b>` : text,
          showarrow: false,
          font: { color: textOn(Math.min(1, Math.max(0, t))) },
        },
      ];
    }),
  );
}

/** The colour range of a score kind: 0–1 normalised, chance–1 raw. */
export function scoreRange(kind: ScoreKind, chance: number): [number, number] {
  return kind === 'normalized' ? [0, 1] : [chance, 1];
}

function subplotTitle(text: string, y: number): Partial<Annotations> {
  return {
    text,
    xref: 'paper',
    yref: 'paper',
    x: 0.5,
    y,
    xanchor: 'center',
    yanchor: 'bottom',
    showarrow: false,
  };
}

/**
 * The axes of one direction's matrix: forward above, backward below, each the full width so
 * that layer names and cell values stay readable in a narrow panel beside the config.
 */
function directionAxes(
  theme: PlotTheme,
  d: StitchingDirection,
  id: StitchDirectionId,
): Partial<Layout> {
  const [x, y] = id === 'forward' ? ['xaxis', 'yaxis'] : ['xaxis2', 'yaxis2'];
  const [xa, ya] = axisIds[id];
  const common = { type: 'category' as const, showgrid: false };
  return {
    [x]: axis(theme, 'target layer', { ...common, domain: [0, 1], anchor: ya }),
    [y]: axis(theme, 'source layer', {
      ...common,
      domain: id === 'forward' ? [0.6, 1] : [0, 0.4],
      autorange: 'reversed',
      anchor: xa,
    }),
  };
}

/** Both directions side by side, task score in the cells, one shared colour scale. */
export function stitchingFigure(s: UniversalityState, theme: PlotTheme): Figure {
  const data = s.loads.stitching.data;
  if (data === undefined) {
    return emptyFigure(s.key, theme, 'stitchingMatrix');
  }
  const kind = s.stitching.score;
  const range = scoreRange(kind, data.chance);
  const fw = directionTrace(data.forward, 'forward', kind);
  const bw = directionTrace(data.backward, 'backward', kind);
  const selected = selectedStitchCell(s)?.ref;
  const title = `Task-loss stitching, ${scoreNames[kind]} († not above the best control)`;
  // A shared colour axis (typed loosely: Plotly's Layout type lacks `coloraxis`).
  const layout = {
    ...baseLayout(s.key, theme, `stitchingMatrix#${kind}`, title),
    margin: { l: 96, r: 24, t: 72, b: 64 },
    coloraxis: {
      colorscale: heatScale,
      cmin: range[0],
      cmax: range[1],
      colorbar: {
        title: { text: scoreNames[kind] },
        outlinewidth: 0,
        tickfont: { color: theme.foreground },
      },
    },
    ...directionAxes(theme, data.forward, 'forward'),
    ...directionAxes(theme, data.backward, 'backward'),
    annotations: [
      subplotTitle(`${data.forward.from.label} → ${data.forward.to.label}`, 1.02),
      subplotTitle(`${data.backward.from.label} → ${data.backward.to.label}`, 0.42),
      ...stitchAnnotations(fw.g, 'forward', kind, range, selected),
      ...stitchAnnotations(bw.g, 'backward', kind, range, selected),
    ],
  } as Partial<Layout>;
  return { data: [fw.trace, bw.trace], layout };
}
