/**
 * State of the training view and its reducer. Pure: no DOM, no Plotly, unit-tested in Node.
 * Besides the new state, each transition says what the figure needs: a full redraw, or only the
 * records appended per run (streamed with `extendTraces`).
 */
import type {
  RunProgressDelta,
  RunStatusEvent,
  TrainingRunSnapshot,
  TrainingRunStatus,
  TrainingSnapshot,
} from '../../src/shared/protocol/trainingView';
import type { ExportFormat } from '../../src/shared/protocol/panelProtocol';
import type { StepMetricsRecord } from '../../src/shared/runResult';
import type { FigureId } from './figureIds';

/** One run as the view holds it. */
export type RunView = TrainingRunSnapshot;

/** Everything the view shows. */
export interface TrainingState {
  phase: 'loading' | 'ready' | 'failed';
  /** Panel key (from the snapshot); saved for the serializer. */
  key?: string;
  title: string;
  runs: RunView[];
  /** Why the snapshot could not be loaded. */
  error?: string;
  /** Loss on a logarithmic axis (a user choice, saved across reloads). */
  logLoss: boolean;
}

export type TrainingAction =
  | { type: 'snapshot'; snapshot: TrainingSnapshot }
  | { type: 'progress'; updates: RunProgressDelta[] }
  | { type: 'status'; event: RunStatusEvent }
  | { type: 'loadFailed'; message: string }
  | { type: 'setLogLoss'; value: boolean };

/** Records a transition appended to one run (in order, all newer than what it had). */
export interface Appended {
  runIndex: number;
  records: StepMetricsRecord[];
}

/** A new state and what the figure must do about it. */
export interface Transition {
  state: TrainingState;
  /** The figure must be drawn anew (new runs, new layout). */
  redraw: boolean;
  /** Points to stream into the existing traces (empty when nothing was added). */
  appended: Appended[];
}

const liveStatuses: readonly TrainingRunStatus[] = ['queued', 'starting', 'running'];

/** Whether a run may still change. */
export function isLive(status: TrainingRunStatus): boolean {
  return liveStatuses.includes(status);
}

/** The state before the snapshot arrived (with the saved choices of the last page). */
export function initialState(saved: { logLoss?: unknown } = {}): TrainingState {
  return {
    phase: 'loading',
    title: '',
    runs: [],
    logLoss: typeof saved.logLoss === 'boolean' ? saved.logLoss : true,
  };
}

/** Whether the view shows a single run that can be stopped now. */
export function stoppableRun(state: TrainingState): RunView | undefined {
  const only = state.runs.length === 1 ? state.runs[0] : undefined;
  return only !== undefined && isLive(only.status) ? only : undefined;
}

function lastStep(run: RunView): number {
  return run.metrics.length > 0 ? run.metrics[run.metrics.length - 1].step : -Infinity;
}

/** Applies one run's delta: keeps only records newer than the run's last one. */
function applyDelta(
  run: RunView,
  delta: RunProgressDelta,
): { run: RunView; added: StepMetricsRecord[] } {
  let last = lastStep(run);
  const added: StepMetricsRecord[] = [];
  for (const r of delta.records) {
    if (r.step > last) {
      added.push(r);
      last = r.step;
    }
  }
  const next: RunView = {
    ...run,
    step: Math.max(run.step, delta.step, last === -Infinity ? 0 : last),
    total: delta.total > 0 ? delta.total : run.total,
    metrics: added.length > 0 ? [...run.metrics, ...added] : run.metrics,
  };
  return { run: next, added };
}

function progress(state: TrainingState, updates: RunProgressDelta[]): Transition {
  if (state.phase !== 'ready') {
    return { state, redraw: false, appended: [] }; // the snapshot will contain these
  }
  const runs = [...state.runs];
  const appended: Appended[] = [];
  for (const delta of updates) {
    const i = runs.findIndex((r) => r.runDir === delta.runDir);
    if (i < 0) {
      continue;
    }
    const { run, added } = applyDelta(runs[i], delta);
    runs[i] = run;
    if (added.length > 0) {
      appended.push({ runIndex: i, records: added });
    }
  }
  return { state: { ...state, runs }, redraw: false, appended };
}

function status(state: TrainingState, e: RunStatusEvent): Transition {
  const runs = state.runs.map((r) =>
    r.runDir === e.runDir
      ? {
          ...r,
          status: e.status,
          step: Math.max(r.step, e.step),
          total: e.total || r.total,
          error: e.error,
        }
      : r,
  );
  return { state: { ...state, runs }, redraw: false, appended: [] };
}

/** The state after an action, and what the figure must do. */
export function reduce(state: TrainingState, action: TrainingAction): Transition {
  switch (action.type) {
    case 'snapshot': {
      const { key, title, runs } = action.snapshot;
      const next = { ...state, phase: 'ready' as const, key, title, runs, error: undefined };
      return { state: next, redraw: true, appended: [] };
    }
    case 'progress':
      return progress(state, action.updates);
    case 'status':
      return status(state, action.event);
    case 'loadFailed':
      return {
        state: { ...state, phase: 'failed', error: action.message },
        redraw: false,
        appended: [],
      };
    case 'setLogLoss':
      return { state: { ...state, logLoss: action.value }, redraw: true, appended: [] };
  }
}

/**
 * The state as the page holds it: the training state, how many full draws of the figure were
 * asked for, and the records the last action appended (streamed into the drawn figure).
 */
export interface TrainingPage {
  state: TrainingState;
  draws: number;
  appended: Appended[];
}

/** What the view saves with `setState` (the key is what the serializer restores from). */
export interface SavedTrainingState {
  key: string;
  logLoss: boolean;
  exportFormat: ExportFormat;
}

/** The page's state before the snapshot arrived. */
export function initialPage(saved: { logLoss?: unknown } = {}): TrainingPage {
  return { state: initialState(saved), draws: 0, appended: [] };
}

/** Applies an action to the page's state (see `reduce`); never mutates `p`. */
export function reducePage(p: TrainingPage, a: TrainingAction): TrainingPage {
  const t = reduce(p.state, a);
  return { state: t.state, draws: p.draws + (t.redraw ? 1 : 0), appended: t.appended };
}

/** The figures shown: the one figure once the snapshot arrived. */
export function visibleFigures(p: TrainingPage): FigureId[] {
  return p.state.phase === 'ready' ? ['plot'] : [];
}

/** What to save with `setState`: the loss scale, and the key once known. */
export function savedState(p: TrainingPage): Partial<SavedTrainingState> {
  const { key, logLoss } = p.state;
  return key === undefined ? { logLoss } : { key, logLoss };
}
