/**
 * What one array task of a Slurm sweep does (`replens sweep task <sweepDir> <index>`): the run of
 * job `index` — started when the job has no run folder yet, resumed from its last checkpoint when
 * it has one that did not finish (the task was preempted, requeued, timed out or resubmitted), and
 * left alone when it is done. Reads the sweep folder; writes only the job's own run folder.
 */
import { jobConfigFile } from '../../shared/sweepPlan';
import { readSweepState } from '../../storage/sweepStore';
import { listCheckpoints } from '../../storage/runStore';

/** What the task should do for its job. */
export type TaskPlan =
  | { kind: 'start'; configFile: string }
  | { kind: 'resume'; runDir: string }
  | { kind: 'done'; runDir: string };

/**
 * The plan for job `index` of a sweep folder.
 * @throws Error when the folder is not a sweep or has no such job.
 */
export function planSweepTask(sweepDir: string, index: number): TaskPlan {
  const state = readSweepState(sweepDir);
  const job = state.runs.find((r) => r.index === index);
  if (job === undefined) {
    throw new Error(`${sweepDir}: the sweep has no job ${index} (jobs 0–${state.runs.length - 1})`);
  }
  const configFile = jobConfigFile(sweepDir, index);
  if (job.runDir === undefined) {
    return { kind: 'start', configFile };
  }
  if (job.status === 'done') {
    return { kind: 'done', runDir: job.runDir };
  }
  // Killed before its first checkpoint: nothing to resume, so the job starts over in a new folder
  // (readers take a job's newest run).
  return listCheckpoints(job.runDir).length === 0
    ? { kind: 'start', configFile }
    : { kind: 'resume', runDir: job.runDir };
}
