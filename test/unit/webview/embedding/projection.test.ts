import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type EmbeddingProjection,
  type EmbeddingTrajectoryResult,
  circlePositionLabel,
} from '../../../../src/shared/embeddingResults';
import { embeddingMessageSchemas } from '../../../../src/shared/protocol/embeddingViewSchemas';
import { fallbackTheme as theme } from '../../../../webview/common/plotTheme';
import { explainedFigure, scatterFigure } from '../../../../webview/embedding/figures';
import {
  axisTitles,
  choiceLabel,
  choiceOptions,
  choiceValue,
  fixedDims,
  modeOptions,
  modeValue,
  requestForChoice,
  requestForDims,
  savedRequest,
} from '../../../../webview/embedding/projection';
import {
  type EmbeddingState,
  initialState,
  reduce,
  savedState,
} from '../../../../webview/embedding/state';
import { frameTable } from '../../../../webview/embedding/exports';
import { summaryLines } from '../../../../webview/embedding/summary';
import { aTrajectory } from '../../../helpers/embedding';

/** A 4-token trajectory in the given projection (coordinates from `aTrajectory`). */
function inProjection(projection: EmbeddingProjection): EmbeddingTrajectoryResult {
  const k = projection.axes.length as 2 | 3;
  return { ...aTrajectory([0, 10, 20, 30], k), projection };
}

const fourier: EmbeddingProjection = {
  kind: 'fourier',
  k: 5,
  p: 13,
  axes: ['Re F_5 (final)', 'Im F_5 (final)'],
  available: ['fourier', 'pca'],
  frequencies: [
    { k: 5, signal: 27, circle: true },
    { k: 2, signal: 18, circle: true },
    { k: 1, signal: 1, circle: false },
  ],
};

const walsh: EmbeddingProjection = {
  kind: 'walsh',
  masks: [1, 2, 4],
  bits: 3,
  axes: ['W_1', 'W_2', 'W_4'],
  available: ['walsh', 'pca'],
  choices: [1, 2, 4, 7, 3, 5, 6].map((mask, i) => ({ mask, signal: 7 - i, final: i < 3 })),
};

function loaded(data: EmbeddingTrajectoryResult, s = initialState({ key: '/runs/r1' })) {
  return reduce(s, { type: 'loaded', data });
}

function withCircleLabel(d: EmbeddingTrajectoryResult): EmbeddingTrajectoryResult {
  return { ...d, labels: { token: [0, 1, 2, 3], [circlePositionLabel]: [0, 5, 10, 2] } };
}

describe('embedding projection controls', () => {
  it('offers the task projections and a frequency selector with final circles first', () => {
    const s = loaded(inProjection(fourier));
    assert.deepEqual(modeOptions(s), [
      ['fourier', 'Fourier circle'],
      ['pca', 'PCA (aligned)'],
    ]);
    assert.equal(modeValue(s), 'fourier');
    assert.equal(choiceLabel(s), 'Frequency');
    assert.deepEqual(choiceOptions(s), [
      ['5', 'k = 5 (circle)'],
      ['2', 'k = 2 (circle)'],
      ['1', 'k = 1'],
    ]);
    assert.equal(choiceValue(s), '5');
    assert.deepEqual(requestForChoice(s, '2'), { kind: 'fourier', k: 2 });
    assert.equal(fixedDims(s), true);
  });

  it('offers sets of as many masks as shown, from the strongest ones', () => {
    const s = loaded(inProjection(walsh));
    assert.equal(choiceLabel(s), 'Masks');
    const options = choiceOptions(s);
    assert.equal(options.length, 20); // 3 of the 6 strongest
    assert.deepEqual(options[0], ['1,2,4', 'W_1 · W_2 · W_4 (final)']);
    assert.deepEqual(options[1], ['1,2,7', 'W_1 · W_2 · W_7']);
    assert.ok(options.every(([v]) => v.split(',').length === 3 && !v.includes('6')));
    assert.equal(choiceValue(s), '1,2,4');
    assert.deepEqual(requestForChoice(s, '2,7,3'), { kind: 'walsh', masks: [2, 7, 3] });
    assert.equal(fixedDims(s), false);
  });

  it('has only a mode selector for PCA results and results of older versions', () => {
    const s = loaded(aTrajectory());
    assert.deepEqual(modeOptions(s), [['pca', 'PCA (aligned)']]);
    assert.equal(choiceLabel(s), undefined);
    assert.deepEqual(choiceOptions(s), []);
    assert.deepEqual(axisTitles(s.data), ['aligned PC 1', 'aligned PC 2']);
  });

  it('shows the mode being loaded and drops explicit masks when the dimensions change', () => {
    const s = reduce(loaded(inProjection(walsh)), {
      type: 'loading',
      projection: { kind: 'walsh', masks: [1, 7] },
    });
    assert.equal(modeValue(s), 'walsh');
    assert.deepEqual(requestForDims(s), { kind: 'walsh' });
    const pca = reduce(s, { type: 'loading', projection: { kind: 'pca' } });
    assert.equal(modeValue(pca), 'pca');
    assert.deepEqual(requestForDims(pca), { kind: 'pca' });
  });

  it('saves the projection asked for and restores only valid ones', () => {
    const s = reduce(loaded(inProjection(fourier)), {
      type: 'loading',
      projection: { kind: 'fourier', k: 2 },
    });
    const saved = savedState(s);
    assert.deepEqual(saved.projection, { kind: 'fourier', k: 2 });
    assert.deepEqual(initialState(saved).projection, { kind: 'fourier', k: 2 });
    assert.equal(savedState(loaded(aTrajectory())).projection, undefined);
    assert.equal(savedRequest({ kind: 'umap' }), undefined);
    assert.deepEqual(savedRequest({ kind: 'fourier', k: -1 }), { kind: 'fourier' });
    assert.deepEqual(savedRequest({ kind: 'walsh', masks: ['a'] }), { kind: 'walsh' });
    assert.deepEqual(savedRequest({ kind: 'walsh', masks: [3, 5] }), {
      kind: 'walsh',
      masks: [3, 5],
    });
  });

  it('colours by the position on the circle by default in fourier mode', () => {
    const s = loaded(withCircleLabel(inProjection(fourier)));
    assert.equal(s.colourBy, circlePositionLabel);
  });
});

describe('embedding figures in a task projection', () => {
  it('titles the axes by what they are and keeps zoom only within one choice', () => {
    const s: EmbeddingState = loaded(inProjection(fourier));
    const { layout } = scatterFigure(s, theme);
    assert.equal((layout.xaxis as { title: { text: string } }).title.text, 'Re F_5 (final)');
    assert.equal((layout.yaxis as { title: { text: string } }).title.text, 'Im F_5 (final)');
    assert.equal(layout.uirevision, '/runs/r1#2#fourier:5');
    const other = loaded(inProjection({ ...fourier, k: 2, axes: ['Re F_2 (final)', 'Im F_2'] }));
    assert.notEqual(scatterFigure(other, theme).layout.uirevision, layout.uirevision);
  });

  it('titles the 3-D scene axes with the Walsh masks', () => {
    const { data, layout } = scatterFigure(loaded(inProjection(walsh)), theme);
    assert.equal(data[0].type, 'scatter3d');
    const scene = layout.scene as Record<string, { title: { text: string } }>;
    assert.deepEqual(
      ['xaxis', 'yaxis', 'zaxis'].map((a) => scene[a].title.text),
      ['W_1', 'W_2', 'W_4'],
    );
  });

  it('plots the share of variance along each fixed axis', () => {
    const { data, layout } = explainedFigure(loaded(inProjection(fourier)), theme);
    assert.deepEqual(
      data.map((t) => t.name),
      ['Re F_5 (final)', 'Im F_5 (final)'],
    );
    assert.equal((layout.yaxis as { title: { text: string } }).title.text, 'share of variance');
  });
});

describe('embedding summary in a task projection', () => {
  it('names the mode, the frequency, the final circles and the circle colouring', () => {
    const s = reduce(loaded(withCircleLabel(inProjection(fourier))), { type: 'select', index: 1 });
    const lines = summaryLines(s);
    assert.equal(
      lines[1],
      'Fourier mode: 4 tokens of embedding.weight projected onto the plane of frequency k = 5 ' +
        'of the last checkpoint (Re F_5 and Im F_5, orthonormalised; final circles: k = 5, 2), ' +
        "which holds 90.0% of this step's variance.",
    );
    assert.equal(
      lines[3],
      "Coloured by x·k mod p (4 values): each token's position on the circle of frequency 5.",
    );
    assert.deepEqual(frameTable(s).columns, ['token', circlePositionLabel, 're_f5', 'im_f5']);
  });

  it('describes walsh and line modes with their final masks and residue order', () => {
    const w = summaryLines(loaded(inProjection(walsh)))[1];
    assert.match(w, /^Walsh mode: .* directions W_1, W_2, W_4 .*final masks: 1, 2, 4/);
    const line = inProjection({
      kind: 'line',
      m: 2,
      order: [1, 0],
      axes: ['final line (class-mean PC 1)', 'remaining PC 1'],
      available: ['line', 'pca'],
    });
    const s = loaded(line);
    assert.match(summaryLines(s)[1], /^Line mode: .*residues mod 2 along the line: 1-0\.$/);
    assert.deepEqual(frameTable(s).columns, ['token', 'residue', 'line', 'rest1']);
  });
});

describe('embedding view messages (host-side validation)', () => {
  const schema = embeddingMessageSchemas.requests['embedding/trajectory'];

  it('accepts every projection choice and requests without one', () => {
    for (const params of [
      { k: 2 },
      { k: 3, projection: { kind: 'pca' } },
      { k: 2, projection: { kind: 'fourier', k: 7 } },
      { k: 2, projection: { kind: 'walsh', masks: [1, 6] } },
      { k: 3, projection: { kind: 'line' } },
    ]) {
      assert.ok(schema.safeParse(params).success, JSON.stringify(params));
    }
  });

  it('rejects unknown kinds, bad frequencies, mask lists and extra fields', () => {
    for (const params of [
      { k: 2, projection: { kind: 'umap' } },
      { k: 2, projection: { kind: 'fourier', k: 0 } },
      { k: 2, projection: { kind: 'fourier', k: 2.5 } },
      { k: 2, projection: { kind: 'walsh', masks: [1] } },
      { k: 2, projection: { kind: 'walsh', masks: [1, 2, 3, 4] } },
      { k: 2, projection: { kind: 'line', m: 3 } },
      { k: 2, projection: { kind: 'pca' }, extra: 1 },
    ]) {
      assert.ok(!schema.safeParse(params).success, JSON.stringify(params));
    }
  });
});
