import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WorkerJobs } from '../../../src/editors/workerJobs';
import type { WorkerHandle } from '../../../src/runs/workerClient';
import type { HessianResult } from '../../../src/shared/polcaResults';
import { Endpoint, memoryTransportPair } from '../../../src/shared/protocol/endpoint';
import type {
  AnalysisProgress,
  HostReceives,
  WorkerServes,
} from '../../../src/shared/protocol/workerProtocol';

type WorkerSide = Endpoint<WorkerServes, HostReceives>;

const result: HessianResult = {
  runDir: '/r',
  runId: 'r',
  experiment: 'e',
  settings: { method: 'exact', examples: 8, k: 1, iterations: 4 },
  checkpoints: [],
};

/** A worker in memory whose Hessian request reports two progress steps, then answers. */
function fakeWorker(log: string[]): { handle: WorkerHandle; worker: WorkerSide } {
  const [host, remote] = memoryTransportPair();
  const endpoint = new Endpoint<HostReceives, WorkerServes>(host);
  const worker: WorkerSide = new Endpoint(remote);
  const tick = () => new Promise((resolve) => setTimeout(resolve, 1));
  worker.handle({
    'analysis/hessian': async () => {
      for (const done of [1, 2]) {
        worker.notify('analysis/progress', { done, total: 2, what: 'checkpoints' });
        await tick();
      }
      return result;
    },
  } as unknown as Parameters<WorkerSide['handle']>[0]);
  const kill = (): void => {
    log.push('kill');
    endpoint.dispose();
  };
  const handle: WorkerHandle = {
    endpoint,
    ready: Promise.resolve(),
    exited: Promise.resolve(0),
    kill,
    release: () => undefined,
    pid: 1,
    dispose: kill,
  };
  return { handle, worker };
}

describe('worker jobs with progress (POLCA panel)', () => {
  it("forwards the worker's progress while the request runs, and no longer after", async () => {
    const log: string[] = [];
    const fake = fakeWorker(log);
    const jobs = new WorkerJobs(() => fake.handle);
    const seen: AnalysisProgress[] = [];
    const r = await jobs.run('analysis/hessian', { runDir: '/r' }, (p) => seen.push(p));
    assert.deepEqual(r, result);
    assert.deepEqual(
      seen.map((p) => `${p.done}/${p.total} ${p.what}`),
      ['1/2 checkpoints', '2/2 checkpoints'],
    );
    assert.deepEqual(log, ['kill'], 'the worker is killed once the request settled');
    fake.worker.notify('analysis/progress', { done: 3, total: 2, what: 'late' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(seen.length, 2);
  });

  it('runs without a progress callback, and disposing kills the job in flight', async () => {
    const log: string[] = [];
    const jobs = new WorkerJobs(() => fakeWorker(log).handle);
    assert.deepEqual(await jobs.run('analysis/hessian', { runDir: '/r' }), result);
    const pending = jobs.run('analysis/hessian', { runDir: '/r' }, () => log.push('progress'));
    jobs.dispose();
    await assert.rejects(pending, /disposed/);
    await assert.rejects(jobs.run('analysis/hessian', { runDir: '/r' }), /the panel was closed/);
  });
});
