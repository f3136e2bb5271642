/**
 * Analysis requests of one owner (a panel, an editor, the lenses), each in a fresh worker process
 * (the extension host computes nothing). Requests run in named slots, by default one per method:
 * a new request supersedes the one in flight in its slot (that worker is killed, its promise
 * rejects), unless it asks to `join` and is equal to it, in which case it gets the same promise
 * and the latest progress again. `cancel` kills a slot's job; `dispose` kills every job, and
 * later requests fail.
 */
import type { AnalysisRequests } from '../shared/protocol/analysisProtocol';
import type { AnalysisProgress } from '../shared/protocol/workerProtocol';
import type { WorkerFactory, WorkerHandle } from './workerClient';

/** A worker request method of the analysis protocol. */
export type AnalysisMethod = keyof AnalysisRequests;
type Params<K extends AnalysisMethod> = AnalysisRequests[K]['params'];
type Result<K extends AnalysisMethod> = AnalysisRequests[K]['result'];

/** Receives a job's progress events while it runs. */
export type ProgressListener = (progress: AnalysisProgress) => void;

/** How a request shares its slot. */
export interface JobOptions {
  /** The slot the request runs in (default: its method). */
  slot?: string;
  /**
   * Join the job in flight in the slot when it is the same request (same method and params),
   * instead of restarting it: for work a reloaded page asks for again and that must not start
   * over. Off by default, since a request sent after a change on disk wants fresh data.
   */
  join?: boolean;
  /** Gets the job's progress (a joining listener first gets the latest event again). */
  onProgress?: ProgressListener;
}

interface Job {
  signature: string;
  worker: WorkerHandle;
  listeners: Set<ProgressListener>;
  last: AnalysisProgress | undefined;
  promise: Promise<unknown>;
}

/** The analysis jobs of one owner; dispose it with the owner. */
export class AnalysisJobs {
  private readonly slots = new Map<string, Job>();
  private disposed = false;

  constructor(private readonly workers: WorkerFactory) {}

  /**
   * Runs `method` in a worker (killed once the request settled) and resolves with its result.
   * Rejects when superseded, cancelled or disposed, or with the worker's error.
   */
  run<K extends AnalysisMethod>(
    method: K,
    params: Params<K>,
    options: JobOptions = {},
  ): Promise<Result<K>> {
    if (this.disposed) {
      return Promise.reject(new Error('the analysis was closed'));
    }
    const slot = options.slot ?? method;
    const signature = JSON.stringify([method, params]);
    const current = this.slots.get(slot);
    if (options.join === true && current?.signature === signature) {
      subscribe(current, options.onProgress);
      return current.promise as Promise<Result<K>>;
    }
    this.cancel(slot);
    try {
      return this.start(slot, signature, method, params, options.onProgress);
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }

  /** Whether a job runs in the slot now. */
  isRunning(slot: string): boolean {
    return this.slots.has(slot);
  }

  /** Kills the slot's job in flight (its promise rejects); whether there was one. */
  cancel(slot: string): boolean {
    const job = this.slots.get(slot);
    if (job === undefined) {
      return false;
    }
    this.slots.delete(slot);
    job.worker.kill();
    return true;
  }

  /** Kills every job in flight; later requests fail. */
  dispose(): void {
    this.disposed = true;
    for (const slot of [...this.slots.keys()]) {
      this.cancel(slot);
    }
  }

  private start<K extends AnalysisMethod>(
    slot: string,
    signature: string,
    method: K,
    params: Params<K>,
    onProgress: ProgressListener | undefined,
  ): Promise<Result<K>> {
    const worker = this.workers();
    const listeners = new Set<ProgressListener>(onProgress === undefined ? [] : [onProgress]);
    const job: Job = { signature, worker, listeners, last: undefined, promise: Promise.resolve() };
    const progress = worker.endpoint.on('analysis/progress', (p) => {
      job.last = p;
      listeners.forEach((listener) => listener(p));
    });
    const request = async (): Promise<Result<K>> => {
      try {
        await worker.ready;
        return await worker.endpoint.request(method, params);
      } finally {
        progress.dispose();
        worker.kill();
        if (this.slots.get(slot) === job) {
          this.slots.delete(slot);
        }
      }
    };
    const promise = request();
    job.promise = promise;
    this.slots.set(slot, job);
    return promise;
  }
}

/** Adds a listener to a job (once) and sends it the latest progress again. */
function subscribe(job: Job, listener: ProgressListener | undefined): void {
  if (listener === undefined) {
    return;
  }
  job.listeners.add(listener);
  if (job.last !== undefined) {
    listener(job.last);
  }
}
