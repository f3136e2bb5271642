import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runLabels, withRunId } from '../../../../webview/extrapolation/format';
import {
  barGrouping,
  formatsOf,
  initialState,
  reduce,
  runOptions,
  savedState,
  selectedRun,
  visibleFigures,
} from '../../../../webview/extrapolation/state';
import { aComparison, aRun, aSeededComparison, loaded } from './fixture';

describe('extrapolation view state', () => {
  it('starts loading, restoring valid saved choices and ignoring invalid ones', () => {
    const s = initialState({ key: '/a', run: '/runs/anbn/r2', loss: 'unmasked', bars: 'run' });
    assert.equal(s.status, 'loading');
    assert.equal(s.loss, 'unmasked');
    assert.equal(s.bars, 'run');
    assert.equal(s.run, '/runs/anbn/r2');
    const bad = initialState({
      loss: 'raw' as 'masked',
      bars: 'seed' as 'run',
      exportFigure: 'nope' as 'bars',
      exportFormat: 'gif' as 'png',
    });
    assert.equal(bad.loss, 'masked');
    assert.equal(bad.bars, undefined);
    assert.equal(bad.exportFigure, 'curves');
    assert.equal(bad.exportFormat, 'png');
  });

  it('selects the first run on load, and keeps a restored run while it exists', () => {
    assert.equal(selectedRun(loaded())?.runId, 'r1');
    const data = aComparison();
    const kept = reduce(initialState({ run: '/runs/anbn/r2' }), { type: 'loaded', data });
    assert.equal(selectedRun(kept)?.runId, 'r2');
    const gone = reduce(initialState({ run: '/runs/anbn/r9' }), { type: 'loaded', data });
    assert.equal(selectedRun(gone)?.runId, 'r1');
  });

  it('selects known runs only and hides the samples of a run without any', () => {
    const s = reduce(loaded(), { type: 'exportFigure', figure: 'samples' });
    assert.equal(s.exportFigure, 'samples');
    assert.equal(reduce(s, { type: 'selectRun', run: '/elsewhere' }), s);
    const r3 = reduce(s, { type: 'selectRun', run: '/runs/anbn/r3' });
    assert.deepEqual(visibleFigures(r3), ['curves', 'bars']);
    assert.equal(r3.exportFigure, 'curves');
  });

  it('offers CSV and JSON only for the samples table and fits the format to the figure', () => {
    assert.deepEqual(formatsOf('samples'), ['csv', 'json']);
    assert.deepEqual(formatsOf('bars'), ['png', 'svg', 'csv', 'json']);
    let s = reduce(loaded(), { type: 'exportFormat', format: 'svg' });
    s = reduce(s, { type: 'exportFigure', figure: 'samples' });
    assert.equal(s.exportFormat, 'csv');
    assert.equal(reduce(s, { type: 'exportFormat', format: 'png' }).exportFormat, 'csv');
  });

  it('switches the loss shown between masked and unmasked', () => {
    const s = reduce(loaded(), { type: 'loss', loss: 'unmasked' });
    assert.equal(s.loss, 'unmasked');
    assert.equal(reduce(s, { type: 'loss', loss: 'masked' }).loss, 'masked');
  });

  it('groups bars per variant automatically only when a variant has several runs', () => {
    assert.equal(barGrouping(loaded()), 'run');
    const seeded = loaded(aSeededComparison());
    assert.equal(barGrouping(seeded), 'training');
    assert.equal(barGrouping(reduce(seeded, { type: 'bars', bars: 'run' })), 'run');
    const noSummary = loaded({ ...aComparison(), byTraining: [] });
    assert.equal(reduce(noSummary, { type: 'bars', bars: 'training' }), noSummary);
  });

  it('marks changes as outdated until the next load, and shows nothing after an error', () => {
    const stale = reduce(loaded(), { type: 'changed', detail: 'run r4: done' });
    assert.equal(stale.stale, 'run r4: done');
    assert.equal(reduce(stale, { type: 'loaded', data: aComparison() }).stale, undefined);
    const failed = reduce(stale, { type: 'failed', message: 'bad-run: x' });
    assert.deepEqual(visibleFigures(failed), []);
    assert.deepEqual(visibleFigures(loaded({ ...aComparison(), runs: [] })), []);
  });

  it('saves the key and the choices', () => {
    const s = reduce(loaded(), { type: 'loss', loss: 'unmasked' });
    assert.deepEqual(savedState(s), {
      key: '/runs/anbn',
      run: '/runs/anbn/r1',
      loss: 'unmasked',
      bars: undefined,
      exportFigure: 'curves',
      exportFormat: 'png',
    });
  });

  it('labels runs by variant, adding the seed, language or id only where needed', () => {
    assert.deepEqual(runLabels(aComparison().runs), ['normal', 'oracle', 'adversarial']);
    assert.deepEqual(runLabels(aSeededComparison().runs), [
      'normal, seed 1',
      'normal, seed 2',
      'oracle',
    ]);
    const twins = [aRun('a', 'normal', 0.2, 0.4), aRun('b', 'normal', 0.2, 0.4)];
    assert.deepEqual(runLabels(twins), ['normal, seed 0 (a)', 'normal, seed 0 (b)']);
    const dyck = { ...aRun('d', 'normal', 0.2, 0.4), language: 'dyck' };
    assert.deepEqual(runLabels([aRun('a', 'normal', 0.2, 0.4), dyck]), [
      'anbn normal',
      'dyck normal',
    ]);
    assert.equal(runOptions(loaded())[1].label, 'oracle (r2)');
    assert.equal(withRunId('normal, seed 0 (a)', 'a'), 'normal, seed 0 (a)');
  });
});
