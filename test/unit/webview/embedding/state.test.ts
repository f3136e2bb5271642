import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type EmbeddingAction,
  type EmbeddingState,
  colourOptions,
  currentStep,
  initialState,
  noColour,
  reduce,
  savedState,
} from '../../../../webview/embedding/state';
import { aTrajectory } from '../../../helpers/embedding';

const run = (s: EmbeddingState, ...actions: EmbeddingAction[]): EmbeddingState =>
  actions.reduce(reduce, s);

describe('embedding view state', () => {
  it('shows the last checkpoint and colours by a task label other than the token id', () => {
    const s = run(initialState(), { type: 'loaded', data: aTrajectory() });
    assert.equal(s.status, 'ready');
    assert.equal(currentStep(s), 30);
    assert.equal(s.colourBy, 'residue');
    assert.deepEqual(colourOptions(s), [noColour, 'token', 'residue']);
  });

  it('restores the saved step, colouring and k after a reload', () => {
    const saved = savedState(
      run(
        initialState({ key: '/runs/exp/r1' }),
        { type: 'loaded', data: aTrajectory() },
        { type: 'select', index: 1 },
        { type: 'colourBy', label: 'token' },
      ),
    );
    assert.deepEqual(saved, { key: '/runs/exp/r1', step: 10, colourBy: 'token', k: 2 });
    const restored = run(initialState(saved), { type: 'loaded', data: aTrajectory() });
    assert.equal(currentStep(restored), 10);
    assert.equal(restored.colourBy, 'token');
  });

  it('falls back to the last earlier step when the saved one is gone', () => {
    const s = run(initialState({ step: 25 }), { type: 'loaded', data: aTrajectory() });
    assert.equal(currentStep(s), 20);
    const before = run(initialState({ step: -1 }), { type: 'loaded', data: aTrajectory() });
    assert.equal(currentStep(before), 0);
  });

  it('keeps the shown step when the data is recomputed (new k or new checkpoints)', () => {
    const s = run(
      initialState(),
      { type: 'loaded', data: aTrajectory() },
      { type: 'select', index: 2 },
      { type: 'runChanged' },
      { type: 'loading', k: 3 },
    );
    assert.equal(s.stale, true);
    assert.equal(s.k, 3);
    const again = reduce(s, { type: 'loaded', data: aTrajectory([0, 10, 20, 30, 40], 3) });
    assert.equal(currentStep(again), 20);
    assert.equal(again.stale, false);
    assert.equal(again.k, 3);
  });

  it('plays forward one checkpoint per tick and stops at the last one', () => {
    let s = run(initialState(), { type: 'loaded', data: aTrajectory() }, { type: 'play' });
    assert.equal(s.index, 0, 'playing from the end starts over');
    assert.equal(s.playing, true);
    const seen = [currentStep(s)];
    while (s.playing) {
      s = reduce(s, { type: 'tick' });
      seen.push(currentStep(s));
    }
    assert.deepEqual(seen, [0, 10, 20, 30]);
    assert.equal(reduce(s, { type: 'tick' }), s, 'ticks while paused change nothing');
  });

  it('pauses when the user picks a checkpoint, and clamps the index', () => {
    const s = run(
      initialState(),
      { type: 'loaded', data: aTrajectory() },
      { type: 'play' },
      { type: 'select', index: 99 },
    );
    assert.equal(s.playing, false);
    assert.equal(s.index, 3);
    assert.equal(reduce(s, { type: 'select', index: -4 }).index, 0);
  });

  it('does not play a run with a single checkpoint, and reports errors', () => {
    const one = run(initialState(), { type: 'loaded', data: aTrajectory([0]) }, { type: 'play' });
    assert.equal(one.playing, false);
    const failed = reduce(one, { type: 'failed', message: 'bad run' });
    assert.equal(failed.status, 'error');
    assert.equal(failed.error, 'bad run');
  });

  it('keeps "none" as colouring and replaces a label the new data lacks', () => {
    const none = run(initialState({ colourBy: noColour }), { type: 'loaded', data: aTrajectory() });
    assert.equal(none.colourBy, noColour);
    const gone = run(initialState({ colourBy: 'bit3' }), { type: 'loaded', data: aTrajectory() });
    assert.equal(gone.colourBy, 'residue');
  });
});
