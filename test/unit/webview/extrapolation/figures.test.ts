import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PlotData } from 'plotly.js';
import { fallbackTheme as theme, seriesColor } from '../../../../webview/common/plotTheme';
import { barRows, barsFigure } from '../../../../webview/extrapolation/bars';
import { chanceLevels, curvesFigure, metricDash } from '../../../../webview/extrapolation/curves';
import { reduce } from '../../../../webview/extrapolation/state';
import { aComparison, aRun, aSeededComparison, loaded } from './fixture';

type Trace = Partial<PlotData>;
const named = (data: Trace[], name: string): Trace => {
  const t = data.find((d) => d.name === name);
  assert.ok(t !== undefined, `no trace "${name}" in ${data.map((d) => d.name).join(' | ')}`);
  return t;
};
const titleOf = (axis: unknown): string => (axis as { title: { text: string } }).title.text;
function assertClose(actual: unknown, expected: number[]): void {
  const a = actual as number[];
  assert.equal(a.length, expected.length);
  a.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) < 1e-9, `${v} ≠ ${expected[i]}`));
}

describe('extrapolation curves figure', () => {
  it('draws loss, OOD R1 and ID grammatical per run in the run colour, one dash per metric', () => {
    const { data } = curvesFigure(loaded(), theme);
    const loss = named(data, 'oracle: validation loss');
    assert.deepEqual(loss.x, [100, 200, 300]);
    assertClose(loss.y, [1, 0.21, 0.22]);
    assert.equal(loss.yaxis, 'y');
    const ood = named(data, 'oracle: OOD rule-1 accuracy');
    assertClose(ood.y, [0.1, 0.9, 0.85]);
    assert.equal(ood.yaxis, 'y2');
    const gram = named(data, 'oracle: ID grammatical accuracy');
    assertClose(gram.y, [0.5, 0.95, 0.97]);
    assert.equal(gram.yaxis, 'y2');
    assert.equal(loss.line?.color, seriesColor(theme, 1));
    assert.equal(ood.line?.color, seriesColor(theme, 1));
    assert.deepEqual(
      [loss.line?.dash, ood.line?.dash, gram.line?.dash],
      [metricDash.loss, metricDash.oodR1, metricDash.idGrammatical],
    );
    const forced = named(data, 'oracle: teacher-forced accuracy');
    assert.equal(forced.line?.dash, metricDash.valAcc);
    // 3 runs × (4 metrics + 2 best markers) + one chance line
    assert.equal(data.length, 19);
  });

  it("marks each run's best-validation checkpoint on both panels", () => {
    const { data } = curvesFigure(loaded(), theme);
    const marks = data.filter((d) => d.name === 'normal: best validation checkpoint (step 200)');
    assert.equal(marks.length, 2);
    assert.deepEqual(
      marks.map((m) => [m.x, m.y, m.yaxis]),
      [
        [[200], [0.2], 'y'],
        [[200], [0.4], 'y2'],
      ],
    );
  });

  it('shows the unmasked loss when switched, on a log axis named after it', () => {
    const s = reduce(loaded(), { type: 'loss', loss: 'unmasked' });
    const { data, layout } = curvesFigure(s, theme);
    assertClose(named(data, 'normal: validation loss').y, [0.5, 0.1, 0.105]);
    const mark = data.find((d) => d.name?.startsWith('normal: best') === true && d.yaxis === 'y');
    assert.deepEqual(mark?.y, [0.1]);
    assert.equal(layout.yaxis?.type, 'log');
    assert.match(titleOf(layout.yaxis), /PAD counted/);
    assert.match(titleOf(curvesFigure(loaded(), theme).layout.yaxis), /PAD masked/);
  });

  it('draws the chance baseline as a dashed line across all steps of the accuracy panel', () => {
    const { data, layout } = curvesFigure(loaded(), theme);
    const chance = named(data, 'chance OOD rule-1 accuracy (25.0%)');
    assert.deepEqual(chance.x, [100, 300]);
    assert.deepEqual(chance.y, [0.25, 0.25]);
    assert.equal(chance.yaxis, 'y2');
    assert.equal(chance.line?.dash, 'dash');
    assert.deepEqual(layout.yaxis2?.domain, [0, 0.44]);
    assert.equal(layout.xaxis?.anchor, 'y2');
    const mixed = [
      aRun('a', 'normal', 0.2, 0.4),
      { ...aRun('b', 'oracle', 0.2, 0.4), chanceOodR1: 0.5 },
    ];
    assert.deepEqual(chanceLevels(mixed), [0.25, 0.5]);
  });

  it('has no traces without runs', () => {
    assert.equal(curvesFigure(loaded({ ...aComparison(), runs: [] }), theme).data.length, 0);
  });
});

describe('extrapolation best-checkpoint bars', () => {
  it("per run: bar heights are the best checkpoint's loss and OOD R1, side by side", () => {
    const { data, layout } = barsFigure(loaded(), theme);
    assert.equal(data.length, 2);
    const [loss, ood] = data;
    assert.deepEqual(loss.x, ['normal', 'oracle', 'adversarial']);
    assert.deepEqual(loss.y, [0.2, 0.21, 0.2]);
    assert.deepEqual(ood.y, [0.4, 0.9, 0.1]);
    assert.deepEqual([loss.xaxis, loss.yaxis, ood.xaxis, ood.yaxis], ['x', 'y', 'x2', 'y2']);
    assert.equal(loss.error_y, undefined);
    assert.deepEqual(
      (loss.marker as { color: string[] }).color,
      [0, 1, 2].map((i) => seriesColor(theme, i)),
    );
    const shapes = layout.shapes as { y0: number; yref: string }[];
    assert.deepEqual(
      shapes.map((l) => [l.y0, l.yref]),
      [[0.25, 'y2']],
    );
    assert.equal((layout.annotations as { text: string }[])[0].text, 'chance 25.0%');
  });

  it('per variant: means from the summary with ±sd error bars only for variants of several runs', () => {
    const { data } = barsFigure(loaded(aSeededComparison()), theme);
    const [loss, ood] = data;
    assert.deepEqual(loss.x, ['normal (2 runs)', 'oracle (1 run)']);
    assert.deepEqual(loss.y, [0.25, 0.25]);
    assert.deepEqual(ood.y, [0.5, 0.9]);
    const sd = (t: Trace) => (t.error_y as { array: number[] }).array;
    assert.equal(sd(loss)[0], 0.0707);
    assert.ok(Number.isNaN(sd(loss)[1]));
    assert.equal(sd(ood)[0], 0.1414);
  });

  it('per variant with the unmasked loss: mean and sample sd over the variant runs', () => {
    const s = reduce(loaded(aSeededComparison()), { type: 'loss', loss: 'unmasked' });
    const [normal, oracle] = barRows(s);
    assert.ok(Math.abs(normal.loss - 0.125) < 1e-12);
    assert.ok(Math.abs((normal.lossSd ?? 0) - Math.SQRT2 * 0.025) < 1e-12);
    assert.equal(oracle.loss, 0.125);
    assert.equal(oracle.lossSd, undefined);
    const perRun = barRows(reduce(s, { type: 'bars', bars: 'run' }));
    assert.deepEqual(
      perRun.map((r) => [r.label, r.step, r.loss, r.oodR1]),
      [
        ['normal, seed 1', 200, 0.1, 0.4],
        ['normal, seed 2', 200, 0.15, 0.6],
        ['oracle', 200, 0.125, 0.9],
      ],
    );
  });
});
