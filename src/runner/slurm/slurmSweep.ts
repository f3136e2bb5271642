/**
 * Submitting a sweep as a Slurm array job, and cancelling or resubmitting it. Only these
 * commands write `sweep.json` (its `slurm` record); the array tasks write their own run folders
 * and nothing else, so nothing shared is written concurrently on a shared filesystem.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BackendChoice, SlurmOptions } from '../../shared/experimentConfig';
import type { SlurmSubmission, SweepIndex } from '../../shared/runManifest';
import type { SweepExecutor } from '../../shared/sweepExecutor';
import type { PlannedSweep } from '../../shared/sweepPlan';
import { readSweepIndex } from '../../storage/sweepStore';
import { createSweepFolder, writeSweepIndex } from '../sweepFolder';
import { sbatchOptions, sbatchScript, arraySpec } from './sbatchScript';
import { SchedulerError, onPath, sbatch, scancel } from './scheduler';

/** The script's path inside a sweep folder. */
export const slurmScriptFile = path.join('slurm', 'array.sbatch');

/** What the tasks run: this Node and this CLI script. */
export interface SlurmTaskCommand {
  node: string;
  cliPath: string;
  backend?: BackendChoice;
}

/** What a submission printed: the contract of `replens sweep --executor slurm --json`. */
export interface SlurmSubmitted {
  sweepDir: string;
  executor: 'slurm';
  jobId: string;
  tasks: number;
  indices: number[];
}

/**
 * The Slurm `SweepExecutor`: creates the sweep folder and submits its array; resolves with the
 * index once submitted (the jobs then run on the cluster; `sweep status` follows them).
 */
export function slurmExecutor(
  command: SlurmTaskCommand,
  options: SlurmOptions,
  throttle?: number,
  onSubmitted?: (s: SlurmSubmitted) => void,
): SweepExecutor {
  return {
    name: 'slurm',
    run: (sweep) => {
      const s = submitSlurmSweep(sweep, command, options, throttle);
      onSubmitted?.(s);
      return Promise.resolve(readSweepIndex(sweep.sweepDir));
    },
  };
}

/**
 * Creates the sweep folder, writes its sbatch script and submits the whole array, at most
 * `throttle` tasks at once when given (`%K`; else as many as the cluster grants).
 * @throws SchedulerError when sbatch is missing (nothing written) or refuses (the folder records
 *   the refusal and can be submitted again with `resubmit --unfinished`).
 */
export function submitSlurmSweep(
  sweep: PlannedSweep,
  command: SlurmTaskCommand,
  options: SlurmOptions,
  throttle?: number,
): SlurmSubmitted {
  if (onPath('sbatch') === undefined) {
    throw new SchedulerError(
      'sbatch is not on the PATH: submit from a machine with Slurm (a login node), or use --executor local',
      true,
    );
  }
  const index = createSweepFolder(sweep);
  const script = sbatchScript({
    experiment: sweep.experiment,
    sweepId: sweep.sweepId,
    sweepDir: sweep.sweepDir,
    node: command.node,
    cliPath: command.cliPath,
    tasks: sweep.jobs.length,
    throttle,
    options,
    taskArgs: command.backend === undefined ? [] : ['--backend', command.backend],
  });
  fs.mkdirSync(path.join(sweep.sweepDir, 'slurm'), { recursive: true });
  fs.writeFileSync(path.join(sweep.sweepDir, slurmScriptFile), script, { mode: 0o755 });
  const withSlurm: SweepIndex = {
    ...index,
    executor: 'slurm',
    slurm: { script: slurmScriptFile, options: { ...options }, submissions: [] },
  };
  writeSweepIndex(sweep.sweepDir, withSlurm);
  const indices = sweep.jobs.map((j) => j.index);
  return submitIndices(sweep.sweepDir, indices, throttle, []);
}

/**
 * Submits the sweep's script for some job indices (all of them: no `--array` override) and
 * records the submission, or the refusal, in `sweep.json`.
 */
export function submitIndices(
  sweepDir: string,
  indices: readonly number[],
  throttle: number | undefined,
  args: readonly string[],
): SlurmSubmitted {
  const index = readSweepIndex(sweepDir);
  const slurm = index.slurm;
  if (slurm === undefined) {
    throw new SchedulerError(`${sweepDir}: not a Slurm sweep (its sweep.json has no slurm record)`);
  }
  const all = indices.length === index.runs.length;
  const arrayArgs = all ? [] : [`--array=${arraySpec(indices, throttle)}`];
  let jobId: string;
  try {
    jobId = sbatch(path.join(sweepDir, slurm.script), [...arrayArgs, ...args]);
  } catch (e) {
    if (e instanceof SchedulerError && !e.missing) {
      slurm.refused = { message: e.message, at: new Date().toISOString() };
      writeSweepIndex(sweepDir, index);
    }
    throw e;
  }
  const submission: SlurmSubmission = {
    jobId,
    indices: [...indices],
    submittedAt: new Date().toISOString(),
    ...(throttle === undefined ? {} : { throttle }),
  };
  slurm.submissions.push(submission);
  delete slurm.refused;
  delete slurm.cancelledAt;
  writeSweepIndex(sweepDir, index);
  return { sweepDir, executor: 'slurm', jobId, tasks: indices.length, indices: [...indices] };
}

/** Cancels every submission of a Slurm sweep; returns the job ids cancelled. */
export function cancelSlurmSweep(sweepDir: string): string[] {
  const index = readSweepIndex(sweepDir);
  const slurm = index.slurm;
  if (slurm === undefined) {
    throw new SchedulerError(`${sweepDir}: not a Slurm sweep (its sweep.json has no slurm record)`);
  }
  const ids = slurm.submissions.map((s) => s.jobId);
  if (ids.length > 0) {
    scancel(ids);
  }
  slurm.cancelledAt = new Date().toISOString();
  writeSweepIndex(sweepDir, index);
  return ids;
}

/** The sbatch options as flags (for the record and the notes). */
export function describeOptions(options: SlurmOptions): string {
  const flags = sbatchOptions(options);
  return flags.length === 0 ? 'the cluster defaults' : flags.join(' ');
}
