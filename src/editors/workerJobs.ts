/**
 * Analysis requests of one panel, each in a fresh worker process (the extension host computes
 * nothing). A new request supersedes the one in flight (its worker is killed, its promise
 * rejects), and disposing the panel kills whatever still runs. A request may pass `onProgress` to
 * receive the worker's `analysis/progress` events while it runs.
 */
import type { WorkerFactory, WorkerHandle } from '../runs/workerClient';
import type { AnalysisRequests } from '../shared/protocol/analysisProtocol';
import type { AnalysisProgress } from '../shared/protocol/workerProtocol';

type Method = keyof AnalysisRequests;

export class WorkerJobs {
  private current: WorkerHandle | undefined;
  private disposed = false;

  constructor(private readonly workers: WorkerFactory) {}

  /**
   * Forks a worker, sends the request, and kills the worker once it settled; `onProgress` gets
   * the worker's progress events until then.
   */
  async run<K extends Method>(
    method: K,
    params: AnalysisRequests[K]['params'],
    onProgress?: (progress: AnalysisProgress) => void,
  ): Promise<AnalysisRequests[K]['result']> {
    if (this.disposed) {
      throw new Error('the panel was closed');
    }
    this.current?.kill();
    const worker = this.workers();
    this.current = worker;
    const progress =
      onProgress === undefined ? undefined : worker.endpoint.on('analysis/progress', onProgress);
    try {
      await worker.ready;
      return await worker.endpoint.request(method, params);
    } finally {
      progress?.dispose();
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
