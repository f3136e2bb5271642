/**
 * The editor's `SweepExecutor`: every job of a planned sweep is queued in the RunManager as a
 * normal run (so `replens.concurrency` counts it, lenses, the runs tree and Stop Run see it), and
 * runs in its own worker into the sweep folder. Writing the sweep folder is the worker's job: one
 * short-lived worker creates it (`sweep/create`) and one closes its index (`sweep/finish`).
 */
import type { SweepIndex } from '../shared/runManifest';
import type { SweepExecutor, SweepJobOutcome, SweepRunOptions } from '../shared/sweepExecutor';
import { type PlannedSweep, jobConfigText } from '../shared/sweepPlan';
import type { WorkerServes } from '../shared/protocol/workerProtocol';
import type { RunInfo, RunManager } from './runManager';
import type { WorkerFactory } from './workerClient';

type Requests = WorkerServes['requests'];

/** What the queue executor needs: the RunManager and a way to start a worker. */
export interface SweepQueueOptions {
  runs: RunManager;
  workers: WorkerFactory;
}

/** The RunManager-queue executor. */
export function runManagerExecutor(o: SweepQueueOptions): SweepExecutor {
  return { name: 'editor', run: (sweep, opts) => runInQueue(o, sweep, opts ?? {}) };
}

async function runInQueue(
  o: SweepQueueOptions,
  sweep: PlannedSweep,
  opts: SweepRunOptions,
): Promise<SweepIndex> {
  const index = await oneShot(o.workers, 'sweep/create', { sweep });
  opts.onUpdate?.(index, -1);
  const source = sweep.configPath ?? sweep.jobs[0]?.configFile ?? sweep.sweepDir;
  const keys = sweep.jobs.map(
    (job) =>
      o.runs.start(source, jobConfigText(job), {
        sweepId: sweep.sweepId,
        sweepDir: sweep.sweepDir,
        index: job.index,
        configFile: job.configFile,
      }).key,
  );
  const stop = (): void => void o.runs.stopAll(keys);
  opts.signal?.addEventListener('abort', stop);
  if (opts.signal?.aborted === true) {
    stop();
  }
  const runs = await untilSettled(o.runs, keys, (run) => {
    const job = run.sweep?.index ?? -1;
    if (job >= 0) {
      Object.assign(index.runs[job], jobOutcome(run));
      opts.onUpdate?.(index, job);
    }
  });
  opts.signal?.removeEventListener('abort', stop);
  const outcomes: Record<number, SweepJobOutcome> = {};
  for (const run of runs) {
    if (run.sweep !== undefined && run.runDir === undefined) {
      outcomes[run.sweep.index] = jobOutcome(run);
    }
  }
  const final = await oneShot(o.workers, 'sweep/finish', { sweepDir: sweep.sweepDir, outcomes });
  opts.onUpdate?.(final, -1);
  return final;
}

/** A job's index entry from its run's state in the RunManager. */
export function jobOutcome(run: RunInfo): SweepJobOutcome {
  const status =
    run.state === 'queued' || run.state === 'starting'
      ? 'pending'
      : run.state === 'running'
        ? 'running'
        : run.state;
  const out: SweepJobOutcome = { status };
  if (run.runDir !== undefined) {
    out.runDir = run.runDir;
  }
  const final = run.result?.final;
  if (final !== undefined) {
    out.final = { step: run.result?.steps ?? run.step, ...final };
  }
  if (run.error !== undefined) {
    out.error = run.error;
  }
  return out;
}

/** Resolves once every run of `keys` ended, calling `onChange` on each state change of one. */
function untilSettled(
  runs: RunManager,
  keys: readonly string[],
  onChange: (run: RunInfo) => void,
): Promise<RunInfo[]> {
  const ended = (): boolean =>
    keys.every((k) => ['done', 'failed', 'cancelled'].includes(runs.get(k)?.state ?? 'done'));
  const all = (): RunInfo[] => keys.flatMap((k) => runs.get(k) ?? []);
  return new Promise((resolve) => {
    if (ended()) {
      resolve(all());
      return;
    }
    const sub = runs.onDidChangeRun((e) => {
      if (e.kind !== 'state' || !keys.includes(e.run.key)) {
        return;
      }
      onChange(e.run);
      if (ended()) {
        sub.dispose();
        resolve(all());
      }
    });
  });
}

/** One request in a worker of its own, ended when the request settles. */
async function oneShot<M extends 'sweep/create' | 'sweep/finish'>(
  workers: WorkerFactory,
  method: M,
  params: Requests[M]['params'],
): Promise<Requests[M]['result']> {
  const worker = workers();
  try {
    await worker.ready;
    return await worker.endpoint.request(method, params);
  } finally {
    worker.kill();
  }
}
