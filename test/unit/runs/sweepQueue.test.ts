import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runManagerExecutor } from '../../../src/runs/sweepQueue';
import { experimentConfigSchema } from '../../../src/shared/experimentConfig';
import type { SweepIndex } from '../../../src/shared/runManifest';
import { planSweepFolder } from '../../../src/shared/sweepPlan';
import { type FakeWorker, manager, newWorkerLog } from './fakeWorker';

const configPath = '/ws/tiny.replens.json';
const sweepDir = '/runs/tiny/sweep-20260101T000000Z-abcd';

function planned(seeds: number[]) {
  const config = experimentConfigSchema.parse({
    name: 'tiny',
    task: { kind: 'modular-addition', p: 7 },
    sweep: { seeds },
  });
  return planSweepFolder(config, {
    sweepId: 'sweep-20260101T000000Z-abcd',
    sweepDir,
    configPath,
    parallel: 1,
    now: new Date(0),
  });
}

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 10));

/** The worker training a run folder (sweep requests get workers of their own). */
function trainer(workers: FakeWorker[], n: number): FakeWorker {
  const runWorkers = workers.filter((w) => w.trains);
  assert.ok(n < runWorkers.length, `no worker trains run ${n}`);
  return runWorkers[n];
}

describe('the RunManager sweep executor', () => {
  it('queues every job as a run into the sweep folder and closes the index', async () => {
    const workers: FakeWorker[] = [];
    const log = newWorkerLog();
    const { runs, factory } = manager(workers, 1, {}, log);
    const sweep = planned([1, 2, 3]);
    const updates: number[] = [];
    const result = runManagerExecutor({ runs, workers: factory }).run(sweep, {
      onUpdate: (_, changed) => updates.push(changed),
    });
    await tick();
    assert.equal(log.creates.length, 1, 'a worker creates the sweep folder');
    assert.equal(log.creates[0].sweep.jobs.length, 3);
    const jobs = runs.sweepRuns(sweep.sweepId);
    assert.deepEqual(
      jobs.map((r) => [r.sweep?.index, r.state, r.configPath]),
      [
        [0, 'running', configPath],
        [1, 'queued', configPath],
        [2, 'queued', configPath],
      ],
      'replens.concurrency (1) holds the other jobs in the queue',
    );
    assert.equal(
      runs.activeFor(configPath)?.key,
      jobs[0].key,
      'the training job is the active run',
    );
    const start = log.starts[0];
    assert.equal(start.configPath, sweep.jobs[0].configFile);
    assert.equal(start.outRoot, sweepDir);
    assert.equal(start.flat, true);
    assert.equal(
      (JSON.parse(start.configText) as { train: { seed: number } }).train.seed,
      1,
      'the job config is the planned one',
    );
    await runs.stop(jobs[1].key); // one queued job stopped: it never starts
    trainer(workers, 0).finish();
    await tick();
    assert.equal(runs.get(jobs[2].key)?.state, 'running');
    trainer(workers, 1).finish();
    const index: SweepIndex = await result;
    assert.deepEqual(
      runs.sweepRuns(sweep.sweepId).map((r) => r.state),
      ['done', 'cancelled', 'done'],
    );
    assert.equal(log.starts.length, 2);
    assert.deepEqual(log.finishes[0].outcomes, { 1: { status: 'cancelled' } });
    assert.deepEqual(
      index.runs.map((r) => r.status),
      ['pending', 'cancelled', 'pending'],
      'the final index comes from sweep/finish (which reads the run folders)',
    );
    assert.ok(updates.includes(0) && updates.includes(2) && updates.at(-1) === -1);
  });

  it('aborting stops the whole sweep: the running job and every queued one', async () => {
    const workers: FakeWorker[] = [];
    const log = newWorkerLog();
    const { runs, factory } = manager(workers, 1, {}, log);
    const sweep = planned([1, 2, 3]);
    const abort = new AbortController();
    const result = runManagerExecutor({ runs, workers: factory }).run(sweep, {
      signal: abort.signal,
    });
    await tick();
    abort.abort();
    await result;
    assert.deepEqual(
      runs.sweepRuns(sweep.sweepId).map((r) => r.state),
      ['cancelled', 'cancelled', 'cancelled'],
    );
    assert.equal(log.starts.length, 1, 'no queued job started in a freed slot');
    assert.equal(trainer(workers, 0).cancelRequests, 1);
  });
});
