/**
 * The single source of truth about runs started from the editor: a queue with a concurrency
 * limit, the state machine queued → starting → running → done | failed | cancelled, live step and
 * metrics, and cancellation (ask the worker, kill it after a grace period). Code lenses, the runs
 * tree, panels and the status bar all subscribe to `onDidChangeRun`. No vscode import: it is
 * tested in plain Node with an in-memory worker.
 */
import type { BackendChoice } from '../shared/experimentConfig';
import { RemoteError } from '../shared/protocol/endpoint';
import type { RunResult, StepMetricsRecord } from '../shared/runResult';
import { type Disposable, Emitter, type Event } from '../util/emitter';
import type { WorkerFactory, WorkerHandle } from './workerClient';

export type RunState = 'queued' | 'starting' | 'running' | 'done' | 'failed' | 'cancelled';

/** A run as the editor sees it. */
export interface RunInfo {
  /** Unique within this window session. */
  key: string;
  kind: 'start' | 'resume';
  /** Absolute path of the config a started run came from. */
  configPath?: string;
  /** Known from `run/started` on (or given, for a resume). */
  runDir?: string;
  runId?: string;
  state: RunState;
  step: number;
  total: number;
  backend?: string;
  /** Every metrics record received so far, in step order. */
  metrics: StepMetricsRecord[];
  result?: RunResult;
  error?: string;
  /** Set for a job of a sweep: the run goes into the sweep folder from its job config. */
  sweep?: SweepMembership;
}

/** Which sweep job a run is (`configPath` stays the config the sweep was planned from). */
export interface SweepMembership {
  sweepId: string;
  sweepDir: string;
  /** The job's index in the sweep. */
  index: number;
  /** The job's config file in the sweep folder (written when the sweep folder was created). */
  configFile: string;
}

export interface RunChange {
  run: RunInfo;
  kind: 'state' | 'progress' | 'metrics';
  /** The new record, for `metrics` changes. */
  metrics?: StepMetricsRecord;
}

export interface RunManagerOptions {
  workers: WorkerFactory;
  /** Maximum runs training at once (read at every scheduling decision). */
  concurrency: () => number;
  /** Runs root for a config (the `replens.runsDirectory` setting resolved for its folder). */
  runsRoot: (configPath: string) => string;
  backend: () => BackendChoice;
  /** How long a stopping run may take before its worker is killed. */
  cancelGraceMs?: number;
  log?: (line: string) => void;
}

interface Job {
  info: RunInfo;
  configText?: string;
  worker?: WorkerHandle;
  stopRequested?: boolean;
}

const terminal: readonly RunState[] = ['done', 'failed', 'cancelled'];

/** Queue, state machine and cancellation of editor-started runs. */
export class RunManager implements Disposable {
  private readonly jobs = new Map<string, Job>();
  private readonly emitter = new Emitter<RunChange>();
  private counter = 0;
  readonly onDidChangeRun: Event<RunChange> = this.emitter.event;

  constructor(private readonly opts: RunManagerOptions) {}

  /** Queues a training run of a config's current text (as one job of a sweep, with `sweep`). */
  start(configPath: string, configText: string, sweep?: SweepMembership): RunInfo {
    return this.enqueue({ kind: 'start', configPath, sweep }, configText);
  }

  /** Queues the continuation of a run folder from its last checkpoint. */
  resume(runDir: string): RunInfo {
    return this.enqueue({ kind: 'resume', runDir }, undefined);
  }

  /** Stops a run: a queued one at once, a live one after its current step (killed after grace). */
  async stop(key: string): Promise<void> {
    const job = this.jobs.get(key);
    if (job === undefined || terminal.includes(job.info.state)) {
      return;
    }
    job.stopRequested = true;
    if (job.worker === undefined) {
      this.setState(job, 'cancelled');
      this.pump();
      return;
    }
    const worker = job.worker;
    const timer = setTimeout(() => worker.kill(), this.opts.cancelGraceMs ?? 10_000);
    try {
      await worker.endpoint.request('run/cancel', {}, this.opts.cancelGraceMs ?? 10_000);
    } catch {
      worker.kill();
    }
    await worker.exited;
    clearTimeout(timer);
  }

  /**
   * Stops several runs (a sweep): the queued ones first, so none of them starts in a slot a
   * stopping run frees, then the live ones.
   */
  async stopAll(keys: readonly string[]): Promise<void> {
    const jobs = keys.flatMap((k) => this.jobs.get(k) ?? []);
    for (const job of jobs) {
      if (job.worker === undefined && !terminal.includes(job.info.state)) {
        job.stopRequested = true;
        this.setState(job, 'cancelled');
      }
    }
    await Promise.all(jobs.map((job) => this.stop(job.info.key)));
    this.pump();
  }

  /** The runs of a sweep in this session, by job index. */
  sweepRuns(sweepId: string): RunInfo[] {
    return this.runs()
      .filter((r) => r.sweep?.sweepId === sweepId)
      .sort((a, b) => (a.sweep?.index ?? 0) - (b.sweep?.index ?? 0));
  }

  /** All runs of this session, oldest first. */
  runs(): RunInfo[] {
    return [...this.jobs.values()].map((j) => j.info);
  }

  get(key: string): RunInfo | undefined {
    return this.jobs.get(key)?.info;
  }

  /**
   * The newest run of a config that is not finished, if any; one that trains wins over queued
   * ones (a sweep's next jobs wait behind it).
   */
  activeFor(configPath: string): RunInfo | undefined {
    const active = this.runs()
      .reverse()
      .filter((r) => r.configPath === configPath && !terminal.includes(r.state));
    return active.find((r) => r.state !== 'queued') ?? active[0];
  }

  /** The newest run (of this session) writing to or started from a run folder. */
  forRunDir(runDir: string): RunInfo | undefined {
    return this.runs()
      .reverse()
      .find((r) => r.runDir === runDir);
  }

  /** Lets running workers stop cleanly on their own (the window is closing); queued runs are dropped. */
  dispose(): void {
    for (const job of this.jobs.values()) {
      job.worker?.release();
    }
    this.emitter.dispose();
  }

  private enqueue(
    init: Pick<RunInfo, 'kind' | 'configPath' | 'runDir' | 'sweep'>,
    configText?: string,
  ): RunInfo {
    const key = `run-${++this.counter}`;
    const info: RunInfo = { key, ...init, state: 'queued', step: 0, total: 0, metrics: [] };
    this.jobs.set(key, { info, configText });
    this.emitter.fire({ run: info, kind: 'state' });
    this.pump();
    return info;
  }

  private pump(): void {
    const active = [...this.jobs.values()].filter(
      (j) => j.info.state === 'starting' || j.info.state === 'running',
    );
    let free = Math.max(1, this.opts.concurrency()) - active.length;
    for (const job of this.jobs.values()) {
      if (free <= 0) {
        return;
      }
      if (job.info.state === 'queued') {
        free -= 1;
        void this.launch(job);
      }
    }
  }

  private async launch(job: Job): Promise<void> {
    this.setState(job, 'starting');
    const worker = this.opts.workers();
    job.worker = worker;
    this.subscribe(job, worker);
    try {
      await worker.ready;
      const result = await this.request(job, worker);
      job.info.result = result;
      job.info.runDir = result.runDir;
      job.info.error = result.error;
      this.setState(job, result.status === 'running' ? 'failed' : result.status);
    } catch (e) {
      job.info.error = job.stopRequested === true ? undefined : await this.failureReason(e, worker);
      this.setState(job, job.stopRequested === true ? 'cancelled' : 'failed');
    } finally {
      worker.kill();
      this.pump();
    }
  }

  /** An engine error is reported as is; a lost worker with its exit code (crash, kill, OOM). */
  private async failureReason(e: unknown, worker: WorkerHandle): Promise<string> {
    const why = e instanceof Error ? e.message : String(e);
    if (e instanceof RemoteError) {
      return why;
    }
    const code = await Promise.race([worker.exited, delay(2000).then(() => undefined)]);
    return code === undefined ? why : `${why} (worker exit ${String(code)})`;
  }

  private request(job: Job, worker: WorkerHandle): Promise<RunResult> {
    const backend = this.opts.backend();
    if (job.info.kind === 'resume' && job.info.runDir !== undefined) {
      return worker.endpoint.request('run/resume', {
        runDir: job.info.runDir,
        backend: backend === 'auto' ? undefined : backend,
      });
    }
    const configPath = job.info.configPath ?? '';
    const sweep = job.info.sweep;
    return worker.endpoint.request('run/start', {
      configText: job.configText ?? '',
      // A sweep job runs its job config straight into the sweep folder, as `replens run --into`.
      configPath: sweep?.configFile ?? configPath,
      outRoot: sweep?.sweepDir ?? this.opts.runsRoot(configPath),
      flat: sweep === undefined ? undefined : true,
      backend: backend === 'auto' ? undefined : backend,
    });
  }

  private subscribe(job: Job, worker: WorkerHandle): void {
    const ep = worker.endpoint;
    ep.on('run/started', (p) => {
      Object.assign(job.info, {
        runDir: p.runDir,
        runId: p.runId,
        backend: p.backend,
        total: p.total,
      });
      this.opts.log?.(`run ${p.runId} started on ${p.backend}: ${p.runDir}`);
      this.setState(job, 'running');
    });
    ep.on('run/progress', (p) => {
      job.info.step = p.step;
      job.info.total = p.total;
      this.emitter.fire({ run: job.info, kind: 'progress' });
    });
    ep.on('run/metrics', (m) => {
      job.info.metrics.push(m);
      job.info.step = Math.max(job.info.step, m.step);
      this.emitter.fire({ run: job.info, kind: 'metrics', metrics: m });
    });
  }

  private setState(job: Job, state: RunState): void {
    job.info.state = state;
    this.opts.log?.(
      `${job.info.key} ${job.info.runId ?? job.info.configPath ?? job.info.runDir ?? ''}: ${state}${job.info.error ? ` (${job.info.error})` : ''}`,
    );
    this.emitter.fire({ run: job.info, kind: 'state' });
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
