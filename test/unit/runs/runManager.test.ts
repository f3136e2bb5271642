import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type RunChange, RunManager, type RunState } from '../../../src/runs/runManager';
import type { WorkerHandle } from '../../../src/runs/workerClient';
import { Endpoint, memoryTransportPair } from '../../../src/shared/protocol/endpoint';
import type { HostReceives, WorkerServes } from '../../../src/shared/protocol/workerProtocol';
import type { RunResult } from '../../../src/shared/runResult';
import { analysisHandlers } from '../../../src/worker/analysisHandlers';

/** A worker living in this process: it "trains" until told to finish, fail, crash or cancel. */
class FakeWorker {
  readonly handle: WorkerHandle;
  readonly worker: Endpoint<WorkerServes, HostReceives>;
  finish!: (status?: RunResult['status']) => void;
  fail!: (message: string) => void;
  killed = false;
  cancelRequests = 0;
  private exit!: (code: number | string) => void;

  constructor(opts: { ignoreCancel?: boolean } = {}) {
    const [hostSide, workerSide] = memoryTransportPair();
    const host = new Endpoint<HostReceives, WorkerServes>(hostSide);
    this.worker = new Endpoint<WorkerServes, HostReceives>(workerSide);
    const exited = new Promise<number | string>((r) => (this.exit = r));
    const run = (runDir: string): Promise<RunResult> =>
      new Promise((resolve, reject) => {
        this.worker.notify('run/started', { runDir, runId: 'r1', backend: 'wasm', total: 100 });
        const result = (status: RunResult['status']): RunResult => ({
          runId: 'r1',
          runDir,
          backend: 'wasm',
          status,
          steps: 100,
          wallSeconds: 1,
        });
        this.finish = (status = 'done') => resolve(result(status));
        this.fail = (message) => reject(new Error(message));
      });
    this.worker.handle({
      ...analysisHandlers(), // served like the real worker; unused here
      'run/start': () => run('/runs/exp/r1'),
      'run/resume': ({ runDir }) => run(runDir),
      'run/cancel': () => {
        this.cancelRequests += 1;
        if (opts.ignoreCancel !== true) {
          this.finish('cancelled');
        }
        return Promise.resolve(null);
      },
    });
    this.handle = {
      endpoint: host,
      ready: Promise.resolve(),
      exited,
      pid: 1,
      kill: () => {
        this.killed = true;
        this.exit('SIGKILL');
        host.dispose();
      },
      release: () => this.handle.kill(),
      dispose: () => this.handle.kill(),
    };
  }

  crash(): void {
    this.exit(134);
    this.handle.endpoint.dispose();
  }
}

function manager(workers: FakeWorker[], concurrency = 1, opts: { ignoreCancel?: boolean } = {}) {
  const changes: RunChange[] = [];
  const runs = new RunManager({
    workers: () => {
      const w = new FakeWorker(opts);
      workers.push(w);
      return w.handle;
    },
    concurrency: () => concurrency,
    runsRoot: () => '/runs',
    backend: () => 'auto',
    cancelGraceMs: 200,
  });
  runs.onDidChangeRun((c) => changes.push({ ...c, run: { ...c.run } }));
  return {
    runs,
    changes,
    states: (key: string): RunState[] =>
      changes.filter((c) => c.kind === 'state' && c.run.key === key).map((c) => c.run.state),
  };
}

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 10));

describe('RunManager', () => {
  it('walks a run through queued → starting → running → done and keeps its metrics', async () => {
    const workers: FakeWorker[] = [];
    const { runs, states, changes } = manager(workers);
    const run = runs.start('/ws/a.replens.json', '{}');
    await tick();
    workers[0].worker.notify('run/metrics', {
      step: 10,
      lr: 0.1,
      trainLoss: 1,
      trainAcc: 0.5,
      testLoss: 1,
      testAcc: 0.4,
    });
    await tick();
    assert.equal(runs.get(run.key)?.state, 'running');
    assert.equal(runs.get(run.key)?.runDir, '/runs/exp/r1');
    assert.equal(runs.activeFor('/ws/a.replens.json')?.key, run.key);
    workers[0].finish();
    await tick();
    assert.deepEqual(states(run.key), ['queued', 'starting', 'running', 'done']);
    assert.equal(runs.get(run.key)?.metrics.length, 1);
    assert.equal(runs.get(run.key)?.step, 10);
    assert.ok(changes.some((c) => c.kind === 'metrics' && c.metrics?.step === 10));
    assert.equal(workers[0].killed, true, 'the worker process is ended after the run');
    assert.equal(runs.activeFor('/ws/a.replens.json'), undefined);
  });

  it('queues runs beyond the concurrency limit and starts them as others end', async () => {
    const workers: FakeWorker[] = [];
    const { runs } = manager(workers, 1);
    const a = runs.start('/ws/a.replens.json', '{}');
    const b = runs.start('/ws/b.replens.json', '{}');
    await tick();
    assert.equal(runs.get(b.key)?.state, 'queued');
    assert.equal(workers.length, 1);
    workers[0].finish();
    await tick();
    assert.equal(runs.get(a.key)?.state, 'done');
    assert.equal(runs.get(b.key)?.state, 'running');
    assert.equal(workers.length, 2);
  });

  it('runs two at once when concurrency is 2', async () => {
    const workers: FakeWorker[] = [];
    const { runs } = manager(workers, 2);
    runs.start('/ws/a.replens.json', '{}');
    runs.start('/ws/b.replens.json', '{}');
    await tick();
    assert.equal(workers.length, 2);
    assert.deepEqual(
      runs.runs().map((r) => r.state),
      ['running', 'running'],
    );
  });

  it('cancels a queued run without starting a worker', async () => {
    const workers: FakeWorker[] = [];
    const { runs } = manager(workers, 1);
    runs.start('/ws/a.replens.json', '{}');
    const b = runs.start('/ws/b.replens.json', '{}');
    await runs.stop(b.key);
    assert.equal(runs.get(b.key)?.state, 'cancelled');
    assert.equal(workers.length, 1);
  });

  it('stops a running run by asking its worker, which ends it cancelled', async () => {
    const workers: FakeWorker[] = [];
    const { runs, states } = manager(workers);
    const run = runs.start('/ws/a.replens.json', '{}');
    await tick();
    await runs.stop(run.key);
    await tick();
    assert.equal(workers[0].cancelRequests, 1);
    assert.deepEqual(states(run.key).slice(-1), ['cancelled']);
  });

  it('kills a worker that does not stop within the grace period, and reports cancelled', async () => {
    const workers: FakeWorker[] = [];
    const { runs } = manager(workers, 1, { ignoreCancel: true });
    const run = runs.start('/ws/a.replens.json', '{}');
    await tick();
    await runs.stop(run.key);
    await tick();
    assert.equal(workers[0].killed, true);
    assert.equal(runs.get(run.key)?.state, 'cancelled');
  });

  it('marks a run failed, with the reason, when its worker crashes', async () => {
    const workers: FakeWorker[] = [];
    const { runs } = manager(workers);
    const run = runs.start('/ws/a.replens.json', '{}');
    await tick();
    workers[0].crash();
    await tick();
    const info = runs.get(run.key);
    assert.equal(info?.state, 'failed');
    assert.match(info?.error ?? '', /worker exit 134/);
  });

  it('reports a run the engine failed as failed with the engine error', async () => {
    const workers: FakeWorker[] = [];
    const { runs } = manager(workers);
    const run = runs.start('/ws/a.replens.json', '{}');
    await tick();
    workers[0].fail('bad-config: tiny.replens.json:1:2: error: nope');
    await tick();
    assert.equal(runs.get(run.key)?.state, 'failed');
    assert.match(runs.get(run.key)?.error ?? '', /tiny\.replens\.json:1:2/);
  });

  it('resumes a run folder and finds it by folder', async () => {
    const workers: FakeWorker[] = [];
    const { runs } = manager(workers);
    const run = runs.resume('/runs/exp/old');
    await tick();
    assert.equal(runs.forRunDir('/runs/exp/old')?.key, run.key);
    workers[0].finish();
    await tick();
    assert.equal(runs.get(run.key)?.state, 'done');
  });
});
