/**
 * State of the completeness view and its pure reducer: the panel's identity and mode, the data
 * once it arrived, the selected run (or all runs pooled), the score units, the dimension plot's
 * x scale and the figure the Export button saves. `SavedCompletenessState` is what survives a
 * reload; data is always asked for again.
 */
import type {
  CompletenessTask,
  InitialCompleteness,
  RunCompleteness,
  SweepCompleteness,
} from '../../src/shared/completenessResults';
import type {
  CompletenessData,
  CompletenessMode,
} from '../../src/shared/protocol/completenessView';
import { type FigureId, figureIds } from './figureIds';

/** The run selector's value for every run's candidates together. */
export const pooled = 'pooled';

/** Units of the candidates' scores: the task's own, or the standardized template score z. */
export type ScoreUnit = 'task' | 'z';

export { figureIds } from './figureIds';
export type { FigureId } from './figureIds';

/** What the webview saves with `setState` (the panel key restores the panel itself). */
export interface SavedCompletenessState {
  key: string;
  run: string;
  unit: ScoreUnit;
  logX: boolean;
  exportFigure: FigureId;
}

export interface CompletenessState {
  key: string;
  title: string;
  mode?: CompletenessMode;
  /** The folder or config file the data comes from. */
  source: string;
  status: 'loading' | 'ready' | 'error';
  /** The error text, verbatim (from the worker or the host). */
  error?: string;
  data?: CompletenessData;
  /** `runDir` of the selected run, or `pooled`. */
  run: string;
  unit: ScoreUnit;
  /** Log-scaled embedding dimension axis. */
  logX: boolean;
  exportFigure: FigureId;
  /** What changed since the data was computed (undefined while up to date). */
  stale?: string;
}

export type CompletenessAction =
  | { type: 'snapshot'; key: string; title: string; mode: CompletenessMode; source: string }
  | { type: 'loading' }
  | { type: 'loaded'; data: CompletenessData }
  | { type: 'failed'; message: string }
  | { type: 'selectRun'; run: string }
  | { type: 'unit'; unit: ScoreUnit }
  | { type: 'logX'; on: boolean }
  | { type: 'exportFigure'; figure: FigureId }
  | { type: 'changed'; detail: string };

/** The state before anything arrived, optionally from a saved state. */
export function initialState(saved?: Partial<SavedCompletenessState>): CompletenessState {
  return {
    key: saved?.key ?? '',
    title: '',
    source: '',
    status: 'loading',
    run: saved?.run ?? pooled,
    unit: saved?.unit === 'z' ? 'z' : 'task',
    logX: saved?.logX === true,
    exportFigure: figureIds.find((f) => f === saved?.exportFigure) ?? 'histogram',
  };
}

/** Applies one action; never mutates `s`. */
export function reduce(s: CompletenessState, a: CompletenessAction): CompletenessState {
  switch (a.type) {
    case 'snapshot':
      return { ...s, key: a.key, title: a.title, mode: a.mode, source: a.source };
    case 'loading':
      return { ...s, status: 'loading', error: undefined };
    case 'loaded':
      return loaded(s, a.data);
    case 'failed':
      return { ...s, status: 'error', error: a.message };
    case 'selectRun':
      return runOptions(s).some((o) => o.value === a.run) ? fitExport({ ...s, run: a.run }) : s;
    case 'unit':
      return { ...s, unit: a.unit };
    case 'logX':
      return { ...s, logX: a.on };
    case 'exportFigure':
      return visibleFigures(s).includes(a.figure) ? { ...s, exportFigure: a.figure } : s;
    case 'changed':
      return { ...s, stale: a.detail };
  }
}

/** What to save with `setState`. */
export function savedState(s: CompletenessState): SavedCompletenessState {
  return { key: s.key, run: s.run, unit: s.unit, logX: s.logX, exportFigure: s.exportFigure };
}

function loaded(s: CompletenessState, data: CompletenessData): CompletenessState {
  const next: CompletenessState = {
    ...s,
    data,
    mode: data.mode,
    status: 'ready',
    error: undefined,
    stale: undefined,
  };
  const runs = next.data?.mode === 'results' ? next.data.results.runs : [];
  const keep = runOptions(next).some((o) => o.value === s.run);
  const run = keep ? s.run : runs.length === 1 ? runs[0].runDir : pooled;
  return fitExport({ ...next, run });
}

/** Falls back to the histogram when the figure to export is not shown. */
function fitExport(s: CompletenessState): CompletenessState {
  return visibleFigures(s).includes(s.exportFigure) ? s : { ...s, exportFigure: 'histogram' };
}

/** The sweep's results (results mode, once loaded). */
export function resultsOf(s: CompletenessState): SweepCompleteness | undefined {
  return s.data?.mode === 'results' ? s.data.results : undefined;
}

/** The step-0 preview (initial mode, once loaded). */
export function initialOf(s: CompletenessState): InitialCompleteness | undefined {
  return s.data?.mode === 'initial' ? s.data.initial : undefined;
}

/** The task of the loaded data. */
export function taskOf(s: CompletenessState): CompletenessTask | undefined {
  return resultsOf(s)?.task ?? initialOf(s)?.task;
}

/** The selected run; undefined when all runs are pooled. */
export function selectedRun(s: CompletenessState): RunCompleteness | undefined {
  return resultsOf(s)?.runs.find((r) => r.runDir === s.run);
}

/** Choices of the run selector: "all runs (pooled)" when there are several, then each run. */
export function runOptions(s: CompletenessState): { value: string; label: string }[] {
  const runs = resultsOf(s)?.runs ?? [];
  const each = runs.map((r) => ({ value: r.runDir, label: runOptionLabel(r) }));
  return runs.length === 1 ? each : [{ value: pooled, label: 'All runs (pooled)' }, ...each];
}

function runOptionLabel(r: RunCompleteness): string {
  const seeds = `embedding seed ${r.seeds.embedding}, mlp seed ${r.seeds.mlp}`;
  return `${r.runId} (d = ${r.embedDim}${r.frozenEmbedding ? ', frozen' : ''}; ${seeds})`;
}

/** The units offered: z only for modular addition (its template score is comparable). */
export function unitOptions(s: CompletenessState): ScoreUnit[] {
  return taskOf(s) === 'modular-addition' ? ['task', 'z'] : ['task'];
}

/** The units actually used (task units where z is not offered). */
export function effectiveUnit(s: CompletenessState): ScoreUnit {
  return unitOptions(s).includes(s.unit) ? s.unit : 'task';
}

/** The figures that apply to the data shown (the others' sections are hidden). */
export function visibleFigures(s: CompletenessState): FigureId[] {
  if (s.status === 'error' || s.data === undefined) {
    return [];
  }
  const res = resultsOf(s);
  if (res === undefined) {
    return ['histogram'];
  }
  const shown: FigureId[] = res.runs.length > 0 ? ['histogram'] : [];
  if (res.survival !== undefined && res.survival.groups.length > 0) {
    shown.push('survival');
  }
  if (res.dimension !== undefined && res.dimension.length > 0) {
    shown.push('dimension');
  }
  if (res.perturbation !== undefined && res.perturbation.length > 0) {
    shown.push('perturbation');
  }
  if (selectedRun(s)?.modularAddition !== undefined) {
    shown.push('details');
  }
  return shown;
}
