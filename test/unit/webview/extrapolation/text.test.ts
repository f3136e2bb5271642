import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toCsv } from '../../../../webview/common/csv';
import {
  exportBaseName,
  exportTarget,
  figureJson,
  figureTable,
} from '../../../../webview/extrapolation/exports';
import { checkText, sampleRows } from '../../../../webview/extrapolation/samples';
import { reduce } from '../../../../webview/extrapolation/state';
import { partialBanner, statusText, summaryLines } from '../../../../webview/extrapolation/summary';
import { aComparison, aSeededComparison, loaded } from './fixture';

describe('extrapolation samples table', () => {
  it('lists ID prompts before OOD ones with every check as text, flagging violations', () => {
    const rows = sampleRows(loaded().data?.runs[0]);
    assert.deepEqual(
      rows.map((r) => [r.set, r.prompt, r.completion]),
      [
        ['ID', 'aab', 'b$'],
        ['ID', 'a', '(empty)'],
        ['OOD', 'ba', 'b$'],
      ],
    );
    assert.deepEqual(
      rows[0].checks.map((c) => c.text),
      ['✓ holds', '✓ holds', '✓ holds', '✓ yes'],
    );
    assert.deepEqual(rows[0].violations, []);
    assert.deepEqual(
      rows[1].checks.map((c) => [c.check, c.ok, c.text]),
      [
        ['r1', false, '✗ violated'],
        ['r2', true, '✓ holds'],
        ['grammatical', false, '✗ violated'],
        ['finished', false, '✗ no EOS'],
      ],
    );
    assert.deepEqual(rows[1].violations, ['rule 1', 'grammatical', 'finished']);
    assert.deepEqual(rows[2].violations, ['rule 1', 'rule 2', 'grammatical']);
    assert.equal(checkText('r2', false), '✗ violated');
    assert.deepEqual(sampleRows(undefined), []);
  });
});

describe('extrapolation summary text', () => {
  it('states the loss and OOD R1 spans at the best checkpoints, then one line per run', () => {
    const lines = summaryLines(loaded());
    assert.equal(
      lines[0],
      '3 runs analysed (anbn). At the best validation checkpoints the validation loss ' +
        '(PAD masked) spans 0.2–0.21, the OOD rule-1 accuracy 10.0%–90.0%.',
    );
    assert.equal(
      lines[2],
      'oracle (r2): anbn, transformer, seed 0; 4 ID / 4 OOD prompts of length 6; best step 200: ' +
        'validation loss 0.21, OOD rule-1 accuracy 90.0%, ID grammatical accuracy 95.0% ' +
        '(chance OOD rule 1: 25.0%).',
    );
    assert.equal(lines.length, 4);
    const unmasked = summaryLines(reduce(loaded(), { type: 'loss', loss: 'unmasked' }));
    assert.match(unmasked[0], /\(PAD counted\) spans 0\.1–0\.105/);
  });

  it('adds mean ± sd per variant with several runs, and the outdated and error notes', () => {
    const lines = summaryLines(loaded(aSeededComparison()));
    assert.equal(
      lines.at(-1),
      'normal over 2 runs: validation loss (PAD masked) 0.25 ± 0.0707, OOD rule-1 accuracy ' +
        '50.0% ± 14.1%, ID grammatical accuracy 95.0% ± 0.0%.',
    );
    const stale = reduce(loaded(), { type: 'changed', detail: 'run r4: done' });
    assert.match(summaryLines(stale).at(-1) ?? '', /Changed since computed \(run r4: done\)/);
    assert.equal(statusText(stale), 'outdated');
    const failed = reduce(loaded(), { type: 'failed', message: 'bad-run: /x' });
    assert.deepEqual(summaryLines(failed), ['The rule-extrapolation analysis failed: bad-run: /x']);
  });

  it('banners partial results with each skipped run and its reason', () => {
    assert.equal(partialBanner(aComparison()), undefined);
    const skipped = [{ runDir: '/runs/anbn/r4', reason: 'unfinished (running)' }];
    const banner = partialBanner({ ...aComparison(), skipped, partial: true });
    assert.deepEqual(banner, {
      title: 'Partial results: 1 run not analysed (runs may still be training).',
      items: ['r4: unfinished (running)'],
    });
    assert.equal(statusText(loaded({ ...aComparison(), skipped, partial: true })), 'partial');
  });
});

describe('extrapolation exports', () => {
  it('writes every checkpoint of every run to the curves CSV, marking the best', () => {
    const table = figureTable(loaded(), 'curves');
    const csv = toCsv(table.columns, table.rows).split('\r\n');
    assert.equal(
      csv[0],
      'run,run_id,training,seed,step,val_loss_shown,val_loss,val_loss_unmasked,val_acc,' +
        'ood_r1_accuracy,id_grammatical_accuracy,chance_ood_r1,best',
    );
    assert.equal(csv[2], 'normal,r1,normal,0,200,0.2,0.2,0.1,0.9,0.4,0.95,0.25,true');
    assert.equal(csv.length, 9 + 2);
  });

  it('writes the bars with their sd and the loss kind, and the samples of the selected run', () => {
    const s = reduce(loaded(aSeededComparison()), { type: 'loss', loss: 'unmasked' });
    const bars = figureTable(s, 'bars');
    assert.deepEqual(bars.columns.slice(0, 5), [
      'group',
      'runs',
      'best_step',
      'loss_kind',
      'val_loss',
    ]);
    assert.deepEqual(bars.rows[1], [
      'oracle (1 run)',
      1,
      undefined,
      'unmasked',
      0.125,
      undefined,
      0.9,
      undefined,
    ]);
    const samples = figureTable(loaded(), 'samples');
    assert.equal(
      toCsv(samples.columns, samples.rows),
      'run_id,set,prompt,completion,r1,r2,grammatical,finished\r\n' +
        'r1,ood,ba,b$,false,false,false,true\r\n' +
        'r1,id,aab,b$,true,true,true,true\r\n' +
        'r1,id,a,,false,true,false,false\r\n',
    );
  });

  it('names exports after the folder, figure and run, and draws the curves for table images', () => {
    const s = reduce(loaded(), { type: 'selectRun', run: '/runs/anbn/r2' });
    assert.equal(exportBaseName(s, 'samples'), 'extrapolation-anbn-samples-r2');
    const unmasked = reduce(s, { type: 'loss', loss: 'unmasked' });
    assert.equal(exportBaseName(unmasked, 'bars'), 'extrapolation-anbn-bars-unmasked');
    assert.equal(exportTarget('samples', 'png'), 'curves');
    assert.equal(exportTarget('samples', 'csv'), 'samples');
    assert.equal(exportTarget('bars', 'svg'), 'bars');
    assert.equal((figureJson(s, 'samples') as { runId: string }).runId, 'r2');
    assert.equal(figureJson(s, 'curves'), s.data);
  });
});
