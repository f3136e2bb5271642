import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fallbackTheme as theme } from '../../../../webview/common/plotTheme';
import {
  accuracyFigure,
  bestCell,
  depthSeries,
  facetCells,
  stepsFigure,
  universalityFigure,
} from '../../../../webview/universality/starvation';
import { reduce } from '../../../../webview/universality/state';
import {
  bestControl,
  cellRows,
  controlMargin,
  scoreRange,
  stitchAnnotations,
  stitchGrid,
  stitchingFigure,
} from '../../../../webview/universality/stitching';
import { aCell, aStarvation, aStarvationCell, aStitching, loaded } from './fixture';

const close = (a: number | undefined, b: number) =>
  assert.ok(Math.abs((a ?? NaN) - b) < 1e-9, `${a} ≠ ${b}`);

describe('stitching', () => {
  it('lays a direction out as source layers × target layers', () => {
    const g = stitchGrid(aStitching().forward);
    assert.deepEqual(
      [g.fromLayers, g.toLayers],
      [
        ['embedding', 'output'],
        ['embedding', 'output'],
      ],
    );
    close(g.cells[1][0]?.task.normalized, 0.3);
  });

  it('compares the task score with the best control', () => {
    const cell = aCell('a', 'b', 0.3, 0.4);
    assert.deepEqual(bestControl(cell, 'normalized'), { name: 'shuffled', score: 0.4 });
    close(controlMargin(cell, 'normalized'), -0.1);
    close(controlMargin(aCell('a', 'b', 0.9), 'normalized'), 0.7);
    const rows = cellRows(aCell('a', 'b', 0.9), 'normalized');
    assert.deepEqual(
      rows.map((r) => r.name),
      ['task (AAT)', 'regression', 'random control', 'shuffled control', 'person held-out control'],
    );
    close(rows[0].aboveBestControl, 0.7);
    close(rows[1].aboveBestControl, 0.25);
    assert.equal(rows[2].aboveBestControl, undefined);
    const raw = cellRows(aCell('a', 'b', 0.9), 'balancedAccuracy');
    close(raw[0].aboveBestControl, 0.95 - 0.6);
  });

  it('marks cells not above their best control, and the selected one', () => {
    const g = stitchGrid(aStitching().forward);
    const ref = { direction: 'forward', fromLayer: 'embedding', toLayer: 'output' } as const;
    const notes = stitchAnnotations(g, 'forward', 'normalized', [0, 1], ref);
    assert.deepEqual(
      notes.map((n) => n.text),
      ['0.90', '<b>[0.50]</b>', '0.30†', '0.80'],
    );
    assert.deepEqual(
      notes.map((n) => n.xref),
      ['x', 'x', 'x', 'x'],
    );
    const back = stitchAnnotations(g, 'backward', 'normalized', [0, 1]);
    assert.deepEqual([back[0].xref, back[0].yref], ['x2', 'y2']);
  });

  it('draws both directions on one colour scale of the chosen score', () => {
    const { data, layout } = stitchingFigure(loaded('stitching'), theme);
    assert.equal(data.length, 2);
    assert.deepEqual([data[0].xaxis, data[1].xaxis], ['x', 'x2']);
    close((data[1].z as number[][])[0][0], 0.8);
    const axis = (layout as { coloraxis: { cmin: number; cmax: number } }).coloraxis;
    assert.deepEqual([axis.cmin, axis.cmax], [0, 1]);
    const raw = reduce(loaded('stitching'), {
      type: 'stitching',
      patch: { score: 'balancedAccuracy' },
    });
    close((stitchingFigure(raw, theme).data[0].z as number[][])[0][0], 0.95);
    assert.deepEqual(scoreRange('balancedAccuracy', 0.5), [0.5, 1]);
    assert.match(String((layout.title as { text: string }).text), /† not above the best control/);
  });
});

describe('starvation', () => {
  const s = loaded('starvation');

  it('shows the first embedding size until another is chosen', () => {
    assert.equal(s.starvation.embedDim, 4);
    assert.equal(facetCells(s).length, 1);
    const eight = reduce(s, { type: 'starvation', patch: { embedDim: 8 } });
    assert.equal(facetCells(eight).length, 5);
    assert.equal(reduce(s, { type: 'starvation', patch: { embedDim: 99 } }).starvation.embedDim, 4);
  });

  it('builds one series per depth, widths ascending, with means and sds', () => {
    const cells = aStarvation().cells.filter((c) => c.embedDim === 8);
    const series = depthSeries(cells, (c) => c.testAccuracy);
    assert.deepEqual(
      series.map((d) => [d.depth, d.widths, d.mean]),
      [
        [1, [8, 16, 32], [0.6, 0.9, 0.9]],
        [2, [8, 16], [0.7, 0.85]],
      ],
    );
    assert.deepEqual(series[0].sd, [0.01, 0.01, 0.01]);
    const steps = depthSeries(cells, (c) => (c.converged > 0 ? c.stepsTo100 : undefined));
    assert.deepEqual(steps[0].widths, [16, 32], 'width 8 of depth 1 never converged');
  });

  it('names the best width: highest accuracy, then fewer parameters', () => {
    const cells = aStarvation().cells.filter((c) => c.embedDim === 8);
    assert.deepEqual([bestCell(cells)?.width, bestCell(cells)?.depth], [16, 1]);
    assert.equal(bestCell([aStarvationCell(8, 1, 8, Number.NaN)]), undefined);
  });

  it('draws accuracy at the budget and at convergence per depth on a log width axis', () => {
    const eight = reduce(s, { type: 'starvation', patch: { embedDim: 8 } });
    const { data, layout } = accuracyFigure(eight, theme);
    assert.deepEqual(
      data.map((t) => t.name),
      [
        'depth 1: at 1000 steps',
        'depth 2: at 1000 steps',
        'depth 1: at convergence',
        'depth 2: at convergence',
      ],
    );
    assert.deepEqual((data[0].error_y as { array: number[] }).array, [0.01, 0.01, 0.01]);
    assert.equal(data[0].line?.color, data[2].line?.color);
    assert.equal(layout.xaxis?.type, 'log');
    assert.deepEqual(layout.xaxis?.tickvals, [8, 16, 32]);
    assert.equal(universalityFigure(eight, theme).data.length, 6);
    assert.equal(stepsFigure(eight, theme).data.length, 2);
  });
});
