import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toCsv } from '../../../../webview/common/csv';
import { exportBaseName, figureJson, figureTable } from '../../../../webview/completeness/exports';
import { pValue } from '../../../../webview/completeness/format';
import { initialState, reduce } from '../../../../webview/completeness/state';
import {
  partialBanner,
  predictionRows,
  runRows,
  statusText,
  summaryLines,
  topRows,
} from '../../../../webview/completeness/summary';
import { aRun, aSweep, anInitial, loadedInitial, loadedResults } from './fixture';

describe('completeness prediction text', () => {
  it('tabulates the prediction test over runs', () => {
    assert.deepEqual(predictionRows(aSweep()), [
      ['Runs with a final representation', '2 of 2'],
      ['Mean percentile of the chosen', '75.0%'],
      ['Runs above the median', '1 of 2'],
      ['Binomial test p', '0.250'],
      ['Wilcoxon signed-rank p', '4.0e-4'],
      ['Top-1 hits', '1 of 2 (50.0%, chance 50.0%)'],
    ]);
  });

  it('tabulates each run, with dashes where a run formed no representation', () => {
    const bare = { ...aRun('r2'), chosen: [], predictionPercentile: null, test: null };
    const rows = runRows({ ...aSweep(), runs: [aRun('r1'), bare] });
    assert.deepEqual(
      rows.map((r) => r.cells),
      [
        ['r1', '100.0%', 'k=2', 'yes', '0.330'],
        ['r2', '–', 'none', 'no', '–'],
      ],
    );
    assert.equal(rows[1].runDir, '/runs/sweep/r2');
  });

  it('lists the top candidates of a preview in the chosen units', () => {
    assert.deepEqual(topRows(anInitial(), loadedInitial()), [
      ['#1', 'k=2', '2'],
      ['#2', 'k=3', '1'],
    ]);
    const z = reduce(loadedInitial(), { type: 'unit', unit: 'z' });
    assert.deepEqual(topRows(anInitial(), z)[0], ['#1', 'k=2', '3']);
  });

  it('formats p-values', () => {
    assert.equal(pValue(0.04567), '0.046');
    assert.equal(pValue(0.00012), '1.2e-4');
    assert.equal(pValue(0), '0.000');
    assert.equal(pValue(null), '–');
  });
});

describe('completeness banner, status and summary', () => {
  it('lists skipped runs with their reasons in the partial-results banner', () => {
    assert.deepEqual(partialBanner(aSweep()), {
      title: 'Partial results: 1 run not analysed (runs may still be training).',
      items: ['r3: unfinished (running)'],
    });
    assert.equal(partialBanner({ ...aSweep(), skipped: [], partial: false }), undefined);
    const damaged = partialBanner({ ...aSweep(), partial: false });
    assert.equal(damaged?.title, '1 run could not be analysed.');
  });

  it('reports the status of the data in the badge', () => {
    assert.equal(statusText(initialState()), 'loading');
    const s = loadedResults();
    assert.equal(statusText(s), 'partial');
    assert.equal(statusText(reduce(s, { type: 'loading' })), 'refreshing');
    assert.equal(statusText(reduce(s, { type: 'changed', detail: 'x' })), 'outdated');
    assert.equal(statusText(reduce(s, { type: 'failed', message: 'x' })), 'error');
    assert.equal(statusText(loadedResults({ ...aSweep(), partial: false })), 'ready');
  });

  it('describes the prediction test, the selected run and the sweep summaries', () => {
    const s = reduce(loadedResults(), { type: 'selectRun', run: '/runs/sweep/r1' });
    const text = summaryLines(s).join('\n');
    assert.match(text, /modular addition: 2 runs analysed/);
    assert.match(text, /mean percentile of 75\.0%/);
    assert.match(text, /Run r1 at step 1000: chosen k=2 at percentile 100\.0%/);
    assert.match(text, /Final circles: k=2\./);
    assert.match(text, /r = 0\.9, p = 4\.0e-4, n = 6/);
    assert.match(text, /embedDim 8, 32/);
  });

  it('shows the error verbatim, says when nothing could be analysed, and describes a preview', () => {
    const failed = reduce(initialState(), { type: 'failed', message: 'bad-run: not a sweep' });
    assert.deepEqual(summaryLines(failed), [
      'The completeness analysis failed: bad-run: not a sweep',
    ]);
    const none = loadedResults({ ...aSweep(), runs: [] });
    assert.equal(summaryLines(none)[0], 'No run in this folder could be analysed yet.');
    const preview = summaryLines(loadedInitial()).join('\n');
    assert.match(preview, /d = 8, seed 5/);
    assert.match(preview, /Highest initial scores: k=2 \(2\), k=3 \(1\)/);
    assert.match(summaryLines(initialState()).join('\n'), /Computing/);
  });
});

describe('completeness exports', () => {
  it('exports the pooled candidates as CSV, one row per run and candidate', () => {
    const t = figureTable(loadedResults(), 'histogram');
    const csv = toCsv(t.columns, t.rows).split('\r\n');
    assert.equal(csv[0], 'run,candidate,label,initial,z,score,chosen');
    assert.equal(csv[1], 'r1,0,k=1,0.5,-1,0.5,false');
    assert.equal(csv[2], 'r1,1,k=2,2,3,2,true');
    assert.equal(csv.length, 1 + 6 + 1); // header, rows, trailing empty line
  });

  it("exports only the selected run's candidates, scores in the chosen units", () => {
    let s = reduce(loadedResults(), { type: 'selectRun', run: '/runs/sweep/r2' });
    s = reduce(s, { type: 'unit', unit: 'z' });
    const t = figureTable(s, 'histogram');
    assert.deepEqual(t.rows[0], ['r2', 0, 'k=1', 1.5, 2, 2, true]);
    assert.equal(t.rows.length, 3);
  });

  it('exports survival, dimension, perturbation and run details tables', () => {
    const s = reduce(loadedResults(), { type: 'selectRun', run: '/runs/sweep/r1' });
    assert.deepEqual(figureTable(s, 'survival').rows[1], [1, 2, 2, 2, 1]);
    assert.equal(figureTable(s, 'dimension').rows.length, 4);
    assert.deepEqual(figureTable(s, 'perturbation').rows[0], [2, 2, 4, 1]);
    assert.deepEqual(figureTable(s, 'details').rows[1], [2, 2, 5, 0.6, 0.95, true]);
    assert.deepEqual(figureTable(loadedResults(), 'details'), { columns: [], rows: [] });
  });

  it('exports a preview with the top ranks, and JSON of the shown data', () => {
    const t = figureTable(loadedInitial(), 'histogram');
    assert.deepEqual(t.columns, ['candidate', 'label', 'initial', 'z', 'top_rank']);
    assert.deepEqual(
      t.rows.map((r) => r[4]),
      [undefined, 1, 2],
    );
    assert.deepEqual(figureJson(loadedInitial(), 'histogram'), anInitial());
    assert.deepEqual(figureJson(loadedResults(), 'survival'), aSweep().survival);
  });

  it('names export files after the source, the figure and the run', () => {
    const s = reduce(loadedResults(), { type: 'selectRun', run: '/runs/sweep/r1' });
    assert.equal(exportBaseName(s, 'details'), 'completeness-sweep-details-r1');
    assert.equal(exportBaseName(s, 'survival'), 'completeness-sweep-survival');
    assert.equal(
      exportBaseName(loadedInitial(), 'histogram'),
      'initial-completeness-modadd-histogram',
    );
  });
});
