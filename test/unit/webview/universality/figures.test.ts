import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PlotData } from 'plotly.js';
import { fallbackTheme as theme } from '../../../../webview/common/plotTheme';
import { cellText, significanceMark } from '../../../../webview/universality/format';
import {
  ckaAnnotations,
  ckaHeatmapFigure,
  ckaHoverTexts,
  significanceNote,
} from '../../../../webview/universality/heatmap';
import {
  acrossFigure,
  layersHeatmapFigure,
  maxCategories,
  pointTraces,
  pointsFigure,
} from '../../../../webview/universality/layersFigures';
import { runsHeatmapFigure } from '../../../../webview/universality/runsFigure';
import { reduce } from '../../../../webview/universality/state';
import { aMatrix, aRunCkaLayers, loaded } from './fixture';

type Trace = Partial<PlotData>;
const options = {
  key: 'k',
  figure: 'f',
  title: 'T',
  xTitle: 'layer',
  yTitle: 'layer',
  estimator: 'linear' as const,
};

describe('CKA heatmaps', () => {
  it('marks significance from the permutation p-values', () => {
    assert.deepEqual([0.0005, 0.001, 0.005, 0.03, 0.05, 0.4, Number.NaN].map(significanceMark), [
      '***',
      '**',
      '**',
      '*',
      'n.s.',
      'n.s.',
      'n.s.',
    ]);
    const band = { pValue: 0.4, mean: 0.1, low: 0.05, high: 0.2, permutations: 100 };
    assert.equal(cellText(0.304, band), '0.30<br>n.s.');
    assert.equal(cellText(0.816, { ...band, pValue: 0.004 }), '0.82**');
    assert.equal(cellText(0.816), '0.82', 'no mark without a test');
  });

  it('writes each value with its mark into its cell, text readable on its colour', () => {
    const notes = ckaAnnotations(aMatrix(), theme, options);
    assert.equal(notes.length, 9);
    const at = (x: string, y: string) => notes.find((n) => n.x === x && n.y === y);
    assert.equal(at('hidden.0', 'embedding')?.text, '0.82**');
    assert.equal(at('output', 'embedding')?.text, '0.30<br>n.s.');
    assert.equal(at('output', 'hidden.0')?.text, '0.61*');
    assert.equal(at('embedding', 'embedding')?.text, '1.00***');
    assert.notEqual(
      at('embedding', 'embedding')?.font?.color,
      at('output', 'embedding')?.font?.color,
    );
    const selected = ckaAnnotations(aMatrix(), theme, {
      ...options,
      selected: { row: 'embedding', column: 'output' },
    });
    assert.equal(selected[2].text, '<b>[0.30<br>n.s.]</b>');
  });

  it('puts the null band of each cell in its hover', () => {
    const hover = ckaHoverTexts(aMatrix(), options);
    assert.equal(
      hover[0][1],
      'embedding ↔ hidden.0<br>linear CKA 0.82<br>p = 0.005 (2000 permutations); null mean 0.10, ' +
        '2.5–97.5 %: 0.05–0.20',
    );
    assert.equal(
      ckaHoverTexts(aMatrix(undefined, false), options)[0][1],
      'embedding ↔ hidden.0<br>linear CKA 0.82',
    );
  });

  it('draws on a fixed 0–1 scale, rows top down, with the legend of the marks', () => {
    const { data, layout } = ckaHeatmapFigure(aMatrix(), theme, options);
    const trace = data[0] as Trace & { zmin: number; zmax: number };
    assert.equal(trace.type, 'heatmap');
    assert.deepEqual([trace.zmin, trace.zmax], [0, 1]);
    assert.deepEqual(trace.y, ['embedding', 'hidden.0', 'output']);
    assert.equal(layout.yaxis?.autorange, 'reversed');
    assert.match(String((layout.title as { text: string }).text), /2000 permutations per cell/);
    assert.equal(significanceNote(aMatrix(undefined, false)), undefined);
    const untested = ckaHeatmapFigure(aMatrix(undefined, false), theme, options);
    assert.equal((untested.layout.title as { text: string }).text, 'T');
  });

  it('shows the chosen checkpoint of the layers, and the runs by distinct labels', () => {
    const s = reduce(loaded(), { type: 'layers', patch: { step: 100 } });
    const { layout } = layersHeatmapFigure(s, theme);
    assert.match(
      String((layout.title as { text: string }).text),
      /^r1: linear CKA between layers at step 100/,
    );
    const runs = runsHeatmapFigure(loaded('runs'), theme);
    assert.deepEqual(runs.data[0].x, ['seed (r1)', 'seed (r2)', 'seed (r3)']);
    assert.match(
      String((runs.layout.title as { text: string }).text),
      /debiased linear CKA between runs at layer embedding/,
    );
  });
});

describe('layer points and checkpoints', () => {
  it("draws the clicked cell's two layers side by side, one trace per label", () => {
    const cell = { row: 'embedding', column: 'output' };
    const s = reduce(loaded(), { type: 'layers', patch: { cell } });
    const { data, layout } = pointsFigure(s, theme);
    assert.equal(data.length, 6, '3 relations × 2 layers');
    const left = data.filter((t) => t.xaxis === 'x');
    const right = data.filter((t) => t.xaxis === 'x2');
    assert.deepEqual(
      left.map((t) => t.name),
      ['parent', 'child', 'sibling'],
    );
    assert.deepEqual(left[0].x, [0, 2], 'examples 0 and 2 are parents');
    assert.deepEqual(right[0].x, [2, 4], 'the output layer is shifted by 2');
    assert.deepEqual(left[0].text, ['p0 → p1', 'p2 → p3']);
    assert.deepEqual([left[0].showlegend, right[0].showlegend], [true, false]);
    assert.equal((layout.xaxis?.title as { text: string }).text, 'embedding: PC1 (50.0%)');
    assert.equal(pointsFigure(loaded(), theme).data.length, 0, 'nothing before a click');
  });

  it('colours many categories on a continuous scale instead', () => {
    const data = aRunCkaLayers();
    const names = Array.from({ length: maxCategories + 1 }, (_, i) => `p${i}`);
    const labels = { name: 'person', values: [0, 5, 12, 3], names };
    const traces = pointTraces(data.steps[0].points[0], data.examples, labels, theme, 1);
    assert.equal(traces.length, 1);
    assert.deepEqual((traces[0].marker as { color: number[] }).color, [0, 5, 12, 3]);
    assert.equal((traces[0].text as string[])[2], 'p2 → p3<br>person: p12');
  });

  it('draws each layer against its final state, marking the shown checkpoint', () => {
    const s = reduce(loaded(), { type: 'layers', patch: { step: 100 } });
    const { data, layout } = acrossFigure(s, theme);
    assert.deepEqual(
      data.map((t) => t.name),
      ['embedding', 'hidden.0', 'output'],
    );
    assert.deepEqual(data[0].x, [100, 200]);
    assert.equal(layout.shapes?.[0].x0, 100);
  });
});
