import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { neededRequests, signatureOf } from '../../../../webview/universality/requests';
import { initialState, reduce } from '../../../../webview/universality/state';
import { statusText } from '../../../../webview/universality/summary';
import { aListing, folder, loaded, run, settle } from './fixture';

const methods = (s: Parameters<typeof neededRequests>[0]) =>
  neededRequests(s).map((r) => [r.method, r.params]);

describe('universality view requests', () => {
  it('asks nothing before the handshake, then the listing, then the view', () => {
    assert.deepEqual(neededRequests(initialState()), []);
    let s = reduce(initialState(), {
      type: 'snapshot',
      key: folder,
      title: 't',
      sources: [folder],
      view: 'layers',
    });
    assert.deepEqual(methods(s), [['universality/runs', {}]]);
    assert.equal(statusText(s), 'loading');
    const listing = neededRequests(s)[0];
    s = run(
      s,
      { type: 'request', slot: 'runs', signature: signatureOf(listing) },
      { type: 'loaded', slot: 'runs', signature: signatureOf(listing), data: aListing() },
    );
    assert.deepEqual(methods(s), [
      ['universality/ckaLayers', { runDir: `${folder}/r1`, estimator: 'linear', permutations: 50 }],
    ]);
    assert.deepEqual(neededRequests(settle(s)), []);
    assert.equal(statusText(settle(s)), 'ready');
  });

  it('asks again when a choice changes the request, not when it only changes the figure', () => {
    const s = loaded();
    assert.deepEqual(methods(reduce(s, { type: 'layers', patch: { step: 100 } })), []);
    assert.deepEqual(methods(reduce(s, { type: 'layers', patch: { estimator: 'debiased' } })), [
      [
        'universality/ckaLayers',
        { runDir: `${folder}/r1`, estimator: 'debiased', permutations: 50 },
      ],
    ]);
    const other = reduce(s, { type: 'layers', patch: { run: `${folder}/r2`, permutations: 0 } });
    assert.deepEqual(methods(other), [
      ['universality/ckaLayers', { runDir: `${folder}/r2`, estimator: 'linear', permutations: 0 }],
    ]);
    assert.deepEqual(
      methods(reduce(s, { type: 'reload' })).map(([m]) => m),
      ['universality/runs', 'universality/ckaLayers'],
      'Refresh asks again for the listing and the view together',
    );
  });

  it("asks for each view's data on demand and once", () => {
    let s = reduce(loaded(), { type: 'show', view: 'runs' });
    assert.deepEqual(methods(s), [
      ['universality/ckaRuns', { estimator: 'linear', permutations: 50 }],
    ]);
    s = settle(s);
    s = reduce(s, { type: 'compare', patch: { layer: 'hidden.0', estimator: 'rbf' } });
    assert.deepEqual(methods(s), [
      ['universality/ckaRuns', { layer: 'hidden.0', estimator: 'rbf', permutations: 50 }],
    ]);
    s = settle(reduce(s, { type: 'show', view: 'stitching' }));
    s = reduce(s, { type: 'show', view: 'starvation' });
    assert.deepEqual(methods(s), [['universality/starvation', { source: folder }]]);
    s = settle(reduce(s, { type: 'show', view: 'layers' }));
    assert.deepEqual(methods(reduce(s, { type: 'show', view: 'stitching' })), []);
  });

  it('asks for stitching only between two different runs', () => {
    const s = loaded('stitching');
    const same = reduce(s, { type: 'stitching', patch: { to: `${folder}/r1` } });
    assert.deepEqual(methods(same), []);
    assert.deepEqual(methods(reduce(s, { type: 'stitching', patch: { to: `${folder}/r3` } })), [
      ['universality/stitching', { from: `${folder}/r1`, to: `${folder}/r3` }],
    ]);
  });

  it('asks nothing after the handshake failed', () => {
    const s = reduce(loaded(), { type: 'fatal', message: 'panel closed' });
    assert.deepEqual(neededRequests(reduce(s, { type: 'reload' })), []);
    assert.equal(statusText(s), 'error');
  });
});
