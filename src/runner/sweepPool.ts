/**
 * Runs a sweep's jobs over a local pool of `replens run` processes (one process per run, so runs
 * are isolated and a crash fails one run only). Keeps `sweep.json` current after every change, so
 * a partial sweep can be inspected while it runs or after it was stopped.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BackendChoice } from '../shared/experimentConfig';
import { type SweepIndex, manifestFormatVersion } from '../shared/runManifest';
import { writeFileAtomic } from '../storage/atomicWrite';
import { runFiles } from '../storage/runLayout';
import type { RunResult } from './runExperiment';
import type { SweepJob } from './sweepPlan';

export interface SweepOptions {
  jobs: SweepJob[];
  sweepDir: string;
  sweepId: string;
  experiment: string;
  configPath?: string;
  /** Script that implements `replens run` (the CLI entry). */
  cliPath: string;
  parallel: number;
  backend?: BackendChoice;
  signal?: AbortSignal;
  onUpdate?: (index: SweepIndex, changed: number) => void;
}

/** Runs every job, at most `parallel` at once; resolves with the final index. */
export async function runSweep(opts: SweepOptions): Promise<SweepIndex> {
  fs.mkdirSync(path.join(opts.sweepDir, 'configs'), { recursive: true });
  const index: SweepIndex = {
    formatVersion: manifestFormatVersion,
    sweepId: opts.sweepId,
    experiment: opts.experiment,
    configPath: opts.configPath,
    createdAt: new Date().toISOString(),
    parallel: opts.parallel,
    runs: opts.jobs.map((j) => ({
      index: j.index,
      seed: j.seed,
      overrides: j.overrides,
      status: 'pending',
    })),
  };
  const save = (changed: number): void => {
    writeFileAtomic(
      path.join(opts.sweepDir, runFiles.sweepIndex),
      JSON.stringify(index, null, 2) + '\n',
    );
    opts.onUpdate?.(index, changed);
  };
  save(-1);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < opts.jobs.length && opts.signal?.aborted !== true) {
      const job = opts.jobs[next++];
      index.runs[job.index].status = 'running';
      save(job.index);
      Object.assign(index.runs[job.index], await runJob(job, opts));
      save(job.index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.parallel, opts.jobs.length) }, worker));
  for (const r of index.runs) {
    if (r.status === 'pending') {
      r.status = 'cancelled';
    }
  }
  save(-1);
  return index;
}

type JobOutcome = Pick<SweepIndex['runs'][number], 'status' | 'runDir' | 'final' | 'error'>;

function runJob(job: SweepJob, opts: SweepOptions): Promise<JobOutcome> {
  const cfgFile = path.join(
    opts.sweepDir,
    'configs',
    `job-${String(job.index).padStart(3, '0')}.replens.json`,
  );
  fs.writeFileSync(cfgFile, JSON.stringify(job.config, null, 2) + '\n');
  const args = [opts.cliPath, 'run', cfgFile, '--into', opts.sweepDir, '--json'];
  if (opts.backend !== undefined) {
    args.push('--backend', opts.backend);
  }
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    const onAbort = (): void => void child.kill('SIGINT');
    opts.signal?.addEventListener('abort', onAbort);
    child.on('close', (code) => {
      opts.signal?.removeEventListener('abort', onAbort);
      resolve(outcome(stdout, stderr, code));
    });
  });
}

function outcome(stdout: string, stderr: string, code: number | null): JobOutcome {
  try {
    const r = JSON.parse(stdout) as RunResult;
    const final = r.final && { step: r.steps, ...r.final };
    return {
      status: r.status === 'running' ? 'failed' : r.status,
      runDir: r.runDir,
      final,
      error: r.error,
    };
  } catch {
    const reason = stderr.trim().split('\n').slice(-3).join(' ') || `exit code ${String(code)}`;
    return { status: code === 130 ? 'cancelled' : 'failed', error: reason };
  }
}
