/**
 * The main figure of the rule-extrapolation view, pure: per run (one colour each) over the
 * checkpoints, the validation loss (log scale) on top and, below on a shared step axis, the OOD
 * rule-1 accuracy and the ID grammatical accuracy (one line style per metric); a star at each
 * run's best-validation checkpoint and the chance baseline of OOD rule 1 as a dashed line.
 */
import type { Layout, PlotData } from 'plotly.js';
import type { RunExtrapolation } from '../../src/shared/extrapolationResults';
import type { Figure } from '../common/figure';
import { type PlotTheme, seriesColor } from '../common/plotTheme';
import { type LossKind, lossName, lossOf, pct, runLabels } from './format';
import { axis, baseLayout, emptyFigure } from './layout';
import { type ExtrapolationState, runsOf } from './state';

type Trace = Partial<PlotData>;

/** Line style of each metric (colour is the run's). */
export const metricDash = {
  loss: 'solid',
  oodR1: 'dashdot',
  idGrammatical: 'dot',
  valAcc: 'longdash',
  chance: 'dash',
} as const;

/** One metric of one run as a line over the checkpoints. */
function metricTrace(
  r: RunExtrapolation,
  label: string,
  color: string,
  metric: {
    key: 'loss' | 'oodR1' | 'idGrammatical' | 'valAcc';
    name: string;
    yaxis: string;
    y: number[];
  },
): Trace {
  const name = `${label}: ${metric.name}`;
  const format = metric.key === 'loss' ? '%{y:.4g}' : '%{y:.1%}';
  return {
    type: 'scatter',
    mode: 'lines+markers',
    name,
    legendgroup: r.runDir,
    x: r.checkpoints.map((c) => c.step),
    y: metric.y,
    yaxis: metric.yaxis,
    line: { color, dash: metricDash[metric.key], width: 2 },
    marker: { color, size: 4 },
    hovertemplate: `${name} at step %{x}: ${format}<extra></extra>`,
  };
}

/** The star at the best-validation checkpoint on one of the two panels. */
function bestMarker(r: RunExtrapolation, label: string, color: string, yaxis: string, y: number) {
  const trace: Trace = {
    type: 'scatter',
    mode: 'markers',
    name: `${label}: best validation checkpoint (step ${r.best.step})`,
    legendgroup: r.runDir,
    showlegend: false,
    x: [r.best.step],
    y: [y],
    yaxis,
    marker: { color, size: 14, symbol: 'star', line: { color: 'rgba(0,0,0,0.6)', width: 1 } },
    hovertemplate: `${label}: best validation checkpoint, step %{x}<extra></extra>`,
  };
  return trace;
}

/**
 * The six traces of one run: loss, OOD R1 and ID grammatical (generated), the teacher-forced
 * next-token accuracy, and the two best markers.
 */
export function runTraces(r: RunExtrapolation, label: string, color: string, kind: LossKind) {
  const cps = r.checkpoints;
  return [
    metricTrace(r, label, color, {
      key: 'loss',
      name: 'validation loss',
      yaxis: 'y',
      y: cps.map((c) => lossOf(c, kind)),
    }),
    metricTrace(r, label, color, {
      key: 'oodR1',
      name: 'OOD rule-1 accuracy',
      yaxis: 'y2',
      y: cps.map((c) => c.oodR1Accuracy),
    }),
    metricTrace(r, label, color, {
      key: 'idGrammatical',
      name: 'ID grammatical accuracy',
      yaxis: 'y2',
      y: cps.map((c) => c.idGrammaticalAccuracy),
    }),
    metricTrace(r, label, color, {
      key: 'valAcc',
      name: 'teacher-forced accuracy',
      yaxis: 'y2',
      y: cps.map((c) => c.valAcc),
    }),
    bestMarker(r, label, color, 'y', lossOf(r.best, kind)),
    bestMarker(r, label, color, 'y2', r.best.oodR1Accuracy),
  ];
}

/** The distinct chance levels of OOD rule 1 (runs of one language and prompt length share one). */
export function chanceLevels(runs: readonly RunExtrapolation[]): number[] {
  const levels: number[] = [];
  for (const r of runs) {
    if (Number.isFinite(r.chanceOodR1) && !levels.some((c) => Math.abs(c - r.chanceOodR1) < 1e-9)) {
      levels.push(r.chanceOodR1);
    }
  }
  return levels.sort((a, b) => a - b);
}

/** A dashed horizontal line per chance level across all checkpoints, in the accuracy panel. */
function chanceTraces(runs: readonly RunExtrapolation[], theme: PlotTheme): Trace[] {
  const steps = runs.flatMap((r) => r.checkpoints.map((c) => c.step));
  const x = steps.length > 0 ? [Math.min(...steps), Math.max(...steps)] : [0, 1];
  return chanceLevels(runs).map((c) => ({
    type: 'scatter',
    mode: 'lines',
    name: `chance OOD rule-1 accuracy (${pct(c)})`,
    x,
    y: [c, c],
    yaxis: 'y2',
    line: { color: theme.foreground, dash: metricDash.chance, width: 1.5 },
    hovertemplate: `chance: ${pct(c)}<extra></extra>`,
  }));
}

/** Validation loss on top, accuracies below, over the checkpoints of every run. */
export function curvesFigure(s: ExtrapolationState, theme: PlotTheme): Figure {
  const runs = runsOf(s);
  if (runs.length === 0) {
    return emptyFigure(s, theme, 'curves');
  }
  const labels = runLabels(runs);
  const data = runs.flatMap((r, i) => runTraces(r, labels[i], seriesColor(theme, i), s.loss));
  data.push(...chanceTraces(runs, theme));
  const title = 'Validation loss and rule extrapolation over training (★ best validation loss)';
  const layout: Partial<Layout> = {
    ...baseLayout(s, theme, `curves#${s.loss}`, title),
    xaxis: axis(theme, 'step', { anchor: 'y2' }),
    yaxis: axis(theme, lossName(s.loss), { type: 'log', domain: [0.56, 1], anchor: 'x' }),
    yaxis2: axis(theme, 'accuracy', {
      domain: [0, 0.44],
      anchor: 'x',
      range: [-0.03, 1.03],
      tickformat: '.0%',
    }),
  };
  return { data, layout };
}
