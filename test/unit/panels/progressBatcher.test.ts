import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProgressBatcher, type Timers } from '../../../src/panels/progressBatcher';
import type { RunProgressDelta } from '../../../src/shared/protocol/trainingView';

function fakeTimers() {
  const queue: { cb: () => void; ms: number; id: number }[] = [];
  let next = 1;
  const timers: Timers = {
    setTimeout: (cb, ms) => {
      queue.push({ cb, ms, id: next });
      return next++;
    },
    clearTimeout: (id) => {
      const i = queue.findIndex((t) => t.id === id);
      if (i >= 0) {
        queue.splice(i, 1);
      }
    },
  };
  const fire = (): void => queue.shift()?.cb();
  return { timers, queue, fire };
}

const rec = (step: number) => ({
  step,
  lr: 0.01,
  trainLoss: 1 / step,
  trainAcc: 0.5,
  testLoss: 2 / step,
  testAcc: 0.4,
});

describe('ProgressBatcher', () => {
  it('sends nothing until the interval has passed, then one batch per run', () => {
    const { timers, queue, fire } = fakeTimers();
    const sent: RunProgressDelta[][] = [];
    const b = new ProgressBatcher((u) => sent.push(u), 250, timers);
    b.record('/a', rec(10), 100);
    b.record('/a', rec(20), 100);
    b.progress('/b', 7, 50);
    b.record('/b', rec(5), 50);
    assert.equal(sent.length, 0);
    assert.equal(queue.length, 1, 'one timer for the whole batch');
    assert.equal(queue[0].ms, 250);
    fire();
    assert.deepEqual(sent, [
      [
        { runDir: '/a', step: 20, total: 100, records: [rec(10), rec(20)] },
        { runDir: '/b', step: 7, total: 50, records: [rec(5)] },
      ],
    ]);
  });

  it('never sends a record twice', () => {
    const { timers, fire } = fakeTimers();
    const sent: RunProgressDelta[][] = [];
    const b = new ProgressBatcher((u) => sent.push(u), 250, timers);
    b.record('/a', rec(1), 10);
    fire();
    b.record('/a', rec(2), 10);
    fire();
    assert.deepEqual(
      sent.map((batch) => batch[0].records.map((r) => r.step)),
      [[1], [2]],
    );
  });

  it('flush sends at once and cancels the timer; clear drops the batch', () => {
    const { timers, queue } = fakeTimers();
    const sent: RunProgressDelta[][] = [];
    const b = new ProgressBatcher((u) => sent.push(u), 250, timers);
    b.record('/a', rec(1), 10);
    b.flush();
    assert.equal(sent.length, 1);
    assert.equal(queue.length, 0);
    b.record('/a', rec(2), 10);
    b.clear();
    assert.equal(queue.length, 0);
    b.flush();
    assert.equal(sent.length, 1);
  });

  it('keeps the last known total when a progress event has none', () => {
    const { timers, fire } = fakeTimers();
    const sent: RunProgressDelta[][] = [];
    const b = new ProgressBatcher((u) => sent.push(u), 250, timers);
    b.progress('/a', 3, 30);
    b.progress('/a', 4, 0);
    fire();
    assert.deepEqual(sent[0][0], { runDir: '/a', step: 4, total: 30, records: [] });
  });

  it('sends at most about four batches a second with the default interval', async () => {
    const sent: RunProgressDelta[][] = [];
    const b = new ProgressBatcher((u) => sent.push(u));
    const started = Date.now();
    let step = 0;
    while (Date.now() - started < 600) {
      b.record('/a', rec(++step), 0);
      await new Promise((r) => setTimeout(r, 2));
    }
    b.flush();
    assert.ok(sent.length <= 4, `${sent.length} batches in 0.6 s`);
    assert.equal(sent.flat().flatMap((d) => d.records).length, step, 'every record arrives');
  });
});
