import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  formatsOf,
  runOptions,
  selectedStitchCell,
  stepIndex,
  viewError,
  visibleFigures,
} from '../../../../webview/universality/selectors';
import type { UniversalityViewId } from '../../../../src/shared/protocol/universalityView';
import {
  type UniversalityAction,
  initialState,
  permutationsOr,
  reduce,
  savedState,
} from '../../../../webview/universality/state';
import { aRunCkaLayers, folder, loaded, run } from './fixture';

function snapshot(view: UniversalityViewId, key = folder): UniversalityAction {
  return { type: 'snapshot', key, title: 't', sources: [key], view };
}

describe('universality view state', () => {
  it('restores valid saved choices and ignores invalid ones', () => {
    const s = initialState({
      key: folder,
      view: 'stitching',
      layers: { run: '/r', estimator: 'rbf', permutations: 20_000, label: 'x' },
      compare: { layer: 'hidden.0', estimator: 'nope' as 'rbf', permutations: -3 },
      stitching: { from: '/a', to: '/b', score: 'raw' as 'normalized' },
      exportFormat: 'gif' as 'png',
    });
    assert.equal(s.view, 'stitching');
    assert.deepEqual(
      [s.layers.estimator, s.layers.permutations, s.compare.estimator, s.compare.permutations],
      ['rbf', 10_000, 'linear', 0],
    );
    assert.equal(s.stitching.score, 'normalized');
    assert.equal(s.exportFormat, 'png');
    assert.equal(initialState().layers.permutations, 50);
  });

  it("takes the snapshot's view unless the page restored its own for the same panel", () => {
    assert.equal(reduce(initialState(), snapshot('starvation')).view, 'starvation');
    const restored = initialState({ key: folder, view: 'runs' });
    assert.equal(reduce(restored, snapshot('starvation')).view, 'runs');
    assert.equal(reduce(restored, snapshot('starvation', '/other')).view, 'starvation');
  });

  it('reads permutations from text and numbers, in range', () => {
    assert.equal(permutationsOr('200', 5), 200);
    assert.equal(permutationsOr(' ', 5), 5);
    assert.equal(permutationsOr('abc', 5), 5);
    assert.equal(permutationsOr(12.6, 5), 13);
    assert.equal(permutationsOr(-1, 5), 0);
  });

  it('defaults to runs with checkpoints once the listing arrived', () => {
    const s = loaded('stitching');
    assert.deepEqual(
      runOptions(s).map((o) => o.label),
      ['width 16 (r1)', 'width 32 (r2)', 'width 64 (r3) · running'],
    );
    assert.equal(s.layers.run, `${folder}/r1`);
    assert.deepEqual([s.stitching.from, s.stitching.to], [`${folder}/r1`, `${folder}/r2`]);
    assert.equal(s.starvation.source, folder);
    const same = reduce(s, { type: 'stitching', patch: { to: `${folder}/r1` } });
    assert.equal(same.stitching.to, `${folder}/r1`, 'a known run may be chosen as both');
    const unknown = reduce(s, { type: 'stitching', patch: { from: '/elsewhere' } });
    assert.equal(unknown.stitching.from, `${folder}/r1`);
  });

  it('drops answers to superseded requests', () => {
    let s = run(loaded(), { type: 'request', slot: 'layers', signature: 'new' });
    const before = s.loads.layers.data;
    s = reduce(s, { type: 'loaded', slot: 'layers', signature: 'old', data: aRunCkaLayers('rbf') });
    assert.equal(s.loads.layers.data, before);
    assert.equal(s.loads.layers.status, 'loading');
    s = reduce(s, { type: 'failed', slot: 'layers', signature: 'old', message: 'killed' });
    assert.equal(viewError(s), undefined);
    s = reduce(s, { type: 'failed', slot: 'layers', signature: 'new', message: 'bad-run: x' });
    assert.equal(viewError(s), 'bad-run: x');
    assert.deepEqual(visibleFigures(s), []);
  });

  it('Refresh forgets every request but keeps the data shown', () => {
    const s = reduce({ ...loaded(), stale: 'run r1: done' }, { type: 'reload' });
    assert.equal(s.loads.layers.requested, undefined);
    assert.equal(s.loads.runs.requested, undefined);
    assert.ok(s.loads.layers.data !== undefined);
    assert.equal(s.stale, undefined);
  });

  it('keeps a checkpoint and a cell only while the data has them', () => {
    const s = loaded();
    assert.equal(stepIndex(s), 1, 'the last checkpoint by default');
    const first = reduce(s, { type: 'layers', patch: { step: 100 } });
    assert.equal(stepIndex(first), 0);
    assert.equal(reduce(s, { type: 'layers', patch: { step: 999 } }).layers.step, undefined);
    const cell = { row: 'embedding', column: 'output' };
    const picked = reduce(s, { type: 'layers', patch: { cell } });
    assert.deepEqual(picked.layers.cell, cell);
    assert.deepEqual(visibleFigures(picked), ['layersHeatmap', 'layersPoints', 'layersAcross']);
    const gone = reduce(s, { type: 'layers', patch: { cell: { row: 'x', column: 'output' } } });
    assert.equal(gone.layers.cell, undefined);
    assert.deepEqual(visibleFigures(gone), ['layersHeatmap', 'layersAcross']);
  });

  it('lists the first forward stitching cell until one is clicked', () => {
    const s = loaded('stitching');
    assert.deepEqual(selectedStitchCell(s)?.ref, {
      direction: 'forward',
      fromLayer: 'embedding',
      toLayer: 'embedding',
    });
    const ref = { direction: 'backward', fromLayer: 'output', toLayer: 'embedding' } as const;
    const clicked = reduce(s, { type: 'stitching', patch: { cell: ref } });
    assert.ok(Math.abs((selectedStitchCell(clicked)?.cell.task.normalized ?? 0) - 0.2) < 1e-9);
    const bad = { ...ref, toLayer: 'hidden.9' };
    assert.equal(reduce(s, { type: 'stitching', patch: { cell: bad } }).stitching.cell, undefined);
  });

  it("fits the export figure and format to the view's figures", () => {
    let s = loaded('stitching');
    assert.equal(s.exportFigure, 'stitchingMatrix');
    s = run(
      s,
      { type: 'exportFormat', format: 'svg' },
      { type: 'exportFigure', figure: 'stitchingCell' },
    );
    assert.deepEqual([s.exportFigure, s.exportFormat], ['stitchingCell', 'csv']);
    assert.deepEqual(formatsOf('stitchingCell'), ['csv', 'json']);
    s = reduce(s, { type: 'exportFigure', figure: 'layersPoints' });
    assert.equal(s.exportFigure, 'stitchingMatrix', 'a figure of another view is refused');
    s = reduce(s, { type: 'show', view: 'layers' });
    assert.equal(s.exportFigure, 'layersHeatmap');
  });

  it('saves the choices without the cell and checkpoint', () => {
    const s = reduce(loaded(), {
      type: 'layers',
      patch: { step: 100, cell: { row: 'embedding', column: 'output' }, estimator: 'rbf' },
    });
    const saved = savedState(s);
    assert.equal(saved.key, folder);
    assert.deepEqual(saved.layers, {
      run: `${folder}/r1`,
      estimator: 'rbf',
      permutations: 50,
      label: 'relation',
    });
    assert.equal(JSON.stringify(saved).includes('"cell"'), false);
    assert.deepEqual(initialState(saved).layers.estimator, 'rbf');
  });
});
