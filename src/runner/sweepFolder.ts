/**
 * Writing a sweep folder, on the runner side only (the CLI, the worker): creating it from a plan
 * (every job's config and a `sweep.json` with all jobs pending) and closing it (the index brought
 * up to date from the run folders, jobs that never ran marked with why).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SweepIndex } from '../shared/runManifest';
import type { SweepJobOutcome } from '../shared/sweepExecutor';
import { type PlannedSweep, initialSweepIndex, jobConfigText } from '../shared/sweepPlan';
import { writeFileAtomic } from '../storage/atomicWrite';
import { runFiles } from '../storage/runLayout';
import { readSweepState } from '../storage/sweepStore';
import { resolveConfigPaths } from '../shared/configPaths';
import { defaultConfigFile } from './modelInit';

/**
 * Creates the sweep folder with its job configs and initial index; returns that index. Relative
 * file paths of the config are written absolute (taken from the sweep config's folder, else the
 * working folder), since the job configs live in the sweep folder.
 */
export function createSweepFolder(sweep: PlannedSweep): SweepIndex {
  fs.mkdirSync(path.join(sweep.sweepDir, 'configs'), { recursive: true });
  const configFile = path.resolve(sweep.configPath ?? defaultConfigFile);
  for (const job of sweep.jobs) {
    fs.writeFileSync(
      job.configFile,
      jobConfigText({ ...job, config: resolveConfigPaths(job.config, configFile) }),
    );
  }
  const index = initialSweepIndex(sweep);
  writeSweepIndex(sweep.sweepDir, index);
  return index;
}

/** Writes `sweep.json` atomically. */
export function writeSweepIndex(sweepDir: string, index: SweepIndex): void {
  writeFileAtomic(path.join(sweepDir, runFiles.sweepIndex), JSON.stringify(index, null, 2) + '\n');
}

/**
 * Rewrites a sweep's index from its run folders once its jobs ended. A job without a run folder
 * takes its outcome from `outcomes` (by job index) if given, else ends `cancelled` when pending.
 */
export function finishSweepFolder(
  sweepDir: string,
  outcomes: Readonly<Record<number, SweepJobOutcome>> = {},
): SweepIndex {
  const state = readSweepState(sweepDir);
  const runs = state.runs.map((job) => {
    if (job.runDir !== undefined) {
      return job;
    }
    const outcome = outcomes[job.index] as SweepJobOutcome | undefined;
    if (outcome !== undefined) {
      return { ...job, ...outcome };
    }
    return job.status === 'pending' || job.status === 'running'
      ? { ...job, status: 'cancelled' as const }
      : job;
  });
  const index = { ...state, runs };
  writeSweepIndex(sweepDir, index);
  return index;
}
