/**
 * State of the rule-extrapolation view and its pure reducer: the panel's identity, the data once
 * it arrived, the run whose sample completions are listed, the validation loss shown (masked or
 * unmasked), how the best-checkpoint bars are grouped, and what the Export button saves.
 * `SavedExtrapolationState` is what survives a reload; data is always asked for again.
 */
import type {
  ExtrapolationComparison,
  RunExtrapolation,
} from '../../src/shared/extrapolationResults';
import { type ExportFormat, exportFormats } from '../../src/shared/protocol/panelProtocol';
import { type FigureId, figureIds } from './figureIds';
import { type LossKind, runLabels, withRunId } from './format';

export { figureIds } from './figureIds';
export type { FigureId } from './figureIds';

/** Bars at the best checkpoint: one per run, or one per training variant (mean ± sd). */
export type BarGrouping = 'run' | 'training';

/** What the webview saves with `setState` (the panel key restores the panel itself). */
export interface SavedExtrapolationState {
  key: string;
  run: string;
  loss: LossKind;
  /** Absent while the grouping is chosen automatically. */
  bars?: BarGrouping;
  exportFigure: FigureId;
  exportFormat: ExportFormat;
}

export interface ExtrapolationState {
  key: string;
  title: string;
  /** The run or sweep folders the runs come from. */
  sources: string[];
  status: 'loading' | 'ready' | 'error';
  /** The error text, verbatim (from the worker or the host). */
  error?: string;
  data?: ExtrapolationComparison;
  /** `runDir` of the run whose samples are listed ('' before data arrived). */
  run: string;
  loss: LossKind;
  /** The user's bar grouping; undefined: per variant when a variant has several runs. */
  bars?: BarGrouping;
  exportFigure: FigureId;
  exportFormat: ExportFormat;
  /** What changed since the data was computed (undefined while up to date). */
  stale?: string;
}

export type ExtrapolationAction =
  | { type: 'snapshot'; key: string; title: string; sources: string[] }
  | { type: 'loading' }
  | { type: 'loaded'; data: ExtrapolationComparison }
  | { type: 'failed'; message: string }
  | { type: 'selectRun'; run: string }
  | { type: 'loss'; loss: LossKind }
  | { type: 'bars'; bars: BarGrouping }
  | { type: 'exportFigure'; figure: FigureId }
  | { type: 'exportFormat'; format: ExportFormat }
  | { type: 'changed'; detail: string };

/** The state before anything arrived, optionally from a saved state. */
export function initialState(saved?: Partial<SavedExtrapolationState>): ExtrapolationState {
  const bars = saved?.bars === 'run' || saved?.bars === 'training' ? saved.bars : undefined;
  return fitFormat({
    key: saved?.key ?? '',
    title: '',
    sources: [],
    status: 'loading',
    run: typeof saved?.run === 'string' ? saved.run : '',
    loss: saved?.loss === 'unmasked' ? 'unmasked' : 'masked',
    bars,
    exportFigure: figureIds.find((f) => f === saved?.exportFigure) ?? 'curves',
    exportFormat: exportFormats.find((f) => f === saved?.exportFormat) ?? 'png',
  });
}

/** Applies one action; never mutates `s`. */
export function reduce(s: ExtrapolationState, a: ExtrapolationAction): ExtrapolationState {
  switch (a.type) {
    case 'snapshot':
      return { ...s, key: a.key, title: a.title, sources: a.sources };
    case 'loading':
      return { ...s, status: 'loading', error: undefined };
    case 'loaded':
      return loaded(s, a.data);
    case 'failed':
      return { ...s, status: 'error', error: a.message };
    case 'selectRun':
      return runOptions(s).some((o) => o.value === a.run) ? fitExport({ ...s, run: a.run }) : s;
    case 'loss':
      return { ...s, loss: a.loss === 'unmasked' ? 'unmasked' : 'masked' };
    case 'bars':
      return barOptions(s).includes(a.bars) ? { ...s, bars: a.bars } : s;
    case 'exportFigure':
      return visibleFigures(s).includes(a.figure) ? fitFormat({ ...s, exportFigure: a.figure }) : s;
    case 'exportFormat':
      return formatsOf(s.exportFigure).includes(a.format) ? { ...s, exportFormat: a.format } : s;
    case 'changed':
      return { ...s, stale: a.detail };
  }
}

/** What to save with `setState`. */
export function savedState(s: ExtrapolationState): SavedExtrapolationState {
  const { key, run, loss, bars, exportFigure, exportFormat } = s;
  return { key, run, loss, bars, exportFigure, exportFormat };
}

function loaded(s: ExtrapolationState, data: ExtrapolationComparison): ExtrapolationState {
  const next: ExtrapolationState = {
    ...s,
    data,
    status: 'ready',
    error: undefined,
    stale: undefined,
  };
  const keep = data.runs.some((r) => r.runDir === s.run);
  return fitExport({ ...next, run: keep ? s.run : (data.runs[0]?.runDir ?? '') });
}

/** Falls back to the curves when the figure to export is not shown. */
function fitExport(s: ExtrapolationState): ExtrapolationState {
  const shown = visibleFigures(s);
  return s.data === undefined || shown.includes(s.exportFigure)
    ? s
    : fitFormat({ ...s, exportFigure: 'curves' });
}

/** Falls back to the figure's first format when the chosen one does not apply. */
function fitFormat(s: ExtrapolationState): ExtrapolationState {
  const formats = formatsOf(s.exportFigure);
  return formats.includes(s.exportFormat) ? s : { ...s, exportFormat: formats[0] };
}

/** The formats a figure exports to: the table has no image. */
export function formatsOf(figure: FigureId): readonly ExportFormat[] {
  return figure === 'samples' ? ['csv', 'json'] : exportFormats;
}

/** The analysed runs (none before data arrived). */
export function runsOf(s: ExtrapolationState): RunExtrapolation[] {
  return s.data?.runs ?? [];
}

/** The run whose sample completions are listed. */
export function selectedRun(s: ExtrapolationState): RunExtrapolation | undefined {
  return runsOf(s).find((r) => r.runDir === s.run);
}

/** Choices of the run selector: every run, labelled as in the figures. */
export function runOptions(s: ExtrapolationState): { value: string; label: string }[] {
  const runs = runsOf(s);
  const labels = runLabels(runs);
  return runs.map((r, i) => ({ value: r.runDir, label: withRunId(labels[i], r.runId) }));
}

/** The bar groupings that apply: per variant only when the data has a per-variant summary. */
export function barOptions(s: ExtrapolationState): BarGrouping[] {
  return (s.data?.byTraining.length ?? 0) > 0 ? ['run', 'training'] : ['run'];
}

/** The grouping used: the user's when it applies, else per variant when one has several runs. */
export function barGrouping(s: ExtrapolationState): BarGrouping {
  const options = barOptions(s);
  if (s.bars !== undefined && options.includes(s.bars)) {
    return s.bars;
  }
  return s.data?.byTraining.some((t) => t.runs > 1) === true ? 'training' : 'run';
}

/** The figures that apply to the data shown (the others' sections are hidden). */
export function visibleFigures(s: ExtrapolationState): FigureId[] {
  if (s.status === 'error' || runsOf(s).length === 0) {
    return [];
  }
  return (selectedRun(s)?.samples.length ?? 0) > 0
    ? ['curves', 'bars', 'samples']
    : ['curves', 'bars'];
}
