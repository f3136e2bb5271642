/**
 * Analysis requests of one panel, each in a fresh worker process (the extension host computes
 * nothing). A new request supersedes the one in flight (its worker is killed, its promise
 * rejects), and disposing the panel kills whatever still runs.
 */
import type { WorkerFactory, WorkerHandle } from '../runs/workerClient';
import type { AnalysisRequests } from '../shared/protocol/analysisProtocol';

type Method = keyof AnalysisRequests;

export class WorkerJobs {
  private current: WorkerHandle | undefined;
  private disposed = false;

  constructor(private readonly workers: WorkerFactory) {}

  /** Forks a worker, sends the request, and kills the worker once it settled. */
  async run<K extends Method>(
    method: K,
    params: AnalysisRequests[K]['params'],
  ): Promise<AnalysisRequests[K]['result']> {
    if (this.disposed) {
      throw new Error('the panel was closed');
    }
    this.current?.kill();
    const worker = this.workers();
    this.current = worker;
    try {
      await worker.ready;
      return await worker.endpoint.request(method, params);
    } finally {
      worker.kill();
      if (this.current === worker) {
        this.current = undefined;
      }
    }
  }

  /** Kills the worker in flight, if any; later requests fail. */
  dispose(): void {
    this.disposed = true;
    this.current?.kill();
    this.current = undefined;
  }
}
