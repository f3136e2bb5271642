/**
 * The best-checkpoint comparison of the rule-extrapolation view, pure: side by side, the
 * validation loss and the OOD rule-1 accuracy at each run's best-validation checkpoint (or their
 * mean per training variant, ±sd where a variant has several runs), so near-identical losses next
 * to very different rule accuracies stand out at a glance.
 */
import type { Layout, PlotData } from 'plotly.js';
import type { Figure } from '../common/figure';
import { type PlotTheme, seriesColor } from '../common/plotTheme';
import { chanceLevels } from './curves';
import { lossName, lossOf, meanSd, pct, runLabels } from './format';
import { axis, baseLayout, emptyFigure } from './layout';
import { type ExtrapolationState, barGrouping, runsOf } from './state';

type Trace = Partial<PlotData>;

/** One bar pair: a run, or a training variant over its runs. */
export interface BarRow {
  label: string;
  /** Palette index of the bar colour (the run's, or the variant's first run's). */
  colorIndex: number;
  runs: number;
  /** The best checkpoint's step (per run only). */
  step?: number;
  loss: number;
  /** Standard deviation over the variant's runs (only with several runs). */
  lossSd?: number;
  oodR1: number;
  oodR1Sd?: number;
}

function runRows(s: ExtrapolationState): BarRow[] {
  const runs = runsOf(s);
  const labels = runLabels(runs);
  return runs.map((r, i) => ({
    label: labels[i],
    colorIndex: i,
    runs: 1,
    step: r.best.step,
    loss: lossOf(r.best, s.loss),
    oodR1: r.best.oodR1Accuracy,
  }));
}

/**
 * Per training variant from the data's summary. The summary has the masked loss only; the
 * unmasked one is averaged here over the variant's runs.
 */
function trainingRows(s: ExtrapolationState): BarRow[] {
  const runs = runsOf(s);
  return (s.data?.byTraining ?? []).map((t, i) => {
    const own = runs.filter((r) => r.training === t.training);
    const first = runs.findIndex((r) => r.training === t.training);
    const loss = s.loss === 'masked' ? t.valLoss : meanSd(own.map((r) => r.best.valLossUnmasked));
    const several = t.runs > 1;
    return {
      label: `${t.training} (${t.runs} run${several ? 's' : ''})`,
      colorIndex: first >= 0 ? first : i,
      runs: t.runs,
      loss: loss.mean,
      lossSd: several ? loss.sd : undefined,
      oodR1: t.oodR1Accuracy.mean,
      oodR1Sd: several ? t.oodR1Accuracy.sd : undefined,
    };
  });
}

/** The bars shown: per run or per training variant (see `barGrouping`). */
export function barRows(s: ExtrapolationState): BarRow[] {
  return barGrouping(s) === 'training' ? trainingRows(s) : runRows(s);
}

/** ±sd error bars where a row has an sd (none when no row has one). */
function errorBars(sds: (number | undefined)[], theme: PlotTheme): Trace['error_y'] {
  if (sds.every((sd) => sd === undefined)) {
    return undefined;
  }
  const array = sds.map((sd) => sd ?? Number.NaN);
  return { type: 'data', array, visible: true, color: theme.foreground, thickness: 1.5 };
}

function barTrace(rows: BarRow[], theme: PlotTheme, which: 'loss' | 'oodR1'): Trace {
  const loss = which === 'loss';
  const name = loss ? 'validation loss at the best checkpoint' : 'OOD rule-1 accuracy there';
  const trace: Trace = {
    type: 'bar',
    name,
    showlegend: false,
    x: rows.map((r) => r.label),
    y: rows.map((r) => (loss ? r.loss : r.oodR1)),
    xaxis: loss ? 'x' : 'x2',
    yaxis: loss ? 'y' : 'y2',
    marker: { color: rows.map((r) => seriesColor(theme, r.colorIndex)) },
    hovertemplate: `%{x}: ${loss ? '%{y:.4g}' : '%{y:.1%}'}<extra>${name}</extra>`,
  };
  const error = errorBars(
    rows.map((r) => (loss ? r.lossSd : r.oodR1Sd)),
    theme,
  );
  return error === undefined ? trace : { ...trace, error_y: error };
}

/** Dashed chance lines across the accuracy panel (one per distinct level), each labelled. */
function chanceMarks(s: ExtrapolationState, theme: PlotTheme): Partial<Layout> {
  const levels = chanceLevels(runsOf(s));
  return {
    shapes: levels.map((c) => ({
      type: 'line',
      xref: 'paper',
      x0: 0.56,
      x1: 1,
      yref: 'y2',
      y0: c,
      y1: c,
      line: { color: theme.foreground, width: 1.5, dash: 'dash' },
    })),
    annotations: levels.map((c) => ({
      xref: 'paper',
      x: 1,
      yref: 'y2',
      y: c,
      xanchor: 'right',
      yanchor: 'bottom',
      text: `chance ${pct(c)}`,
      showarrow: false,
      font: { color: theme.foreground },
    })),
  };
}

/** Validation loss (left) beside OOD rule-1 accuracy (right) at the best checkpoints. */
export function barsFigure(s: ExtrapolationState, theme: PlotTheme): Figure {
  const rows = barRows(s);
  if (rows.length === 0) {
    return emptyFigure(s, theme, 'bars');
  }
  const per = barGrouping(s) === 'training' ? 'per training variant, mean ± sd' : 'per run';
  const layout: Partial<Layout> = {
    ...baseLayout(s, theme, `bars#${barGrouping(s)}`, `At the best validation checkpoint (${per})`),
    xaxis: axis(theme, '', { domain: [0, 0.44], anchor: 'y', type: 'category' }),
    xaxis2: axis(theme, '', { domain: [0.56, 1], anchor: 'y2', type: 'category' }),
    yaxis: axis(theme, lossName(s.loss), { anchor: 'x', rangemode: 'tozero' }),
    yaxis2: axis(theme, 'OOD rule-1 accuracy', {
      anchor: 'x2',
      range: [0, 1.05],
      tickformat: '.0%',
    }),
    ...chanceMarks(s, theme),
    margin: { l: 72, r: 16, t: 56, b: 48 },
    bargap: 0.3,
  };
  return { data: [barTrace(rows, theme, 'loss'), barTrace(rows, theme, 'oodR1')], layout };
}
