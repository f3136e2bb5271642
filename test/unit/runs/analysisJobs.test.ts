import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AnalysisJobs } from '../../../src/runs/analysisJobs';
import type { WorkerHandle } from '../../../src/runs/workerClient';
import type { HessianResult } from '../../../src/shared/polcaResults';
import { Endpoint, memoryTransportPair } from '../../../src/shared/protocol/endpoint';
import type {
  AnalysisProgress,
  HostReceives,
  WorkerServes,
} from '../../../src/shared/protocol/workerProtocol';

type WorkerSide = Endpoint<WorkerServes, HostReceives>;

function result(runDir: string): HessianResult {
  return {
    runDir,
    runId: 'r',
    experiment: 'e',
    settings: { method: 'exact', examples: 8, k: 1, iterations: 4 },
    checkpoints: [],
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 2));

/** One forked fake worker: its Hessian request waits until `finish()`. */
interface Fork {
  worker: WorkerSide;
  killed: boolean;
  progress(done: number): void;
  finish(): void;
}

/** A worker factory in memory that records every fork. */
function fakeWorkers(): { factory: () => WorkerHandle; forks: Fork[] } {
  const forks: Fork[] = [];
  const factory = (): WorkerHandle => {
    const [host, remote] = memoryTransportPair();
    const endpoint = new Endpoint<HostReceives, WorkerServes>(host);
    const worker: WorkerSide = new Endpoint(remote);
    let finish = (): void => undefined;
    const done = new Promise<void>((resolve) => (finish = resolve));
    worker.handle({
      'analysis/hessian': async ({ runDir }: { runDir: string }) => {
        await done;
        return result(runDir);
      },
    } as unknown as Parameters<WorkerSide['handle']>[0]);
    const fork: Fork = {
      worker,
      killed: false,
      progress: (n) => worker.notify('analysis/progress', { done: n, total: 3, what: 'steps' }),
      finish: () => finish(),
    };
    const kill = (): void => {
      fork.killed = true;
      endpoint.dispose();
    };
    forks.push(fork);
    return {
      endpoint,
      ready: Promise.resolve(),
      exited: Promise.resolve(0),
      kill,
      release: () => undefined,
      pid: forks.length,
      dispose: kill,
    };
  };
  return { factory, forks };
}

const steps = (seen: AnalysisProgress[]) => seen.map((p) => p.done);

describe('analysis jobs', () => {
  it("forwards the worker's progress while the request runs, and kills the worker after", async () => {
    const { factory, forks } = fakeWorkers();
    const jobs = new AnalysisJobs(factory);
    const seen: AnalysisProgress[] = [];
    const pending = jobs.run(
      'analysis/hessian',
      { runDir: '/r' },
      { onProgress: (p) => seen.push(p) },
    );
    await tick();
    forks[0].progress(1);
    forks[0].progress(2);
    forks[0].finish();
    assert.deepEqual(await pending, result('/r'));
    assert.deepEqual(steps(seen), [1, 2]);
    assert.equal(forks[0].killed, true, 'the worker is killed once the request settled');
    assert.equal(jobs.isRunning('analysis/hessian'), false);
    forks[0].progress(3);
    await tick();
    assert.deepEqual(steps(seen), [1, 2], 'no progress after the request settled');
  });

  it('supersedes the older request of the same slot: its worker is killed, it rejects', async () => {
    const { factory, forks } = fakeWorkers();
    const jobs = new AnalysisJobs(factory);
    const first = jobs.run('analysis/hessian', { runDir: '/a' });
    const second = jobs.run('analysis/hessian', { runDir: '/b' });
    await assert.rejects(first, /disposed/);
    assert.equal(forks[0].killed, true);
    forks[1].finish();
    assert.deepEqual(await second, result('/b'));
  });

  it('restarts an equal request unless it asks to join', async () => {
    const { factory, forks } = fakeWorkers();
    const jobs = new AnalysisJobs(factory);
    const first = jobs.run('analysis/hessian', { runDir: '/a' });
    const again = jobs.run('analysis/hessian', { runDir: '/a' });
    await assert.rejects(first, /disposed/);
    assert.equal(forks.length, 2, 'a fresh worker for the repeated request');
    forks[1].finish();
    assert.deepEqual(await again, result('/a'));
  });

  it('runs different slots side by side', async () => {
    const { factory, forks } = fakeWorkers();
    const jobs = new AnalysisJobs(factory);
    const a = jobs.run('analysis/hessian', { runDir: '/a' }, { slot: 'x' });
    const b = jobs.run('analysis/hessian', { runDir: '/b' }, { slot: 'y' });
    await tick();
    assert.deepEqual(
      forks.map((f) => f.killed),
      [false, false],
    );
    forks.forEach((f) => f.finish());
    assert.deepEqual(await Promise.all([a, b]), [result('/a'), result('/b')]);
  });

  it('joins an equal request in flight and replays its latest progress to the late listener', async () => {
    const { factory, forks } = fakeWorkers();
    const jobs = new AnalysisJobs(factory);
    const early: AnalysisProgress[] = [];
    const late: AnalysisProgress[] = [];
    const params = { runDir: '/r' };
    const first = jobs.run('analysis/hessian', params, {
      join: true,
      onProgress: (p) => early.push(p),
    });
    await tick();
    forks[0].progress(1);
    await tick();
    const joined = jobs.run(
      'analysis/hessian',
      { runDir: '/r' },
      {
        join: true,
        onProgress: (p) => late.push(p),
      },
    );
    assert.equal(joined, first, 'the same promise');
    assert.equal(forks.length, 1, 'no second worker');
    assert.deepEqual(steps(late), [1], 'the latest progress, sent again');
    forks[0].progress(2);
    forks[0].finish();
    assert.deepEqual(await joined, result('/r'));
    assert.deepEqual(steps(early), [1, 2]);
    assert.deepEqual(steps(late), [1, 2]);
  });

  it('sends a listener that joins again the replay, but each event only once', async () => {
    const { factory, forks } = fakeWorkers();
    const jobs = new AnalysisJobs(factory);
    const seen: AnalysisProgress[] = [];
    const options = { join: true, onProgress: (p: AnalysisProgress) => seen.push(p) };
    const first = jobs.run('analysis/hessian', { runDir: '/r' }, options);
    await tick();
    forks[0].progress(1);
    await tick();
    void jobs.run('analysis/hessian', { runDir: '/r' }, options);
    forks[0].progress(2);
    forks[0].finish();
    await first;
    assert.deepEqual(steps(seen), [1, 1, 2]);
  });

  it('supersedes a joining request that differs from the one in flight', async () => {
    const { factory, forks } = fakeWorkers();
    const jobs = new AnalysisJobs(factory);
    const first = jobs.run('analysis/hessian', { runDir: '/a' }, { join: true });
    const other = jobs.run('analysis/hessian', { runDir: '/b' }, { join: true });
    await assert.rejects(first, /disposed/);
    forks[1].finish();
    assert.deepEqual(await other, result('/b'));
  });

  it('cancels the job of a slot, and later requests still run', async () => {
    const { factory, forks } = fakeWorkers();
    const jobs = new AnalysisJobs(factory);
    assert.equal(jobs.cancel('analysis/hessian'), false, 'nothing to cancel');
    const pending = jobs.run('analysis/hessian', { runDir: '/r' }, { join: true });
    assert.equal(jobs.isRunning('analysis/hessian'), true);
    assert.equal(jobs.cancel('analysis/hessian'), true);
    await assert.rejects(pending, /disposed/);
    assert.equal(forks[0].killed, true);
    const next = jobs.run('analysis/hessian', { runDir: '/r' }, { join: true });
    assert.equal(forks.length, 2, 'a cancelled job is not joined');
    forks[1].finish();
    assert.deepEqual(await next, result('/r'));
  });

  it('disposing kills every job in flight, and later requests fail', async () => {
    const { factory, forks } = fakeWorkers();
    const jobs = new AnalysisJobs(factory);
    const a = jobs.run('analysis/hessian', { runDir: '/a' }, { slot: 'x' });
    const b = jobs.run('analysis/hessian', { runDir: '/b' }, { slot: 'y' });
    jobs.dispose();
    await assert.rejects(a, /disposed/);
    await assert.rejects(b, /disposed/);
    assert.deepEqual(
      forks.map((f) => f.killed),
      [true, true],
    );
    await assert.rejects(jobs.run('analysis/hessian', { runDir: '/r' }), /closed/);
    assert.equal(forks.length, 2);
  });

  it('rejects when no worker can be started', async () => {
    const jobs = new AnalysisJobs(() => {
      throw new Error('cannot fork');
    });
    await assert.rejects(jobs.run('analysis/hessian', { runDir: '/r' }), /cannot fork/);
    assert.equal(jobs.isRunning('analysis/hessian'), false);
  });
});
