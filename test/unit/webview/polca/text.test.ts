import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toCsv } from '../../../../webview/common/csv';
import { exportBaseName, figureJson, figureTable } from '../../../../webview/polca/exports';
import { fixed, num, pct, progressText } from '../../../../webview/polca/format';
import {
  highlightParts,
  labelColumns,
  labelMark,
  memberTable,
} from '../../../../webview/polca/members';
import { initialState, reduce } from '../../../../webview/polca/state';
import {
  convergenceLine,
  headline,
  progressLine,
  statusText,
  summaryLines,
} from '../../../../webview/polca/summary';
import { aPolcaResult, loaded, snapshot } from './fixture';

describe('POLCA view text', () => {
  it('shows missing values (NaN arriving as null) as "–"', () => {
    assert.deepEqual(
      [fixed(null), fixed(Number.NaN), pct(undefined), num(null), fixed(0.617), pct(0.825)],
      ['–', '–', '–', '–', '0.62', '83%'],
    );
  });

  it("words the worker's progress", () => {
    const p = (what: string) => progressText({ done: 12, total: 19, what });
    assert.equal(p('intervals'), 'allocation 12/19 intervals');
    assert.equal(p('basis checkpoints'), 'basis 12/19 checkpoints');
    assert.equal(p('random-basis intervals'), 'random basis 12/19 intervals');
    assert.equal(p('single-checkpoint basis'), 'single-checkpoint basis 12/19');
    assert.equal(p('checkpoints'), '12/19 checkpoints');
    assert.equal(p(''), '12/19');
  });

  it('compares POLCA with the baseline and the controls in one line', () => {
    assert.equal(
      headline(aPolcaResult()),
      'POLCA ARI 0.62 vs loss baseline 0.31 (random basis 0.12, single checkpoint 0.20) against carryIn; dominant vector 0.30 vs 0.31; residual 0.41',
    );
    const bare = {
      ...aPolcaResult(),
      ari: { polca: null as unknown as number, lossBaseline: 0.3 },
    };
    bare.methods = bare.methods.slice(0, 2);
    assert.equal(
      headline(bare),
      'POLCA ARI – vs loss baseline 0.30 against carryIn; dominant vector 0.30 vs 0.31; residual 0.41',
    );
  });

  it('the badge and the progress line follow the view’s job', () => {
    let s = reduce(initialState(), snapshot());
    assert.equal(statusText(s), 'loading');
    s = reduce(s, { type: 'request', slot: 'polca', signature: 'x' });
    assert.equal(statusText(s), 'computing');
    assert.deepEqual(progressLine(s), { text: 'POLCA: starting the worker…' });
    s = reduce(s, {
      type: 'progress',
      slot: 'polca',
      progress: { done: 12, total: 19, what: 'intervals' },
    });
    assert.deepEqual(progressLine(s), {
      text: 'POLCA: allocation 12/19 intervals',
      done: 12,
      total: 19,
    });
    s = reduce(s, { type: 'cancel', slot: 'polca' });
    assert.equal(statusText(s), 'cancelled');
    assert.equal(progressLine(s), undefined);
    assert.deepEqual(summaryLines(s), ['Cancelled; press Refresh to compute again.']);
    assert.equal(statusText(loaded()), 'ready');
    assert.equal(
      statusText(reduce(loaded(), { type: 'changed', detail: 'run r: done' })),
      'outdated',
    );
  });

  it('summarises the comparison, the setup, the group and the selected cluster', () => {
    const lines = summaryLines(reduce(loaded(), { type: 'clusters', patch: { cluster: 0 } }));
    assert.match(lines[0], /^POLCA ARI 0\.62 vs loss baseline 0\.31/);
    assert.match(
      lines[1],
      /6 checkpoints \(steps 100–3200\), 512 analysed tokens; exact Hessian on 128 examples/,
    );
    assert.match(
      lines[2],
      /Output token "7" \(POLCA\): 40 tokens, 50% carryIn, 2 clusters, 5% outliers; along best-agreeing basis vector 2 \(ARI 0\.62,/,
    );
    assert.match(
      lines[3],
      /Selected cluster 1 · 20 tokens · 90% carryIn, breakthrough at step 800/,
    );
    const spectrum = summaryLines(reduce(loaded(), { type: 'show', view: 'spectrum' }));
    assert.match(spectrum[0], /largest eigenvalue 4 at step 100, 9 at step 3200 \(6 checkpoints\)/);
    assert.match(spectrum[1], /^Converged: every residual norm is at most 0\.2% of its eigenvalue/);
  });

  it('says when eigenpairs did not converge', () => {
    const sp = {
      source: 'hessian' as const,
      runId: 'r',
      settings: { method: 'exact' as const, examples: 8, k: 2, iterations: 4 },
      checkpoints: [{ step: 1, eigenvalues: [10, 0.1], residuals: [1e-3, 0.05], hvps: 4 }],
    };
    assert.match(
      convergenceLine(sp),
      /^Not all eigenpairs converged: a residual norm reaches 50% /,
    );
    assert.equal(
      convergenceLine({ ...sp, checkpoints: [] }),
      'No residual norms to judge convergence by.',
    );
  });
});

describe('POLCA member table', () => {
  it('highlights the analysed token and lists the skill first', () => {
    assert.deepEqual(highlightParts('123+877=1000', 9), {
      before: '123+877=1',
      at: '0',
      after: '00',
    });
    assert.deepEqual(highlightParts('12', 5), { before: '12', at: '', after: '' });
    const cluster = aPolcaResult().methods[0].groups[1].clusters[0];
    assert.deepEqual(labelColumns(cluster, 'cascadingCarry'), [
      'cascadingCarry',
      'carryIn',
      'leadingOne',
    ]);
    assert.deepEqual(
      [labelMark(1), labelMark(0), labelMark(undefined), labelMark(0.5)],
      ['✓', '', '', '0.5'],
    );
  });

  it('lists the selected cluster’s members with their label marks', () => {
    const t = memberTable(reduce(loaded(), { type: 'clusters', patch: { cluster: 0 } }));
    assert.deepEqual(t.columns, ['carryIn', 'cascadingCarry', 'leadingOne']);
    assert.equal(t.rows.length, 4);
    assert.deepEqual(t.rows[1].marks, ['✓', '✓', '']);
    assert.deepEqual(memberTable(loaded()).rows, []);
  });
});

describe('POLCA exports', () => {
  const s = reduce(loaded(), { type: 'clusters', patch: { cluster: 0 } });

  it('tables every figure, missing values empty', () => {
    const curves = figureTable(s, 'clusterCurves');
    assert.equal(curves.rows.length, 2 * 5);
    assert.deepEqual(curves.rows[0], ['polca', '7', 1, 20, 0.9, 800, 200, -0, 0.05]);
    const scores = toCsv(
      figureTable(s, 'methodScores').columns,
      figureTable(s, 'methodScores').rows,
    );
    assert.match(scores, /^method,skill,ari,ari_dominant,nmi,basis_size,residual\r\n/);
    assert.match(scores, /singleCheckpoint,carryIn,0\.2,0\.1,,6,0\.41\r\n/);
    const members = figureTable(s, 'members');
    assert.deepEqual(members.columns, [
      'cluster',
      'text',
      'position',
      'target',
      'carryIn',
      'cascadingCarry',
      'leadingOne',
    ]);
    const spectrum = figureTable(reduce(s, { type: 'show', view: 'spectrum' }), 'spectrum');
    assert.deepEqual(spectrum.rows[0], ['polca', 100, 1, 4, 1e-4, 24, 2]);
  });

  it('exports the drawn part as JSON and names the files', () => {
    const json = figureJson(s, 'clusterCurves') as { method: string; group: { token: string } };
    assert.deepEqual([json.method, json.group.token], ['polca', '7']);
    assert.equal((figureJson(s, 'members') as { members: unknown[] }).members.length, 4);
    assert.equal(
      exportBaseName(s, 'clusterCurves'),
      'polca-20260101T000000Z-ab12-clusterCurves-polca-7',
    );
    assert.equal(exportBaseName(s, 'methodScores'), 'polca-20260101T000000Z-ab12-methodScores');
  });
});
