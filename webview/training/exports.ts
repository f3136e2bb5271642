/** What the training view's Export saves: the plotted data as a table and JSON, and the file name. Pure. */
import type { Cell } from '../common/csv';
import type { TrainingState } from './state';

/** The plotted data as a table: one row per run and logged step. */
export function exportTable(state: TrainingState): { columns: string[]; rows: Cell[][] } {
  const columns = ['run', 'step', 'lr', 'trainLoss', 'trainAcc', 'testLoss', 'testAcc'];
  const rows = state.runs.flatMap((run) =>
    run.metrics.map((r): Cell[] => [
      run.label,
      r.step,
      r.lr,
      r.trainLoss,
      r.trainAcc,
      r.testLoss,
      r.testAcc,
    ]),
  );
  return { columns, rows };
}

/** The plotted data as JSON: every run with its metrics. */
export function exportJson(state: TrainingState): unknown {
  return {
    title: state.title,
    runs: state.runs.map(({ runDir, label, status, step, total, metrics, stepOffset }) => ({
      runDir,
      label,
      status,
      step,
      total,
      stepOffset,
      metrics,
    })),
  };
}

/** File name (without extension) of exports. */
export function exportBaseName(state: TrainingState): string {
  const only = state.runs.length === 1 ? state.runs[0] : undefined;
  return only === undefined ? 'training-compare' : `training-${only.label.replace(/ · /g, '-')}`;
}
