/**
 * `replens sweep status`: each job's state from the scheduler where it knows the job's task
 * (`squeue`, `sacct`), else from the job's run folder, with its step and final metrics from the
 * run folder. Works for local sweeps too (state from the folders).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FinalMetrics, SweepIndex } from '../../shared/runManifest';
import type { SweepJobState } from '../../shared/sweepExecutor';
import { readSweepState } from '../../storage/sweepStore';
import { type TaskStates, taskStates } from './scheduler';

/** One task of `sweep status --json`. */
export interface TaskStatus {
  index: number;
  seed: number;
  state: string;
  source: 'scheduler' | 'folders';
  jobId?: string;
  runDir?: string;
  step?: number;
  steps?: number;
  final?: FinalMetrics;
  /** The task's log, relative to the sweep folder (Slurm sweeps). */
  log?: string;
  error?: string;
}

/** The document `sweep status --json` prints. */
export interface SweepStatus {
  sweepDir: string;
  executor: 'slurm' | 'local';
  jobIds: string[];
  tasks: TaskStatus[];
  totals: Record<string, number>;
  /** No task is waiting or running. */
  finished: boolean;
  /** Set when sbatch refused the last submission. */
  refused?: string;
}

/** Scheduler states of a task still in the scheduler's hands. */
const activeStates = new Set([
  'PENDING',
  'RUNNING',
  'SUSPENDED',
  'COMPLETING',
  'CONFIGURING',
  'REQUEUED',
  'REQUEUE_HOLD',
  'REQUEUE_FED',
  'RESIZING',
  'SIGNALING',
  'STAGE_OUT',
  'STOPPED',
]);

/** Whether a task state means the scheduler will still run (or is running) it. */
export function isActiveState(state: string): boolean {
  return activeStates.has(state);
}

/** The status of a sweep folder, asking the scheduler when it is a Slurm sweep. */
export function sweepStatus(sweepDir: string): SweepStatus {
  const index = readSweepState(sweepDir);
  const submissions = index.slurm?.submissions ?? [];
  const jobIds = submissions.map((s) => s.jobId);
  const scheduler = index.executor === 'slurm' ? taskStates(jobIds) : undefined;
  const tasks = index.runs.map((job) => taskStatus(sweepDir, index, job, scheduler));
  const totals: Record<string, number> = {};
  for (const t of tasks) {
    totals[t.state] = (totals[t.state] ?? 0) + 1;
  }
  return {
    sweepDir,
    executor: index.executor ?? 'local',
    jobIds,
    tasks,
    totals,
    finished: !tasks.some((t) => isActiveState(t.state)),
    ...(index.slurm?.refused === undefined ? {} : { refused: index.slurm.refused.message }),
  };
}

function taskStatus(
  sweepDir: string,
  index: SweepIndex,
  job: SweepJobState,
  scheduler: TaskStates | undefined,
): TaskStatus {
  const submission = [...(index.slurm?.submissions ?? [])]
    .reverse()
    .find((s) => s.indices.includes(job.index));
  const jobId = submission === undefined ? undefined : `${submission.jobId}_${job.index}`;
  const known = jobId === undefined ? undefined : scheduler?.get(jobId);
  const progress = runProgress(job.runDir);
  const out: TaskStatus = {
    index: job.index,
    seed: job.seed,
    state: known ?? folderState(index, job, submission !== undefined, scheduler !== undefined),
    source: known === undefined ? 'folders' : 'scheduler',
    ...(jobId === undefined ? {} : { jobId, log: path.join('slurm', `${jobId}.out`) }),
    ...(job.runDir === undefined ? {} : { runDir: job.runDir }),
    ...progress,
    ...(job.final === undefined ? {} : { final: job.final }),
    ...(job.error === undefined ? {} : { error: job.error }),
  };
  if (out.state === 'FAILED' && out.error === undefined && out.log !== undefined) {
    out.error = `see ${path.join(sweepDir, out.log)}`;
  }
  return out;
}

/**
 * A task's state from its run folder, when the scheduler does not (or no longer) know it.
 * `schedulerAnswered`: the scheduler was asked and had no entry for the task, so a run that
 * still says running was killed.
 */
function folderState(
  index: SweepIndex,
  job: SweepJobState,
  submitted: boolean,
  schedulerAnswered: boolean,
): string {
  const slurm = index.executor === 'slurm';
  switch (job.status) {
    case 'done':
      return 'COMPLETED';
    case 'failed':
      return 'FAILED';
    case 'cancelled':
      return 'CANCELLED';
    case 'running':
      return slurm && schedulerAnswered ? 'FAILED' : 'RUNNING';
    case 'pending':
      if (!slurm) {
        return 'PENDING';
      }
      if (!submitted) {
        return 'UNSUBMITTED';
      }
      if (index.slurm?.cancelledAt !== undefined) {
        return 'CANCELLED';
      }
      return schedulerAnswered ? 'FAILED' : 'PENDING';
  }
}

/** The run's last step and planned steps, from its manifest. */
function runProgress(runDir: string | undefined): { step?: number; steps?: number } {
  if (runDir === undefined) {
    return {};
  }
  try {
    const m = JSON.parse(fs.readFileSync(path.join(runDir, 'run.json'), 'utf8')) as {
      lastStep?: number;
      steps?: number;
    };
    return { step: m.lastStep, steps: m.steps };
  } catch {
    return {};
  }
}
