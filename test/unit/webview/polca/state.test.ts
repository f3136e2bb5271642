import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { neededRequests, signatureOf } from '../../../../webview/polca/requests';
import {
  selectedCluster,
  shownGroup,
  shownMethod,
  spectrumSource,
  viewError,
  hasDominant,
  visibleFigures,
} from '../../../../webview/polca/selectors';
import { initialState, reduce, savedState } from '../../../../webview/polca/state';
import { aPolcaResult, loaded, runDir, snapshot } from './fixture';

describe('POLCA view state', () => {
  it('restores valid saved choices and ignores invalid ones', () => {
    const s = initialState({
      key: runDir,
      view: 'spectrum',
      clusters: { method: 'randomBasis', group: '7', skill: 'carry In!', vector: 'dominant' },
      spectrum: { source: 'nope' as 'polca' },
      exportFormat: 'gif' as 'png',
    });
    assert.equal(s.view, 'spectrum');
    assert.deepEqual(s.clusters, {
      method: 'randomBasis',
      group: '7',
      skill: '',
      vector: 'dominant',
    });
    assert.equal(s.spectrum.source, 'auto');
    assert.equal(s.exportFormat, 'png');
    const bad = initialState({
      clusters: { method: 'x' as 'polca', group: 3 as never, skill: 'ok', vector: 'x' as 'best' },
    });
    assert.deepEqual(bad.clusters, { method: '', group: '', skill: 'ok', vector: 'best' });
  });

  it("takes the snapshot's view unless the page restored its own for the same panel", () => {
    assert.equal(reduce(initialState(), snapshot('spectrum')).view, 'spectrum');
    const restored = initialState({ key: runDir, view: 'spectrum' });
    assert.equal(reduce(restored, snapshot('clusters')).view, 'spectrum');
    const other = initialState({ key: '/elsewhere', view: 'spectrum' });
    assert.equal(reduce(other, snapshot('clusters')).view, 'clusters');
  });

  it('shows a group along its dominant vector when asked, where the method has one', () => {
    const s = reduce(loaded(), { type: 'clusters', patch: { vector: 'dominant' } });
    const g = shownGroup(s);
    assert.deepEqual([g?.token, g?.family, g?.ari, g?.clusters.length], ['7', 5, 0.31, 1]);
    assert.equal(hasDominant(s), true);
    const base = reduce(s, { type: 'clusters', patch: { method: 'lossBaseline' } });
    assert.equal(hasDominant(base), false);
    assert.deepEqual([shownGroup(base)?.family, shownGroup(base)?.clusters.length], [-1, 2]);
    assert.equal(savedState(s).clusters.vector, 'dominant');
  });

  it('defaults to POLCA and the group it separates best, keeping a chosen token across methods', () => {
    const s = loaded();
    assert.equal(shownMethod(s)?.method, 'polca');
    assert.equal(shownGroup(s)?.token, '7');
    assert.deepEqual([s.clusters.method, s.clusters.group], ['polca', '7']);
    const one = reduce(s, { type: 'clusters', patch: { group: '1' } });
    const baseline = reduce(one, { type: 'clusters', patch: { method: 'lossBaseline' } });
    assert.deepEqual(
      [shownMethod(baseline)?.method, shownGroup(baseline)?.token],
      ['lossBaseline', '1'],
    );
    const gone = reduce(s, { type: 'clusters', patch: { group: 'x' } });
    assert.equal(gone.clusters.group, '7', 'an unknown token falls back to the best group');
  });

  it('selects a cluster the group has, and drops it when the group changes', () => {
    const s = reduce(loaded(), { type: 'clusters', patch: { cluster: 1 } });
    assert.equal(selectedCluster(s)?.index, 1);
    assert.deepEqual(visibleFigures(s), ['clusterCurves', 'methodScores', 'members']);
    assert.equal(
      reduce(s, { type: 'clusters', patch: { cluster: 5 } }).clusters.cluster,
      undefined,
    );
    const next = reduce(s, { type: 'clusters', patch: { group: '1', cluster: undefined } });
    assert.equal(selectedCluster(next), undefined);
    assert.deepEqual(visibleFigures(next), ['clusterCurves', 'methodScores']);
  });

  it('keeps progress while loading only, and drops it with the answer', () => {
    let s = reduce(initialState(), snapshot());
    const [r] = neededRequests(s);
    const signature = signatureOf(r);
    s = reduce(s, { type: 'request', slot: 'polca', signature });
    const progress = { done: 12, total: 19, what: 'intervals' };
    s = reduce(s, { type: 'progress', slot: 'polca', progress });
    assert.deepEqual(s.loads.polca.progress, progress);
    assert.equal(
      reduce(s, { type: 'progress', slot: 'hessian', progress }).loads.hessian.progress,
      undefined,
      'no progress for an idle slot',
    );
    s = reduce(s, { type: 'loaded', slot: 'polca', signature, data: aPolcaResult() });
    assert.equal(s.loads.polca.progress, undefined);
    assert.equal(s.loads.polca.status, 'ready');
  });

  it('a cancelled request is not asked again, its late failure is dropped, Refresh asks again', () => {
    let s = reduce(initialState(), snapshot());
    const [r] = neededRequests(s);
    const signature = signatureOf(r);
    s = reduce(s, { type: 'request', slot: 'polca', signature });
    s = reduce(s, { type: 'cancel', slot: 'polca' });
    assert.equal(s.loads.polca.status, 'cancelled');
    assert.deepEqual(neededRequests(s), []);
    s = reduce(s, { type: 'failed', slot: 'polca', signature, message: 'worker killed' });
    assert.equal(s.loads.polca.status, 'cancelled');
    assert.equal(viewError(s), undefined);
    s = reduce(s, { type: 'reload' });
    assert.deepEqual(neededRequests(s), [r]);
  });

  it('shows the worker error of the view’s slot, and drops answers to superseded requests', () => {
    let s = reduce(initialState(), snapshot());
    s = reduce(s, { type: 'request', slot: 'polca', signature: 'a' });
    s = reduce(s, { type: 'request', slot: 'polca', signature: 'b' });
    s = reduce(s, { type: 'failed', slot: 'polca', signature: 'a', message: 'old' });
    assert.equal(s.loads.polca.status, 'loading');
    s = reduce(s, { type: 'failed', slot: 'polca', signature: 'b', message: 'bad-run: no labels' });
    assert.equal(viewError(s), 'bad-run: no labels');
    assert.deepEqual(visibleFigures(s), []);
    assert.equal(viewError(reduce(s, { type: 'show', view: 'spectrum' })), undefined);
  });

  it("draws POLCA's spectrum when loaded unless the Hessian is chosen", () => {
    const s = loaded();
    assert.equal(spectrumSource(s), 'polca');
    const spectrum = reduce(s, { type: 'show', view: 'spectrum' });
    assert.deepEqual(neededRequests(spectrum), [], 'no Hessian request while POLCA has one');
    assert.deepEqual(visibleFigures(spectrum), ['spectrum']);
    const hessian = reduce(spectrum, { type: 'spectrum', patch: { source: 'hessian' } });
    assert.equal(spectrumSource(hessian), 'hessian');
    assert.deepEqual(
      neededRequests(hessian).map((r) => r.method),
      ['polca/hessian'],
    );
    assert.equal(spectrumSource(reduce(initialState(), snapshot('spectrum'))), 'hessian');
    const both = reduce(loaded('spectrum', hessian), {
      type: 'spectrum',
      patch: { source: 'auto' },
    });
    assert.equal(spectrumSource(both), 'hessian', 'by default the Hessian stays once asked for');
    assert.equal(
      spectrumSource(reduce(both, { type: 'spectrum', patch: { source: 'polca' } })),
      'polca',
    );
  });

  it('fits the export figure and format to the view', () => {
    let s = reduce(loaded(), { type: 'clusters', patch: { cluster: 0 } });
    s = reduce(s, { type: 'exportFigure', figure: 'members' });
    assert.equal(s.exportFormat, 'csv', 'the member table has no image');
    s = reduce(s, { type: 'show', view: 'spectrum' });
    assert.equal(s.exportFigure, 'spectrum');
  });

  it('saves the view and choices, not the data or the selected cluster', () => {
    const s = reduce(loaded(), { type: 'clusters', patch: { cluster: 1 } });
    assert.deepEqual(savedState(s), {
      key: runDir,
      view: 'clusters',
      clusters: { method: 'polca', group: '7', skill: '', vector: 'best' },
      spectrum: { source: 'auto' },
      exportFormat: 'png',
    });
  });
});
