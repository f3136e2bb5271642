/**
 * The state of a sweep's jobs derived from its run folders: a job whose run folder exists takes
 * its status, folder and final metrics from that run's manifest; the others keep what the index
 * says (pending, or why they never started). Pure: readers pass in the manifests they read, so the
 * runs tree, the analyses and the executors agree, whoever last wrote `sweep.json`.
 */
import type { RunManifest, SweepIndex } from './runManifest';
import type { SweepJobState } from './sweepExecutor';
import { jobIndexOfConfig } from './sweepPlan';

/** A run folder of the sweep with its manifest. */
export interface SweepRunFolder {
  runDir: string;
  manifest: Pick<RunManifest, 'configPath' | 'status' | 'final' | 'error' | 'startedAt'>;
}

/** The index with every job that has a run folder brought up to date from its manifest. */
export function deriveSweepIndex(index: SweepIndex, runs: readonly SweepRunFolder[]): SweepIndex {
  const byJob = new Map<number, SweepRunFolder>();
  for (const run of runs) {
    const job = jobIndexOfConfig(run.manifest.configPath);
    const known = job === undefined ? undefined : byJob.get(job);
    // A job run twice (resumed elsewhere, retried) counts its newest run.
    if (job !== undefined && (known === undefined || newer(run, known))) {
      byJob.set(job, run);
    }
  }
  return { ...index, runs: index.runs.map((j) => fromRun(j, byJob.get(j.index))) };
}

function newer(a: SweepRunFolder, b: SweepRunFolder): boolean {
  return a.manifest.startedAt > b.manifest.startedAt;
}

function fromRun(job: SweepJobState, run: SweepRunFolder | undefined): SweepJobState {
  if (run === undefined) {
    return job;
  }
  const { status, final, error } = run.manifest;
  const out: SweepJobState = { ...job, status, runDir: run.runDir };
  if (final !== undefined) {
    out.final = final;
  }
  if (error !== undefined) {
    out.error = error;
  } else {
    delete out.error;
  }
  return out;
}
