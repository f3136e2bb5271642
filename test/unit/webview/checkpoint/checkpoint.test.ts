import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fallbackTheme as theme } from '../../../../webview/common/plotTheme';
import { tableCsv } from '../../../../webview/checkpoint/exports';
import {
  binCentres,
  histogramFigure,
  projectionFigure,
} from '../../../../webview/checkpoint/figures';
import { formatNumber, summaryLines, tensorRows } from '../../../../webview/checkpoint/summary';
import {
  initialState,
  reduce,
  savedState,
  selectedTensor,
} from '../../../../webview/checkpoint/state';
import { aCheckpointSummary } from '../../../helpers/embedding';

const file = '/runs/exp/r1/checkpoints/step-000030.safetensors';
const snapshot = {
  type: 'snapshot',
  key: `${file}#1`,
  file,
  fileName: 'step-000030.safetensors',
} as const;

describe('checkpoint editor state', () => {
  it('selects the projected embedding first, and keeps a restored selection', () => {
    const s = [snapshot, { type: 'loaded', summary: aCheckpointSummary() } as const].reduce(
      reduce,
      initialState(),
    );
    assert.equal(s.status, 'ready');
    assert.equal(s.selected, 'embedding.weight');
    const restored = reduce(initialState({ selected: 'layers.0.weight' }), {
      type: 'loaded',
      summary: aCheckpointSummary(),
    });
    assert.equal(selectedTensor(restored)?.name, 'layers.0.weight');
    assert.deepEqual(savedState(reduce(restored, snapshot)), {
      key: `${file}#1`,
      selected: 'layers.0.weight',
    });
  });

  it('ignores a selection of a tensor the file does not have', () => {
    const s = reduce(initialState(), { type: 'loaded', summary: aCheckpointSummary() });
    assert.equal(reduce(s, { type: 'select', name: 'nope' }), s);
    assert.equal(
      reduce(s, { type: 'select', name: 'layers.0.weight' }).selected,
      'layers.0.weight',
    );
  });

  it('shows why a corrupt file could not be read', () => {
    const s = [
      snapshot,
      { type: 'failed', message: 'not a safetensors file: header is not JSON' } as const,
    ].reduce(reduce, initialState());
    assert.equal(s.status, 'error');
    assert.deepEqual(summaryLines(s), [
      'step-000030.safetensors could not be read: not a safetensors file: header is not JSON',
    ]);
  });
});

describe('checkpoint editor figures and text', () => {
  it('formats table rows with shapes and four significant digits', () => {
    const rows = tensorRows(aCheckpointSummary());
    assert.deepEqual(rows[0], {
      name: 'layers.0.weight',
      shape: '[4, 3]',
      dtype: 'F32',
      norm: '0.866',
      mean: '0.25',
      std: '0.5',
    });
    assert.equal(rows[1].mean, '1.234e-5');
    assert.equal(formatNumber(0), '0');
    assert.equal(formatNumber(123456), '1.235e+5');
  });

  it('draws the histogram at the bin centres with the bin width', () => {
    const t = aCheckpointSummary().tensors[0];
    assert.deepEqual(binCentres(t.histogram), { centres: [-0.75, -0.25, 0.25, 0.75], width: 0.5 });
    const { data, layout } = histogramFigure(t, theme);
    assert.equal(data[0].type, 'bar');
    assert.deepEqual(data[0].y, [1, 2, 3, 2]);
    assert.equal(data[0].width, 0.5);
    assert.equal(layout.uirevision, 'layers.0.weight');
  });

  it('draws the projection with equal axes and the explained variance in the titles', () => {
    const { data, layout } = projectionFigure(aCheckpointSummary(), theme);
    assert.deepEqual(data[0].x, [1, 0, -1, 0]);
    assert.deepEqual(data[0].text, ['row 0', 'row 1', 'row 2', 'row 3']);
    const x = layout.xaxis as { title: { text: string } };
    const y = layout.yaxis as { title: { text: string }; scaleanchor: string };
    assert.equal(x.title.text, 'PC 1 (50.0%)');
    assert.equal(y.scaleanchor, 'x');
  });

  it('summarises the file, the selected tensor and the projection', () => {
    const s = [
      snapshot,
      { type: 'loaded', summary: aCheckpointSummary() } as const,
      { type: 'select', name: 'layers.0.weight' } as const,
    ].reduce(reduce, initialState());
    assert.deepEqual(summaryLines(s), [
      '3 tensors, 24 parameter values (optimizer state excluded), 2.9 KiB.',
      'Replens checkpoint at step 30 of run r1.',
      'layers.0.weight: 12 values, mean 0.25, std 0.5, range -0.75 to 1.25, 1 NaN or infinite.',
      'Projection of embedding.weight (4 × 3) onto its top 2 principal components: 50.0% and ' +
        '25.0% of the variance.',
    ]);
  });

  it('exports the table as CSV', () => {
    const lines = tableCsv(aCheckpointSummary()).trim().split('\n');
    assert.equal(lines.length, 4);
    assert.equal(lines[0], 'name,dtype,shape,count,norm,mean,std,min,max,nonFinite');
    assert.match(lines[1], /^"layers\.0\.weight",F32,"4x3",12,/);
  });
});
