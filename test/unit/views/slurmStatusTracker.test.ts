import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { type SweepStatus, sweepStatusSchema } from '../../../src/runs/sweepCliSchemas';
import { SlurmStatusTracker } from '../../../src/views/slurmStatusTracker';

const recorded = (name: string): SweepStatus =>
  sweepStatusSchema.parse(
    JSON.parse(fs.readFileSync(path.join(__dirname, '../../fixtures/slurm', name), 'utf8')),
  );
const running = recorded('status-running.json');
const finished = recorded('status-finished.json');

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A tracker over a scripted status source that counts its calls. */
function trackerOf(answers: (SweepStatus | Error)[], intervalMs = 30) {
  const calls: string[] = [];
  const tracker = new SlurmStatusTracker({
    status: (dir) => {
      calls.push(dir);
      const next = answers.length > 1 ? answers.shift() : answers[0];
      return next instanceof Error ? Promise.reject(next) : Promise.resolve(next as SweepStatus);
    },
    intervalMs: () => intervalMs,
  });
  const changed: string[] = [];
  tracker.onDidChange((dir) => changed.push(dir));
  return { tracker, calls, changed };
}

describe('Slurm status polling', () => {
  it('asks nothing while the view is hidden, then at once when it shows', async () => {
    const { tracker, calls, changed } = trackerOf([finished]);
    tracker.observe('/s', '123||', true);
    await sleep(20);
    assert.deepEqual(calls, []);
    tracker.setActive(true);
    await sleep(10);
    assert.deepEqual(calls, ['/s']);
    assert.deepEqual(changed, ['/s']);
    assert.equal(tracker.get('/s').status?.finished, true);
    tracker.dispose();
  });

  it('polls an unfinished sweep until it finishes, then stops', async () => {
    const { tracker, calls } = trackerOf([running, running, finished], 20);
    tracker.setActive(true);
    tracker.observe('/s', '123||', true);
    await sleep(150);
    assert.equal(calls.length, 3);
    assert.deepEqual(tracker.pollingDirs(), []);
    await sleep(100);
    assert.equal(calls.length, 3, 'a finished sweep is not asked again');
    tracker.dispose();
  });

  it('stops polling when the view hides, and never polls a sweep that was not submitted', async () => {
    const { tracker, calls } = trackerOf([running], 50);
    tracker.setActive(true);
    tracker.observe('/refused', '||sbatch: error', false);
    tracker.observe('/s', '123||', true);
    await sleep(10);
    assert.deepEqual(calls, ['/s']);
    tracker.setActive(false);
    await sleep(150);
    assert.deepEqual(calls, ['/s']);
    assert.deepEqual(tracker.pollingDirs(), ['/s']);
    tracker.dispose();
  });

  it('asks a finished sweep again when it was resubmitted or cancelled since', async () => {
    const { tracker, calls } = trackerOf([finished]);
    tracker.setActive(true);
    tracker.observe('/s', '123||', true);
    await sleep(10);
    tracker.observe('/s', '123||', true);
    await sleep(10);
    assert.equal(calls.length, 1, 'listed again unchanged: the last status stands');
    tracker.observe('/s', '123,130||', true);
    await sleep(10);
    assert.equal(calls.length, 2);
    tracker.dispose();
  });

  it('keeps the last status beside a failed read, and stops polling sweeps no longer listed', async () => {
    const { tracker, calls } = trackerOf([running, new Error('squeue: command not found')], 20);
    tracker.setActive(true);
    tracker.observe('/s', '123||', true);
    await sleep(100);
    const view = tracker.get('/s');
    assert.equal(view.error, 'squeue: command not found');
    assert.equal(view.status?.tasks.length, 4);
    tracker.unlistAll();
    const n = calls.length;
    await sleep(100);
    assert.equal(calls.length, n);
    tracker.dispose();
  });
});
