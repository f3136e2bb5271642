/**
 * The local `SweepExecutor`: runs a sweep's jobs over a pool of `replens run` processes (one
 * process per run, so runs are isolated and a crash fails one run only). Keeps `sweep.json`
 * current after every change, so a partial sweep can be inspected while it runs or after it was
 * stopped.
 */
import { spawn } from 'node:child_process';
import type { BackendChoice } from '../shared/experimentConfig';
import type { SweepIndex } from '../shared/runManifest';
import type { SweepExecutor, SweepJobOutcome, SweepRunOptions } from '../shared/sweepExecutor';
import type { PlannedJob, PlannedSweep } from '../shared/sweepPlan';
import type { RunResult } from './runExperiment';
import { createSweepFolder, writeSweepIndex } from './sweepFolder';

/** What the local pool needs to start `replens run` processes. */
export interface LocalPoolOptions {
  /** Script that implements `replens run` (the CLI entry). */
  cliPath: string;
  /** Backend for every job (else each job config's own). */
  backend?: BackendChoice;
}

/** The local process pool: at most `sweep.parallel` `replens run` processes at once. */
export function localPoolExecutor(pool: LocalPoolOptions): SweepExecutor {
  return { name: 'local', run: (sweep, opts) => runSweep(sweep, pool, opts ?? {}) };
}

/** Runs every job, at most `parallel` at once; resolves with the final index. */
async function runSweep(
  sweep: PlannedSweep,
  pool: LocalPoolOptions,
  opts: SweepRunOptions,
): Promise<SweepIndex> {
  const index = createSweepFolder(sweep);
  const save = (changed: number): void => {
    writeSweepIndex(sweep.sweepDir, index);
    opts.onUpdate?.(index, changed);
  };
  opts.onUpdate?.(index, -1);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < sweep.jobs.length && opts.signal?.aborted !== true) {
      const job = sweep.jobs[next++];
      index.runs[job.index].status = 'running';
      save(job.index);
      Object.assign(index.runs[job.index], await runJob(job, sweep.sweepDir, pool, opts.signal));
      save(job.index);
    }
  };
  const slots = Math.min(sweep.parallel, sweep.jobs.length);
  await Promise.all(Array.from({ length: slots }, worker));
  for (const r of index.runs) {
    if (r.status === 'pending') {
      r.status = 'cancelled';
    }
  }
  save(-1);
  return index;
}

function runJob(
  job: PlannedJob,
  sweepDir: string,
  pool: LocalPoolOptions,
  signal: AbortSignal | undefined,
): Promise<SweepJobOutcome> {
  const args = [pool.cliPath, 'run', job.configFile, '--into', sweepDir, '--json'];
  if (pool.backend !== undefined) {
    args.push('--backend', pool.backend);
  }
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    const onAbort = (): void => void child.kill('SIGINT');
    signal?.addEventListener('abort', onAbort);
    child.on('close', (code) => {
      signal?.removeEventListener('abort', onAbort);
      resolve(outcome(stdout, stderr, code));
    });
  });
}

function outcome(stdout: string, stderr: string, code: number | null): SweepJobOutcome {
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
