/**
 * Figure builders of the training view. Pure (no DOM, no Plotly calls), unit-tested in Node.
 * One figure with two stacked panes sharing the step axis: loss (log scale by default) above,
 * accuracy below. One run: train and test curves; several runs: each run's test curves (a
 * fine-tune shifted to start at its parent's checkpoint step). Then
 * the figure table: its builder, dependencies and the points streamed into it.
 */
import type { Layout, PlotData } from 'plotly.js';
import type { StepMetricsRecord } from '../../src/shared/runResult';
import type { Figure, TraceExtension } from '../common/figure';
import { type PlotTheme, seriesColor, themedAxis, themedLayout } from '../common/plotTheme';
import type { FigureId } from './figureIds';
import type { Appended, TrainingPage, TrainingState } from './state';

type Split = 'train' | 'test';
type Metric = 'loss' | 'acc';

/** What one trace of the figure shows. */
export interface TraceRef {
  runIndex: number;
  split: Split;
  metric: Metric;
}

const field = {
  train: { loss: 'trainLoss', acc: 'trainAcc' },
  test: { loss: 'testLoss', acc: 'testAcc' },
} as const;

/** The traces of the figure, in order: loss traces first, then accuracy traces. */
export function traceRefs(state: TrainingState): TraceRef[] {
  const splits: Split[] = state.runs.length === 1 ? ['train', 'test'] : ['test'];
  const refs: TraceRef[] = [];
  for (const metric of ['loss', 'acc'] as const) {
    state.runs.forEach((_, runIndex) => {
      for (const split of splits) {
        refs.push({ runIndex, split, metric });
      }
    });
  }
  return refs;
}

function values(records: readonly StepMetricsRecord[], ref: TraceRef): number[] {
  const key = field[ref.split][ref.metric];
  return records.map((r) => r[key]);
}

/**
 * The x of each record: its step, shifted by the run's offset (a fine-tune drawn after the
 * parent's checkpoint step it started from, so its curves continue the parent's).
 */
function steps(records: readonly StepMetricsRecord[], offset = 0): number[] {
  return records.map((r) => r.step + offset);
}

/** A run's name in the legend: a fine-tune says where it starts. */
export function runName(run: TrainingState['runs'][number]): string {
  return run.stepOffset === undefined ? run.label : `${run.label} (from step ${run.stepOffset})`;
}

function trace(state: TrainingState, ref: TraceRef, theme: PlotTheme): Partial<PlotData> {
  const run = state.runs[ref.runIndex];
  const single = state.runs.length === 1;
  const name = single ? ref.split : runName(run);
  const color = seriesColor(theme, single ? (ref.split === 'train' ? 0 : 1) : ref.runIndex);
  return {
    type: 'scatter',
    mode: 'lines',
    name,
    legendgroup: name,
    showlegend: ref.metric === 'loss',
    x: steps(run.metrics, run.stepOffset),
    y: values(run.metrics, ref),
    xaxis: ref.metric === 'loss' ? 'x' : 'x2',
    yaxis: ref.metric === 'loss' ? 'y' : 'y2',
    line: { color, width: 2 },
    hovertemplate: `${single ? '' : `${name} `}${ref.split} ${ref.metric === 'loss' ? 'loss' : 'accuracy'}: %{y:${ref.metric === 'loss' ? '.4g' : '.2%'}}<extra></extra>`,
  };
}

function layout(state: TrainingState, theme: PlotTheme): Partial<Layout> {
  const axis = themedAxis(theme);
  return {
    ...themedLayout(theme),
    // Stable while the panel shows the same runs: zoom and hidden traces survive updates.
    uirevision: state.key ?? 'training',
    hovermode: 'x unified',
    legend: { ...themedLayout(theme).legend, orientation: 'h', x: 0, y: 1.12 },
    xaxis: { ...axis, anchor: 'y', showticklabels: false },
    xaxis2: { ...axis, anchor: 'y2', matches: 'x', title: { text: 'step' } },
    yaxis: {
      ...axis,
      domain: [0.54, 1],
      type: state.logLoss ? 'log' : 'linear',
      // Log ticks at 1, 2 and 5 of each decade (Plotly's default labels every digit).
      dtick: state.logLoss ? 'D2' : undefined,
      // Switching the scale must recompute the range, not keep the old one.
      uirevision: state.logLoss ? 'log' : 'linear',
      title: { text: 'loss' },
    },
    yaxis2: {
      ...axis,
      domain: [0, 0.44],
      range: [-0.02, 1.02],
      tickformat: '.0%',
      title: { text: 'accuracy' },
    },
  };
}

/** The whole figure for the current state. */
export function trainingFigure(state: TrainingState, theme: PlotTheme): Figure {
  return {
    data: traceRefs(state).map((ref) => trace(state, ref, theme)),
    layout: layout(state, theme),
  };
}

/** The points to stream into the existing traces after a transition appended records. */
export function traceExtension(
  state: TrainingState,
  appended: readonly Appended[],
): TraceExtension {
  const ext: TraceExtension = { traces: [], x: [], y: [] };
  traceRefs(state).forEach((ref, i) => {
    const added = appended.find((a) => a.runIndex === ref.runIndex);
    if (added !== undefined && added.records.length > 0) {
      ext.traces.push(i);
      ext.x.push(steps(added.records, state.runs[ref.runIndex].stepOffset));
      ext.y.push(values(added.records, ref));
    }
  });
  return ext;
}

/** The builder of each figure. */
export const figureBuilders: Record<FigureId, (p: TrainingPage, theme: PlotTheme) => Figure> = {
  plot: (p, theme) => trainingFigure(p.state, theme),
};

/** What the figure depends on besides the theme: it is drawn anew when a redraw was asked for. */
export function figureDeps(p: TrainingPage): unknown[] {
  return [p.draws];
}

/** The records the last action appended, streamed into the drawn traces. */
export function figureExtension(p: TrainingPage): TraceExtension | undefined {
  return p.appended.length > 0 ? traceExtension(p.state, p.appended) : undefined;
}
