import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type {
  TrainingRunSnapshot,
  TrainingSnapshot,
} from '../../../../src/shared/protocol/trainingView';
import { fallbackTheme, type PlotTheme, themeFrom } from '../../../../webview/common/plotTheme';
import { exportBaseName, exportJson, exportTable } from '../../../../webview/training/exports';
import { traceExtension, traceRefs, trainingFigure } from '../../../../webview/training/figures';
import { summaryLines } from '../../../../webview/training/summary';
import { initialState, reduce, type TrainingState } from '../../../../webview/training/state';

const rec = (step: number, testAcc = 0.5) => ({
  step,
  lr: 0.01,
  trainLoss: 1 / step,
  trainAcc: 0.75,
  testLoss: 2 / step,
  testAcc,
});

const theme: PlotTheme = {
  kind: 'light',
  background: '#fffffe',
  foreground: '#111112',
  grid: '#ccccc1',
  fontFamily: 'Test Sans',
  fontSize: 12,
  series: ['#000001', '#000002', '#000003'],
};

function run(i: number, status: 'running' | 'done' = 'done'): TrainingRunSnapshot {
  return {
    runDir: `/runs/exp/r${i}`,
    label: `exp · r${i}`,
    status,
    step: 20,
    total: 20,
    metrics: [rec(10), rec(20, 0.875)],
  };
}

function state(runs = [run(1)], logLoss = true): TrainingState {
  const snapshot: TrainingSnapshot = { key: 'k', title: 't', runs };
  const s = reduce(initialState({ logLoss }), { type: 'snapshot', snapshot }).state;
  return s;
}

describe('training figures', () => {
  it('draws train and test loss and accuracy for one run', () => {
    const fig = trainingFigure(state(), theme);
    assert.deepEqual(
      fig.data.map((t) => [t.name, t.yaxis]),
      [
        ['train', 'y'],
        ['test', 'y'],
        ['train', 'y2'],
        ['test', 'y2'],
      ],
    );
    assert.deepEqual(fig.data[1].x, [10, 20]);
    assert.deepEqual(fig.data[1].y, [0.2, 0.1]);
    assert.deepEqual(fig.data[3].y, [0.5, 0.875]);
    assert.deepEqual(
      fig.data.map((t) => t.showlegend),
      [true, true, false, false],
      'one legend entry per curve pair',
    );
  });

  it('overlays only the test curves of several runs, one colour per run', () => {
    const fig = trainingFigure(state([run(1), run(2), run(3), run(4)]), theme);
    assert.equal(fig.data.length, 8);
    assert.deepEqual(
      fig.data.slice(0, 4).map((t) => [t.name, t.line?.color]),
      [
        ['exp · r1', '#000001'],
        ['exp · r2', '#000002'],
        ['exp · r3', '#000003'],
        ['exp · r4', '#000001'],
      ],
    );
    assert.ok(traceRefs(state([run(1), run(2)])).every((r) => r.split === 'test'));
  });

  it('puts loss on a log axis by default and on a linear one when asked', () => {
    assert.equal(trainingFigure(state(), theme).layout.yaxis?.type, 'log');
    assert.equal(trainingFigure(state([run(1)], false), theme).layout.yaxis?.type, 'linear');
    assert.notEqual(
      trainingFigure(state(), theme).layout.yaxis?.uirevision,
      trainingFigure(state([run(1)], false), theme).layout.yaxis?.uirevision,
      'switching scale must not keep the old range',
    );
  });

  it('keeps zoom across updates with a uirevision tied to the panel', () => {
    assert.equal(trainingFigure(state(), theme).layout.uirevision, 'k');
  });

  it('takes colours and font from the theme', () => {
    const fig = trainingFigure(state(), theme);
    assert.equal(fig.layout.paper_bgcolor, '#fffffe');
    assert.equal(fig.layout.plot_bgcolor, '#fffffe');
    assert.equal(fig.layout.font?.color, '#111112');
    assert.equal(fig.layout.font?.family, 'Test Sans');
    assert.equal(fig.layout.yaxis?.gridcolor, '#ccccc1');
    assert.equal(fig.data[0].line?.color, '#000001');
    assert.equal(fig.data[1].line?.color, '#000002');
  });

  it('builds a theme from CSS variables, with fallbacks for missing ones', () => {
    const vars: Record<string, string> = {
      '--vscode-editor-background': ' #ffffff ',
      '--vscode-charts-blue': '#0000ff',
      '--vscode-font-size': '14px',
    };
    const t = themeFrom('light', (name) => vars[name] ?? '');
    assert.equal(t.background, '#ffffff');
    assert.equal(t.series[0], '#0000ff');
    assert.equal(t.series[1], fallbackTheme.series[1]);
    assert.equal(t.fontSize, 14);
    assert.equal(t.foreground, fallbackTheme.foreground);
  });

  it('streams appended records into the matching traces', () => {
    const before = state([run(1, 'running')]);
    const t = reduce(before, {
      type: 'progress',
      updates: [{ runDir: '/runs/exp/r1', step: 30, total: 40, records: [rec(30, 0.9)] }],
    });
    assert.deepEqual(traceExtension(t.state, t.appended), {
      traces: [0, 1, 2, 3],
      x: [[30], [30], [30], [30]],
      y: [[1 / 30], [2 / 30], [0.75], [0.9]],
    });
  });

  it('streams into the traces of the right run when several are shown', () => {
    const t = reduce(state([run(1), run(2, 'running')]), {
      type: 'progress',
      updates: [{ runDir: '/runs/exp/r2', step: 30, total: 40, records: [rec(30)] }],
    });
    assert.deepEqual(traceExtension(t.state, t.appended).traces, [1, 3]);
  });

  it('summarises final and latest values in words', () => {
    const lines = summaryLines(state([run(1), run(2, 'running')]));
    assert.equal(
      lines[0],
      'exp · r1: done, step 20 of 20. Final (step 20): train loss 0.05, test loss 0.1, train accuracy 75.0%, test accuracy 87.5%.',
    );
    assert.match(lines[1], /^exp · r2: running, .* Latest \(step 20\)/);
    const empty = state([{ ...run(3, 'running'), metrics: [], error: 'worker exited' }]);
    assert.match(summaryLines(empty)[0], /No metrics logged yet\. Error: worker exited$/);
  });

  it('exports the plotted data as a table and as JSON', () => {
    const s = state([run(1), run(2)]);
    const table = exportTable(s);
    assert.deepEqual(table.columns, [
      'run',
      'step',
      'lr',
      'trainLoss',
      'trainAcc',
      'testLoss',
      'testAcc',
    ]);
    assert.equal(table.rows.length, 4);
    assert.deepEqual(table.rows[2], ['exp · r2', 10, 0.01, 0.1, 0.75, 0.2, 0.5]);
    const json = exportJson(s) as { runs: { metrics: unknown[] }[] };
    assert.equal(json.runs.length, 2);
    assert.equal(json.runs[1].metrics.length, 2);
    assert.equal(exportBaseName(state()), 'training-exp-r1');
    assert.equal(exportBaseName(s), 'training-compare');
  });
  it('draws a fine-tune after its parent’s checkpoint step, new records too', () => {
    const tuned = { ...run(2), stepOffset: 10 };
    const s = state([run(1), tuned]);
    const fig = trainingFigure(s, theme);
    const traces = fig.data.filter((t) => t.yaxis === 'y');
    assert.deepEqual(
      traces.map((t) => [t.name, t.x]),
      [
        ['exp · r1', [10, 20]],
        ['exp · r2 (from step 10)', [20, 30]],
      ],
    );
    const next = reduce(s, {
      type: 'progress',
      updates: [{ runDir: tuned.runDir, step: 30, total: 30, records: [rec(30)] }],
    });
    const ext = traceExtension(next.state, next.appended);
    assert.deepEqual(ext.x, [[40], [40]]);
    assert.equal((exportJson(s) as { runs: { stepOffset?: number }[] }).runs[1].stepOffset, 10);
  });
});
