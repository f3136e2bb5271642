/**
 * A Slurm sweep in the runs tree: its tasks' scheduler states joined to the sweep's run folders
 * and pending jobs, and how a scheduler state shows. Pure: no file system, no vscode.
 */
import type { DisplayStatus, PendingNode, RunNode, SweepNode } from './runsTreeNodes';

/** The sweep subfolder holding the sbatch script and the tasks' logs (not a run). */
export const slurmFolder = 'slurm';

/**
 * A sweep's children with their tasks' scheduler states: run folders by their job index,
 * pending jobs (no folder yet) showing the scheduler's state instead of `queued`.
 */
export function taskNodes(
  sweep: SweepNode,
  runs: RunNode[],
  pending: PendingNode[],
): (RunNode | PendingNode)[] {
  const tasks = sweep.slurm === undefined ? undefined : sweep.scheduler?.status?.tasks;
  if (tasks === undefined) {
    return [...runs, ...pending];
  }
  const byIndex = new Map(tasks.map((t) => [t.index, t]));
  for (const run of runs) {
    const task = run.job === undefined ? undefined : byIndex.get(run.job.index);
    if (task !== undefined) {
      run.task = task;
    }
  }
  for (const job of pending) {
    const task = job.jobIndex === undefined ? undefined : byIndex.get(job.jobIndex);
    if (task !== undefined) {
      job.task = task;
      job.status = pendingStatus(task.state);
      job.detail = task.error ?? job.detail;
    }
  }
  return [...runs, ...pending];
}

/** How a task without a run folder shows for its scheduler state. */
function pendingStatus(state: string): PendingNode['status'] {
  const shown = displayOfState(state);
  return shown === 'running' || shown === 'failed' || shown === 'cancelled' ? shown : 'queued';
}

/** The tree's status (icon) for a scheduler state (`squeue`'s words beyond the contract too). */
export function displayOfState(state: string): DisplayStatus {
  switch (state) {
    case 'PENDING':
    case 'REQUEUED':
    case 'REQUEUE_HOLD':
    case 'SUSPENDED':
    case 'CONFIGURING':
    case 'UNSUBMITTED':
      return 'queued';
    case 'RUNNING':
    case 'COMPLETING':
      return 'running';
    case 'COMPLETED':
      return 'done';
    case 'CANCELLED':
      return 'cancelled';
    case 'PREEMPTED':
      return 'interrupted';
    case 'FAILED':
    case 'TIMEOUT':
    case 'NODE_FAIL':
    case 'OUT_OF_MEMORY':
    case 'BOOT_FAIL':
    case 'DEADLINE':
      return 'failed';
    default:
      return 'invalid';
  }
}

/** The `viewItem` of a sweep: `sweep.slurm` for one submitted to Slurm, else `sweep`. */
export function sweepContextValue(sweep: SweepNode): string {
  return sweep.slurm === undefined ? 'sweep' : 'sweep.slurm';
}
