import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TrainingSnapshot } from '../../../../src/shared/protocol/trainingView';
import {
  initialPage,
  initialState,
  isLive,
  reduce,
  reducePage,
  savedState,
  stoppableRun,
  type TrainingState,
  visibleFigures,
} from '../../../../webview/training/state';

const rec = (step: number) => ({
  step,
  lr: 0.01,
  trainLoss: 1 / step,
  trainAcc: step / 1000,
  testLoss: 2 / step,
  testAcc: step / 2000,
});

function snapshot(overrides: Partial<TrainingSnapshot['runs'][number]> = {}): TrainingSnapshot {
  return {
    key: '/runs/exp/r1',
    title: 'Training: exp · r1',
    runs: [
      {
        runDir: '/runs/exp/r1',
        label: 'exp · r1',
        status: 'running',
        step: 20,
        total: 100,
        metrics: [rec(10), rec(20)],
        ...overrides,
      },
    ],
  };
}

function ready(s: TrainingSnapshot = snapshot()): TrainingState {
  return reduce(initialState(), { type: 'snapshot', snapshot: s }).state;
}

describe('training state', () => {
  it('starts loading, with log-scaled loss unless the saved state says otherwise', () => {
    assert.equal(initialState().phase, 'loading');
    assert.equal(initialState().logLoss, true);
    assert.equal(initialState({ logLoss: false }).logLoss, false);
    assert.equal(initialState({ logLoss: 'no' }).logLoss, true);
  });

  it('takes the snapshot whole and asks for a redraw', () => {
    const t = reduce(initialState(), { type: 'snapshot', snapshot: snapshot() });
    assert.equal(t.state.phase, 'ready');
    assert.equal(t.state.key, '/runs/exp/r1');
    assert.equal(t.state.runs[0].metrics.length, 2);
    assert.equal(t.redraw, true);
    assert.deepEqual(t.appended, []);
  });

  it('appends delta records and reports exactly the appended ones', () => {
    const before = ready();
    const t = reduce(before, {
      type: 'progress',
      updates: [{ runDir: '/runs/exp/r1', step: 40, total: 100, records: [rec(30), rec(40)] }],
    });
    assert.deepEqual(
      t.state.runs[0].metrics.map((r) => r.step),
      [10, 20, 30, 40],
    );
    assert.equal(t.state.runs[0].step, 40);
    assert.equal(t.redraw, false);
    assert.deepEqual(t.appended, [{ runIndex: 0, records: [rec(30), rec(40)] }]);
    assert.equal(before.runs[0].metrics.length, 2, 'the old state is not mutated');
  });

  it('drops records it already has (a delta overlapping the snapshot)', () => {
    const t = reduce(ready(), {
      type: 'progress',
      updates: [
        { runDir: '/runs/exp/r1', step: 30, total: 100, records: [rec(10), rec(20), rec(30)] },
      ],
    });
    assert.deepEqual(t.appended, [{ runIndex: 0, records: [rec(30)] }]);
    assert.equal(t.state.runs[0].metrics.length, 3);
  });

  it('moves the step without records and ignores unknown runs', () => {
    const t = reduce(ready(), {
      type: 'progress',
      updates: [
        { runDir: '/runs/exp/r1', step: 27, total: 0, records: [] },
        { runDir: '/elsewhere', step: 5, total: 5, records: [rec(5)] },
      ],
    });
    assert.equal(t.state.runs[0].step, 27);
    assert.equal(t.state.runs[0].total, 100, 'an unknown total keeps the known one');
    assert.deepEqual(t.appended, []);
  });

  it('ignores deltas before the snapshot (the snapshot will contain them)', () => {
    const t = reduce(initialState(), {
      type: 'progress',
      updates: [{ runDir: '/runs/exp/r1', step: 30, total: 100, records: [rec(30)] }],
    });
    assert.equal(t.state.phase, 'loading');
    assert.deepEqual(t.state.runs, []);
  });

  it('applies status changes with their error', () => {
    const t = reduce(ready(), {
      type: 'status',
      event: { runDir: '/runs/exp/r1', status: 'failed', step: 25, total: 100, error: 'NaN loss' },
    });
    assert.equal(t.state.runs[0].status, 'failed');
    assert.equal(t.state.runs[0].error, 'NaN loss');
    assert.equal(t.state.runs[0].step, 25);
    assert.equal(t.redraw, false);
  });

  it('offers Stop only for a single live run', () => {
    assert.equal(stoppableRun(ready())?.runDir, '/runs/exp/r1');
    assert.equal(stoppableRun(ready(snapshot({ status: 'done' }))), undefined);
    const two = snapshot();
    two.runs.push({ ...two.runs[0], runDir: '/runs/exp/r2' });
    assert.equal(stoppableRun(ready(two)), undefined);
    assert.deepEqual(
      (['queued', 'starting', 'running', 'done', 'failed', 'cancelled'] as const).map(isLive),
      [true, true, true, false, false, false],
    );
  });

  it('records a failed load', () => {
    const t = reduce(initialState(), { type: 'loadFailed', message: 'no such run' });
    assert.equal(t.state.phase, 'failed');
    assert.equal(t.state.error, 'no such run');
  });

  it('redraws when the loss scale changes', () => {
    const t = reduce(ready(), { type: 'setLogLoss', value: false });
    assert.equal(t.state.logLoss, false);
    assert.equal(t.redraw, true);
  });
});

describe('training page state', () => {
  it('counts the redraws asked for and keeps what the last action appended', () => {
    const loading = initialPage({ logLoss: false });
    assert.deepEqual(visibleFigures(loading), []);
    assert.deepEqual(savedState(loading), { logLoss: false });
    const shown = reducePage(loading, { type: 'snapshot', snapshot: snapshot() });
    assert.equal(shown.draws, 1);
    assert.deepEqual(visibleFigures(shown), ['plot']);
    assert.deepEqual(savedState(shown), { key: '/runs/exp/r1', logLoss: false });
    const streamed = reducePage(shown, {
      type: 'progress',
      updates: [{ runDir: '/runs/exp/r1', step: 30, total: 100, records: [rec(30)] }],
    });
    assert.equal(streamed.draws, 1);
    assert.deepEqual(streamed.appended, [{ runIndex: 0, records: [rec(30)] }]);
    const rescaled = reducePage(streamed, { type: 'setLogLoss', value: true });
    assert.equal(rescaled.draws, 2);
    assert.deepEqual(rescaled.appended, []);
  });
});
