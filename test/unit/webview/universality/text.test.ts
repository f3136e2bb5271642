import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toCsv } from '../../../../webview/common/csv';
import { exportBaseName, figureJson, figureTable } from '../../../../webview/universality/exports';
import { reduce } from '../../../../webview/universality/state';
import {
  matrixLines,
  pairText,
  skippedBanner,
  statusText,
  summaryLines,
} from '../../../../webview/universality/summary';
import { aMatrix, folder, loaded } from './fixture';

describe('universality summaries', () => {
  it('names a pair with its CKA and p', () => {
    assert.equal(pairText(aMatrix(), 0, 1), 'embedding ↔ hidden.0: CKA 0.82, p = 0.005');
    assert.equal(pairText(aMatrix(), 0, 2), 'embedding ↔ output: CKA 0.30, p = 0.4 (n.s.)');
    assert.deepEqual(matrixLines(aMatrix(), 'layers'), [
      'Most similar layers: embedding ↔ hidden.0: CKA 0.82, p = 0.005.',
      'Least similar layers: embedding ↔ output: CKA 0.30, p = 0.4 (n.s.).',
      '2 of 3 pairs are significant at p < 0.05.',
    ]);
  });

  it('summarises the layers view and invites a click', () => {
    const lines = summaryLines(loaded());
    assert.equal(
      lines[0],
      'r1 (family): linear CKA on 4 test examples (of 10), step 200 (2 checkpoints).',
    );
    assert.match(lines.at(-1) ?? '', /^Click a cell/);
    const picked = reduce(loaded(), {
      type: 'layers',
      patch: { cell: { row: 'hidden.0', column: 'output' } },
    });
    assert.match(
      summaryLines(picked).at(-1) ?? '',
      /^Selected: hidden\.0 ↔ output: CKA 0\.61, p = 0\.03;/,
    );
  });

  it('lists skipped runs and reports errors verbatim', () => {
    const runs = loaded('runs');
    assert.deepEqual(skippedBanner(runs), {
      title: '1 run was left out:',
      items: [`${folder}/r0: no checkpoints`],
    });
    assert.equal(skippedBanner(loaded()), undefined);
    const failed = reduce(reduce(runs, { type: 'request', slot: 'compare', signature: 'x' }), {
      type: 'failed',
      slot: 'compare',
      signature: 'x',
      message: 'bad-run: no two comparable runs',
    });
    assert.deepEqual(summaryLines(failed), [
      'The analysis failed: bad-run: no two comparable runs',
    ]);
    assert.equal(statusText(failed), 'error');
    assert.equal(statusText(reduce(runs, { type: 'changed', detail: 'run r1: done' })), 'outdated');
  });

  it('gives the stitching settings and directions, and the best width of a sweep', () => {
    const stitching = summaryLines(loaded('stitching'));
    assert.equal(
      stitching[0],
      'ε = 0 (affine), 200 bridge steps, chance 50.0%; symmetric score at the embedding 0.85.',
    );
    assert.equal(
      stitching[1],
      'width 16 (99.0%) → width 32 (97.0%): best embedding → embedding, normalised score 0.90; ' +
        '3 of 4 cells above their best control.',
    );
    assert.match(
      stitching[3],
      /^Selected \(forward\) embedding → embedding: task 0\.90, .* \+0\.70 over the best control \(person held-out, 0\.20\)\.$/,
    );
    const starving = reduce(loaded('starvation'), { type: 'starvation', patch: { embedDim: 8 } });
    const lines = summaryLines(starving);
    assert.match(
      lines[1],
      /^Best width: 16 \(depth 1, 160 parameters\): test accuracy 90\.0% ± 1\.0% over 3 runs at 1000 steps/,
    );
    assert.equal(
      lines[2],
      'Smallest width where every seed reached 100 % train accuracy: 16 (depth 1), 16 (depth 2).',
    );
  });
});

describe('universality exports', () => {
  it('exports every cell of the layers heatmap with its null as CSV', () => {
    const table = figureTable(loaded(), 'layersHeatmap');
    const csv = toCsv(table.columns, table.rows).split('\r\n');
    assert.equal(
      csv[0],
      'run_id,step,estimator,row_layer,column_layer,cka,p_value,null_mean,null_low,null_high,permutations',
    );
    assert.equal(csv[2], 'r1,200,linear,embedding,hidden.0,0.82,0.005,0.1,0.05,0.2,2000');
    assert.equal(csv.length, 9 + 2);
  });

  it("exports the clicked cell's points and the runs matrix", () => {
    const s = reduce(loaded(), {
      type: 'layers',
      patch: { cell: { row: 'embedding', column: 'output' }, label: 'generation' },
    });
    const points = figureTable(s, 'layersPoints');
    assert.deepEqual(points.columns, [
      'example',
      'text',
      'generation',
      'embedding_pc1',
      'embedding_pc2',
      'output_pc1',
      'output_pc2',
    ]);
    assert.deepEqual(points.rows[1], [1, 'p1 → p0', 'g1', 1, 0, 3, 2]);
    const runs = figureTable(loaded('runs'), 'runsHeatmap');
    assert.deepEqual(runs.rows[1].slice(0, 5), [
      'embedding',
      'debiased',
      'seed (r1)',
      'seed (r2)',
      0.82,
    ]);
  });

  it('exports stitching cells with their controls and the margin over the best', () => {
    const s = loaded('stitching');
    const table = figureTable(s, 'stitchingMatrix');
    assert.equal(table.rows.length, 8);
    assert.deepEqual(table.columns.slice(-3), [
      'person_held_out_normalized',
      'best_control',
      'task_minus_best_control_normalized',
    ]);
    const row = table.rows[2];
    assert.deepEqual(row.slice(0, 5), ['forward', 'r1', 'r2', 'output', 'embedding']);
    assert.equal(row.at(-2), 'shuffled');
    assert.ok(Math.abs((row.at(-1) as number) + 0.1) < 1e-9);
    assert.equal(figureTable(s, 'stitchingCell').rows.length, 5);
    assert.equal(
      exportBaseName(s, 'stitchingMatrix'),
      'universality-sweep-1-stitchingMatrix-r1-r2',
    );
  });

  it('exports the starvation cells of the chosen facet with mean, sd and runs', () => {
    const s = reduce(loaded('starvation'), { type: 'starvation', patch: { embedDim: 8 } });
    const table = figureTable(s, 'starvationAccuracy');
    assert.equal(table.rows.length, 5);
    assert.deepEqual(table.columns.slice(0, 9), [
      'width',
      'depth',
      'embed_dim',
      'train_fraction',
      'parameters',
      'converged',
      'test_accuracy_mean',
      'test_accuracy_sd',
      'test_accuracy_runs',
    ]);
    assert.equal((figureJson(s, 'starvationSteps') as { cells: unknown[] }).cells.length, 5);
  });
});
