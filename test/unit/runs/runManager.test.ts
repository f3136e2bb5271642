import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type FakeWorker, manager } from './fakeWorker';

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
