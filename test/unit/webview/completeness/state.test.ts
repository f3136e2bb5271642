import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  effectiveUnit,
  initialState,
  pooled,
  reduce,
  runOptions,
  savedState,
  selectedRun,
  unitOptions,
  visibleFigures,
} from '../../../../webview/completeness/state';
import { aRun, aSweep, loadedInitial, loadedResults } from './fixture';

describe('completeness view state', () => {
  it('starts loading, restoring valid saved choices and ignoring invalid ones', () => {
    const s = initialState({ key: '/runs/sweep', run: '/runs/sweep/r2', unit: 'z', logX: true });
    assert.equal(s.status, 'loading');
    assert.equal(s.run, '/runs/sweep/r2');
    assert.equal(s.unit, 'z');
    assert.equal(s.logX, true);
    const bad = initialState({ unit: 'cm' as 'z', exportFigure: 'nope' as 'details' });
    assert.equal(bad.unit, 'task');
    assert.equal(bad.exportFigure, 'histogram');
    assert.equal(bad.run, pooled);
  });

  it('pools several runs by default and selects the only run of a single-run result', () => {
    assert.equal(loadedResults().run, pooled);
    const one = { ...aSweep(), runs: [aRun('r2')] };
    const s = loadedResults(one);
    assert.equal(s.run, '/runs/sweep/r2');
    assert.deepEqual(
      runOptions(s).map((o) => o.value),
      ['/runs/sweep/r2'],
    );
    assert.deepEqual(
      runOptions(loadedResults()).map((o) => o.value),
      [pooled, '/runs/sweep/r1', '/runs/sweep/r2'],
    );
  });

  it('keeps a restored run selection while that run exists, and pools otherwise', () => {
    const data = { mode: 'results' as const, results: aSweep() };
    const kept = reduce(initialState({ run: '/runs/sweep/r2' }), { type: 'loaded', data });
    assert.equal(selectedRun(kept)?.runId, 'r2');
    const gone = reduce(initialState({ run: '/runs/sweep/r9' }), { type: 'loaded', data });
    assert.equal(gone.run, pooled);
  });

  it('selects known runs only, and leaves the run details when pooling', () => {
    let s = reduce(loadedResults(), { type: 'selectRun', run: '/runs/sweep/r1' });
    assert.equal(selectedRun(s)?.runId, 'r1');
    s = reduce(s, { type: 'exportFigure', figure: 'details' });
    assert.equal(s.exportFigure, 'details');
    assert.equal(reduce(s, { type: 'selectRun', run: '/elsewhere' }), s);
    const back = reduce(s, { type: 'selectRun', run: pooled });
    assert.equal(selectedRun(back), undefined);
    assert.equal(back.exportFigure, 'histogram');
  });

  it('refuses to export a figure that is not shown', () => {
    const s = loadedResults();
    assert.equal(reduce(s, { type: 'exportFigure', figure: 'details' }), s);
    assert.equal(reduce(s, { type: 'exportFigure', figure: 'survival' }).exportFigure, 'survival');
  });

  it('offers z only for modular addition', () => {
    const s = reduce(loadedResults(), { type: 'unit', unit: 'z' });
    assert.deepEqual(unitOptions(s), ['task', 'z']);
    assert.equal(effectiveUnit(s), 'z');
    const xor = loadedResults({ ...aSweep(), task: 'multi-digit-xor' });
    const z = reduce(xor, { type: 'unit', unit: 'z' });
    assert.deepEqual(unitOptions(z), ['task']);
    assert.equal(effectiveUnit(z), 'task');
  });

  it('shows only the figures whose data is present', () => {
    const all = reduce(loadedResults(), { type: 'selectRun', run: '/runs/sweep/r1' });
    assert.deepEqual(visibleFigures(all), [
      'histogram',
      'survival',
      'dimension',
      'perturbation',
      'details',
    ]);
    const bare = { ...aSweep(), survival: undefined, dimension: [], perturbation: undefined };
    assert.deepEqual(visibleFigures(loadedResults(bare)), ['histogram']);
    const noRuns = { ...aSweep(), runs: [], survival: undefined };
    assert.deepEqual(visibleFigures(loadedResults(noRuns)), ['dimension', 'perturbation']);
    assert.deepEqual(visibleFigures(loadedInitial()), ['histogram']);
    assert.deepEqual(visibleFigures(initialState()), []);
  });

  it('marks data outdated on a change, hides figures on failure, and clears both on load', () => {
    let s = reduce(loadedResults(), { type: 'changed', detail: 'run r3: done' });
    assert.equal(s.stale, 'run r3: done');
    s = reduce(s, { type: 'failed', message: 'bad-run: no sweep.json' });
    assert.equal(s.status, 'error');
    assert.equal(s.error, 'bad-run: no sweep.json');
    assert.deepEqual(visibleFigures(s), []);
    s = reduce(reduce(s, { type: 'loading' }), {
      type: 'loaded',
      data: { mode: 'results', results: aSweep() },
    });
    assert.equal(s.status, 'ready');
    assert.equal(s.stale, undefined);
    assert.equal(s.error, undefined);
  });

  it('saves the panel key and the view choices only', () => {
    const s = reduce(loadedResults(), { type: 'logX', on: true });
    assert.deepEqual(savedState(s), {
      key: '/runs/sweep',
      run: pooled,
      unit: 'task',
      logX: true,
      exportFigure: 'histogram',
    });
  });
});
