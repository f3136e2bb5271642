/**
 * The clusters figure, pure: each cluster's mean trajectory with a ±sd band, its breakthrough
 * marked by a diamond on the curve and a dotted vertical line, the legend giving its size and
 * skill fraction. Every trace carries its cluster in `legendgroup` (`cluster-<i>`) so a click on
 * a curve or a legend entry selects the cluster; the selected one is drawn heavier.
 */
import type { Layout, PlotData, Shape } from 'plotly.js';
import type { PolcaCluster, PolcaGroup, PolcaMethod } from '../../src/shared/polcaResults';
import type { Figure } from '../common/figure';
import { type PlotTheme, seriesColor } from '../common/plotTheme';
import { fixed, isNum, num, pct, stepAxisType } from './format';
import { axis, baseLayout, emptyFigure } from './layout';
import { methodNames } from './methods';
import { selectedCluster, shownGroup, shownMethod } from './selectors';
import type { PolcaState } from './state';

type Trace = Partial<PlotData>;

/** The legend group of cluster `i` (what a click on any of its traces reports). */
export function clusterGroupName(i: number): string {
  return `cluster-${i}`;
}

/** The cluster index of a legend group, or undefined for another trace. */
export function clusterOfGroupName(name: unknown): number | undefined {
  const m = typeof name === 'string' ? /^cluster-(\d+)$/.exec(name) : null;
  return m === null ? undefined : Number(m[1]);
}

/** "cluster 2 · 34 tokens · 82% carryIn". */
export function clusterLabel(c: PolcaCluster, i: number, skill: string): string {
  return `cluster ${i + 1} · ${c.size} tokens · ${pct(c.skillFraction)} ${skill}`;
}

/** The value of a piecewise-linear curve at `t` (null outside it or at a gap). */
export function valueAt(
  times: readonly number[],
  values: readonly number[],
  t: number,
): number | null {
  for (let i = 0; i < times.length; i++) {
    if (times[i] === t) {
      return isNum(values[i]) ? values[i] : null;
    }
    if (i > 0 && times[i - 1] < t && t < times[i]) {
      const [a, b] = [values[i - 1], values[i]];
      if (!isNum(a) || !isNum(b)) {
        return null;
      }
      return a + ((b - a) * (t - times[i - 1])) / (times[i] - times[i - 1]);
    }
  }
  return null;
}

/** The band's outline: mean + sd forward, mean − sd back (null where either is missing). */
export function bandOutline(
  times: readonly number[],
  c: Pick<PolcaCluster, 'mean' | 'sd'>,
): { x: number[]; y: (number | null)[] } {
  const at = (i: number, sign: number) =>
    isNum(c.mean[i]) && isNum(c.sd[i]) ? c.mean[i] + sign * c.sd[i] : null;
  const upper = times.map((_, i) => at(i, 1));
  const lower = times.map((_, i) => at(i, -1));
  return { x: [...times, ...[...times].reverse()], y: [...upper, ...lower.reverse()] };
}

function clusterTraces(
  times: number[],
  c: PolcaCluster,
  i: number,
  options: { skill: string; color: string; outline: string; selected: boolean },
): Trace[] {
  const { color, selected } = options;
  const name = clusterLabel(c, i, options.skill);
  const group = { legendgroup: clusterGroupName(i), name };
  const band: Trace = {
    type: 'scatter',
    mode: 'lines',
    ...bandOutline(times, c),
    fill: 'toself',
    fillcolor: color,
    opacity: selected ? 0.35 : 0.18,
    line: { width: 0, color },
    hoverinfo: 'skip',
    showlegend: false,
    ...group,
  };
  const mean: Trace = {
    type: 'scatter',
    mode: 'lines',
    x: times,
    y: c.mean,
    line: { color, width: selected ? 4 : 2 },
    customdata: c.sd.map((sd) => [i, num(sd, 2)]),
    hovertemplate: `${name}<br>step %{x}: %{y:.3g} ± %{customdata[1]}<extra></extra>`,
    ...group,
  };
  const b = c.breakthrough;
  if (!isNum(b)) {
    return [band, mean];
  }
  const mark: Trace = {
    type: 'scatter',
    mode: 'markers',
    x: [b],
    y: [valueAt(times, c.mean, b)],
    marker: {
      symbol: 'diamond',
      size: selected ? 14 : 11,
      color,
      line: { color: options.outline, width: 1 },
    },
    hovertemplate: `cluster ${i + 1}: breakthrough at step %{x}<extra></extra>`,
    showlegend: false,
    ...group,
  };
  return [band, mean, mark];
}

function breakthroughLines(group: PolcaGroup, theme: PlotTheme): Partial<Shape>[] {
  return group.clusters.flatMap((c, i) =>
    isNum(c.breakthrough)
      ? [
          {
            type: 'line',
            xref: 'x',
            yref: 'paper',
            x0: c.breakthrough,
            x1: c.breakthrough,
            y0: 0,
            y1: 1,
            line: { color: seriesColor(theme, i), width: 1, dash: 'dot' },
          } satisfies Partial<Shape>,
        ]
      : [],
  );
}

/** The y axis title: the raw loss for the baseline, else the allocation along the best vector. */
export function trajectoryAxisTitle(method: PolcaMethod, group: PolcaGroup): string {
  return method.method === 'lossBaseline' || group.family < 0
    ? 'per-token loss'
    : `cumulative loss change along basis vector ${group.family}`;
}

/** "POLCA · output token "7": 120 tokens, ARI 0.62, NMI 0.48, outliers 8%". */
export function clusterTitle(method: PolcaMethod, group: PolcaGroup): string {
  return (
    `${methodNames[method.method]} · output token "${group.token}": ${group.size} tokens, ` +
    `ARI ${fixed(group.ari)}, NMI ${fixed(group.nmi)}, outliers ${pct(group.outlierFraction)}`
  );
}

/** The clusters of the shown method and group. */
export function clusterFigure(s: PolcaState, theme: PlotTheme): Figure {
  const data = s.loads.polca.data;
  const method = shownMethod(s);
  const group = shownGroup(s);
  if (data === undefined || method === undefined || group === undefined) {
    return emptyFigure(s.key, theme, 'clusterCurves');
  }
  const selected = selectedCluster(s)?.index;
  const traces = group.clusters.flatMap((c, i) =>
    clusterTraces(method.times, c, i, {
      skill: data.skill,
      color: seriesColor(theme, i),
      outline: theme.background,
      selected: i === selected,
    }),
  );
  const layout: Partial<Layout> = {
    ...baseLayout(
      s.key,
      theme,
      `clusterCurves-${method.method}-${group.token}`,
      clusterTitle(method, group),
    ),
    xaxis: axis(theme, 'training step', { type: stepAxisType(method.times) }),
    yaxis: axis(theme, trajectoryAxisTitle(method, group)),
    shapes: breakthroughLines(group, theme),
  };
  return { data: traces, layout };
}
