/** The training view's text: the step line and one summary sentence per run. Pure. */
import type { RunView, TrainingState } from './state';

const loss = (v: number): string =>
  Math.abs(v) < 1e-3 && v !== 0 ? v.toExponential(2) : String(Number(v.toPrecision(4)));
const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;

/** "Step 1200 of 3000" (or just the step while the total is unknown). */
export function stepText(run: Pick<RunView, 'step' | 'total'>): string {
  return run.total > 0 ? `Step ${run.step} of ${run.total}` : `Step ${run.step}`;
}

/** One sentence per run with its status and its final (or latest) losses and accuracies. */
export function summaryLines(state: TrainingState): string[] {
  return state.runs.map((run) => {
    const head = `${run.label}: ${run.status}, ${stepText(run).toLowerCase()}.`;
    const last = run.metrics[run.metrics.length - 1];
    const values =
      last === undefined
        ? ' No metrics logged yet.'
        : ` ${run.status === 'done' ? 'Final' : 'Latest'} (step ${last.step}): train loss ${loss(last.trainLoss)}, test loss ${loss(last.testLoss)}, train accuracy ${pct(last.trainAcc)}, test accuracy ${pct(last.testAcc)}.`;
    return head + values + (run.error ? ` Error: ${run.error}` : '');
  });
}
