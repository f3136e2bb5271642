import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fallbackTheme as theme } from '../../../../webview/common/plotTheme';
import {
  detailsFigure,
  dimensionFigure,
  fitLine,
  perturbationFigure,
  survivalFigure,
} from '../../../../webview/completeness/figures';
import { binsFor, histogramFigure } from '../../../../webview/completeness/histogram';
import { type CompletenessState, reduce } from '../../../../webview/completeness/state';
import { aSweep, loadedInitial, loadedResults } from './fixture';

type Shape = { x0: number; x1: number; y0: number; y1: number };
function assertClose(actual: unknown, expected: number[]): void {
  const a = actual as number[];
  assert.equal(a.length, expected.length);
  a.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) < 1e-12, `${v} ≠ ${expected[i]}`));
}
const titleOf = (axis: unknown): string => (axis as { title: { text: string } }).title.text;
const run = (id: string, s: CompletenessState = loadedResults()): CompletenessState =>
  reduce(s, { type: 'selectRun', run: `/runs/sweep/${id}` });

describe('completeness histogram', () => {
  it("histograms one run's candidates and marks the chosen one at its score", () => {
    const { data, layout } = histogramFigure(run('r1'), theme);
    assert.equal(data[0].type, 'histogram');
    assert.deepEqual(data[0].x, [0.5, 2, 1]);
    assert.equal(data[1].name, 'chosen');
    assert.deepEqual(data[1].x, [2]);
    assert.deepEqual(data[1].text, ['k=2']);
    const shapes = layout.shapes as Shape[];
    assert.deepEqual(
      shapes.map((l) => [l.x0, l.x1]),
      [[2, 2]],
    );
    assert.equal((layout.annotations as { text: string }[])[0].text, 'k=2');
    assert.equal(titleOf(layout.xaxis), 'initial signal S_k (one per frequency)');
  });

  it('marks every chosen candidate and switches to z scores for modular addition', () => {
    const s = reduce(run('r2'), { type: 'unit', unit: 'z' });
    const { data, layout } = histogramFigure(s, theme);
    assert.deepEqual(data[0].x, [2, -1.5, 0.1]);
    assert.deepEqual(data[1].x, [2, 0.1]);
    assert.deepEqual(
      (layout.shapes as Shape[]).map((l) => l.x0),
      [2, 0.1],
    );
    assert.equal(titleOf(layout.xaxis), 'standardized score z (one per frequency)');
  });

  it('pools all runs with the chosen candidates stacked on the others, on shared bins', () => {
    const { data, layout } = histogramFigure(loadedResults(), theme);
    assert.deepEqual(
      data.map((t) => [t.type, t.name]),
      [
        ['histogram', 'other candidates'],
        ['histogram', 'chosen'],
      ],
    );
    assert.deepEqual(data[1].x, [2, 1.5, 0.8]);
    assert.deepEqual(data[0].x, [0.5, 1, 0.2]);
    assert.deepEqual(data[0].xbins, data[1].xbins);
    assert.equal(layout.barmode, 'stack');
  });

  it('names the score of each task on the axis', () => {
    const xor = loadedResults({ ...aSweep(), task: 'multi-digit-xor' });
    assert.match(titleOf(histogramFigure(xor, theme).layout.xaxis), /^arrangement score/);
    const rem = loadedResults({ ...aSweep(), task: 'remainder-equivalence' });
    assert.match(titleOf(histogramFigure(rem, theme).layout.xaxis), /^line completeness L\(π\)/);
  });

  it('marks the top candidates of a preview, ranked, with nothing chosen', () => {
    const { data, layout } = histogramFigure(loadedInitial(), theme);
    assert.deepEqual(
      data.map((t) => t.name),
      ['frequency candidates', 'top candidates'],
    );
    assert.deepEqual(data[1].x, [2, 1]);
    assert.deepEqual(data[1].text, ['#1 k=2', '#2 k=3']);
    assert.match((layout.title as { text: string }).text, /d = 8, seed 5/);
  });

  it('makes bins that cover every value, between 5 and 40 of them', () => {
    const values = [3, -1, 7, 7, 2];
    const b = binsFor(values);
    assert.ok(b.start < -1 && b.end > 7);
    const count = (b.end - b.start) / b.size;
    assert.ok(count >= 5 && count <= 41, String(count));
    const flat = binsFor([4, 4]);
    assert.ok(flat.size > 0 && flat.start < 4 && flat.end > 4);
    assert.ok(binsFor(Array.from({ length: 10_000 }, (_, i) => i)).size >= 9999 / 40);
  });
});

describe('survival scatter', () => {
  it('has one trace per embedding seed and a least-squares line through slope·x + intercept', () => {
    const { data, layout } = survivalFigure(loadedResults(), theme);
    assert.deepEqual(
      data.slice(0, 2).map((t) => [t.name, t.x, t.y]),
      [
        ['embedding seed 1 (2 runs)', [0.5, 2, 1], [0, 1, 0.5]],
        ['embedding seed 2 (2 runs)', [1.5, 0.2, 0.8], [1, 0, 0.5]],
      ],
    );
    const fit = data[2];
    assert.deepEqual(fit.x, [0.2, 2]);
    const y = fit.y as number[];
    assert.ok(Math.abs(y[0] - (0.5 * 0.2 - 0.1)) < 1e-12);
    assert.ok(Math.abs(y[1] - (0.5 * 2 - 0.1)) < 1e-12);
    const title = (layout.title as { text: string }).text;
    assert.match(title, /r = 0\.9, p = 4\.0e-4, n = 6/);
    assert.match(String(fit.name), /r = 0\.9/);
  });

  it('says when the correlation is undefined (constant survival)', () => {
    const sweep = aSweep();
    const survival = { ...sweep.survival!, pearsonR: null, pValue: null };
    const { layout } = survivalFigure(loadedResults({ ...sweep, survival }), theme);
    assert.match((layout.title as { text: string }).text, /r = –, p = –, n = 6/);
  });

  it('computes fit end points at the extreme x', () => {
    assert.deepEqual(fitLine([3, 1, 2], 2, 1), { x: [1, 3], y: [3, 7] });
  });

  it('is empty without survival data', () => {
    const s = loadedResults({ ...aSweep(), survival: undefined });
    assert.deepEqual(survivalFigure(s, theme).data, []);
  });
});

describe('dimension sweep curves', () => {
  it('plots accuracy for trained vs frozen embeddings and run-weighted circularity by dim', () => {
    const { data, layout } = dimensionFigure(loadedResults(), theme);
    const byName = new Map(data.map((t) => [t.name, t]));
    const trained = byName.get('test accuracy, trained embedding');
    assert.deepEqual(
      [trained?.x, trained?.y],
      [
        [8, 32],
        [0.9, 0.99],
      ],
    );
    const frozen = byName.get('test accuracy, frozen embedding');
    assert.deepEqual(
      [frozen?.x, frozen?.y],
      [
        [8, 32],
        [0.4, 0.6],
      ],
    );
    assert.deepEqual(byName.get('circles, frozen embedding')?.yaxis, 'y3');
    const mean = byName.get('mean initial circularity');
    // d = 8: (0.3·1 + 0.5·3) / 4; d = 32: (0.5·1 + 0.4·1) / 2
    assertClose(mean?.y, [0.45, 0.45]);
    // d = 8: (0.7·1 + 0.9·3) / 4; d = 32: (0.9·1 + 0.8·1) / 2
    assertClose(byName.get('max initial circularity')?.y, [0.85, 0.85]);
    assert.equal((layout.xaxis as { type: string }).type, 'linear');
  });

  it('uses a log x axis on request', () => {
    const s = reduce(loadedResults(), { type: 'logX', on: true });
    assert.equal((dimensionFigure(s, theme).layout.xaxis as { type: string }).type, 'log');
  });
});

describe('perturbation curve', () => {
  it('plots each perturbed frequency and their mean against increasing α', () => {
    const { data } = perturbationFigure(loadedResults(), theme);
    assert.deepEqual(
      data.map((t) => [t.name, t.x, t.y]),
      [
        ['k=2', [0.5, 2], [0.25, 1]],
        ['k=3', [0.5, 2], [0, 0.75]],
        ['mean over perturbed frequencies', [0.5, 2], [0.125, 0.875]],
      ],
    );
  });
});

describe('modular addition run details', () => {
  it('shows initial and final S_k with the threshold line and the circles highlighted', () => {
    const { data, layout } = detailsFigure(run('r2'), theme);
    assert.deepEqual(
      data.map((t) => [t.name, t.x, t.y]),
      [
        ['initial S_k', [1, 2, 3], [1.5, 0.2, 0.8]],
        ['final S_k (circles highlighted)', [1, 2, 3], [4, 0.1, 3]],
      ],
    );
    const colours = (data[1].marker as { color: string[] }).color;
    assert.equal(colours[0], colours[2]);
    assert.notEqual(colours[0], colours[1]);
    assert.equal(colours[1], theme.grid);
    const [threshold] = layout.shapes as Shape[];
    assert.deepEqual([threshold.y0, threshold.y1], [4.7, 4.7]);
    assert.match(
      (layout.title as { text: string }).text,
      /final circles k = 1, 3; key frequencies 1, 3/,
    );
  });

  it('is empty in pooled mode', () => {
    assert.deepEqual(detailsFigure(loadedResults(), theme).data, []);
  });
});
