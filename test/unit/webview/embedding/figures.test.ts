import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fallbackTheme as theme } from '../../../../webview/common/plotTheme';
import {
  axisRange,
  explainedFigure,
  maxCategories,
  scatterFigure,
} from '../../../../webview/embedding/figures';
import {
  type EmbeddingState,
  initialState,
  noColour,
  reduce,
} from '../../../../webview/embedding/state';
import { exportBaseName, frameJson, frameTable } from '../../../../webview/embedding/exports';
import { sliderText, summaryLines } from '../../../../webview/embedding/summary';
import { aTrajectory } from '../../../helpers/embedding';

function loaded(k: 2 | 3 = 2, colourBy?: string): EmbeddingState {
  const s = reduce(initialState({ key: '/runs/exp/r1', colourBy }), {
    type: 'loaded',
    data: aTrajectory([0, 10, 20, 30], k),
  });
  return reduce(s, { type: 'select', index: 1 });
}

describe('embedding scatter figure', () => {
  it('has one trace per label value, covering every token once, with hover text', () => {
    const { data } = scatterFigure(loaded(2, 'residue'), theme);
    assert.deepEqual(
      data.map((t) => t.name),
      ['residue 0', 'residue 1'],
    );
    const ids = data.flatMap((t) => t.customdata as number[]).sort();
    assert.deepEqual(ids, [0, 1, 2, 3]);
    const first = data[0];
    assert.deepEqual(first.x, [1, 3]); // step index 1: x = 1 + token
    assert.deepEqual(first.text, ['token 0<br>residue 0', 'token 2<br>residue 0']);
    assert.equal(first.hovertemplate, '%{text}<extra></extra>');
    assert.equal(first.type, 'scatter');
  });

  it('uses a colour scale instead of a legend for labels with many values', () => {
    const s = loaded(2, 'token');
    const many = {
      ...s,
      data: {
        ...s.data!,
        labels: { token: Array.from({ length: maxCategories + 1 }, (_, i) => i) },
      },
    };
    many.data.points = many.data.points.map(() =>
      Array.from({ length: maxCategories + 1 }, (_, i) => [i, -i]),
    );
    many.data.tokens = many.data.labels.token;
    const { data } = scatterFigure(many, theme);
    assert.equal(data.length, 1);
    const marker = data[0].marker as { color: number[]; showscale: boolean };
    assert.equal(marker.showscale, true);
    assert.equal(marker.color.length, maxCategories + 1);
  });

  it('uses one colour and hover text with every label when colouring is off', () => {
    const { data } = scatterFigure(loaded(2, noColour), theme);
    assert.equal(data.length, 1);
    assert.deepEqual((data[0].text as string[])[1], 'token 1<br>residue 1');
  });

  it('fixes square axis ranges over all steps and keeps zoom with uirevision', () => {
    const s = loaded();
    const { layout } = scatterFigure(s, theme);
    const r = axisRange(s.data);
    assert.equal(r, 6 * 1.05); // largest |coordinate|: step index 3, token 3
    const x = layout.xaxis as { range: number[] };
    const y = layout.yaxis as { range: number[]; scaleanchor: string };
    assert.deepEqual(x.range, [-r, r]);
    assert.deepEqual(y.range, [-r, r]);
    assert.equal(y.scaleanchor, 'x');
    assert.equal(layout.uirevision, '/runs/exp/r1#2');
    const later = scatterFigure(reduce(s, { type: 'select', index: 3 }), theme).layout;
    assert.equal(later.uirevision, layout.uirevision);
  });

  it('draws a 3-D scatter in a cube scene for k = 3', () => {
    const { data, layout } = scatterFigure(loaded(3, 'residue'), theme);
    assert.equal(data[0].type, 'scatter3d');
    assert.ok(Array.isArray(data[0].z));
    assert.equal((layout.scene as { aspectmode: string }).aspectmode, 'cube');
  });

  it('draws nothing but a valid figure while loading', () => {
    const { data } = scatterFigure(initialState(), theme);
    assert.deepEqual(data[0].x, []);
  });
});

describe('explained variance figure', () => {
  it('has one line per PC over the steps and marks the shown step', () => {
    const { data, layout } = explainedFigure(loaded(), theme);
    assert.deepEqual(
      data.map((t) => t.name),
      ['PC 1', 'PC 2'],
    );
    assert.deepEqual(data[0].x, [0, 10, 20, 30]);
    assert.deepEqual(data[1].y, [0.3, 0.3, 0.3, 0.3]);
    assert.equal((layout.shapes as { x0: number }[])[0].x0, 10);
  });
});

describe('embedding summary text', () => {
  it('states the step, the explained variance, the accuracy and the colouring', () => {
    const lines = summaryLines(loaded(2, 'residue'));
    assert.deepEqual(lines, [
      'Step 10: checkpoint 2 of 4.',
      '4 tokens of embedding.weight projected onto the top 2 principal components, which ' +
        'explain 90.0% of the variance (PC 1 60.0%, PC 2 30.0%).',
      'Train accuracy 50.0%, test accuracy 25.0%.',
      'Coloured by residue (2 values).',
    ]);
    assert.equal(sliderText(loaded()), 'step 10 (2 / 4)');
  });

  it('says when it is computing, failed, or has no checkpoints', () => {
    assert.match(summaryLines(initialState())[0], /Computing/);
    const failed = reduce(initialState(), { type: 'failed', message: 'no run.json' });
    assert.match(summaryLines(failed)[0], /could not be computed: no run\.json/);
    const empty = reduce(initialState(), { type: 'loaded', data: aTrajectory([]) });
    assert.deepEqual(summaryLines(empty), ['This run has no checkpoints yet.']);
    assert.equal(sliderText(empty), 'no checkpoints');
  });

  it('exports the shown frame as a table with labels and coordinates, and as JSON', () => {
    const s = loaded();
    assert.deepEqual(frameTable(s), {
      columns: ['token', 'residue', 'pc1', 'pc2'],
      rows: [
        [0, 0, 1, -1],
        [1, 1, 2, 0],
        [2, 0, 3, 1],
        [3, 1, 4, 2],
      ],
    });
    const doc = frameJson(s) as { step: number; points: number[][] };
    assert.equal(doc.step, 10);
    assert.deepEqual(doc.points[3], [4, 2]);
    assert.equal(exportBaseName(s), 'embedding-r1-step-10');
  });
});
