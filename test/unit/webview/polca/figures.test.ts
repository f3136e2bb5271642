import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PlotData, Shape } from 'plotly.js';
import { fallbackTheme as theme } from '../../../../webview/common/plotTheme';
import {
  bandOutline,
  clusterFigure,
  clusterOfGroupName,
  valueAt,
} from '../../../../webview/polca/clusterFigure';
import { depsChanged } from '../../../../webview/common/viewChoices';
import { figureDeps } from '../../../../webview/polca/figures';
import { stepAxisType } from '../../../../webview/polca/format';
import { methodScores, scoresFigure } from '../../../../webview/polca/scoresFigure';
import { rankSeries, spectrumFigure } from '../../../../webview/polca/spectrumFigure';
import { reduce } from '../../../../webview/polca/state';
import { aHessianResult, aPolcaResult, loaded } from './fixture';

type Trace = Partial<PlotData>;

describe('POLCA cluster figure', () => {
  it('draws a ±sd band, the mean and the breakthrough of each cluster, all in its legend group', () => {
    const fig = clusterFigure(loaded(), theme);
    const traces = fig.data as Trace[];
    // Group "7" of POLCA: cluster 1 has a breakthrough, cluster 2 none.
    assert.deepEqual(
      traces.map((t) => [t.legendgroup, t.mode, t.fill ?? '']),
      [
        ['cluster-0', 'lines', 'toself'],
        ['cluster-0', 'lines', ''],
        ['cluster-0', 'markers', ''],
        ['cluster-1', 'lines', 'toself'],
        ['cluster-1', 'lines', ''],
      ],
    );
    assert.equal(traces[1].name, 'cluster 1 · 20 tokens · 90% carryIn');
    assert.equal(traces.filter((t) => t.showlegend !== false).length, 2, 'one legend entry each');
    const shapes = fig.layout.shapes as Partial<Shape>[];
    assert.deepEqual(
      shapes.map((s) => [s.x0, s.yref, s.line?.dash]),
      [[800, 'paper', 'dot']],
    );
    assert.deepEqual(traces[2].x, [800]);
    assert.equal(traces[2].y?.[0], -0.2, 'the mark sits on the mean');
    assert.match(
      String((fig.layout.title as { text: string }).text),
      /POLCA · output token "7": 40 tokens, ARI 0\.62, NMI 0\.50, outliers 5%/,
    );
    assert.equal(fig.layout.xaxis?.type, 'linear', 'steps 200–3200 span a factor 16');
    assert.match(String((fig.layout.yaxis?.title as { text: string }).text), /basis vector 2/);
  });

  it('draws the selected cluster heavier, and the baseline against the loss', () => {
    const s = reduce(loaded(), { type: 'clusters', patch: { cluster: 1 } });
    const widths = (clusterFigure(s, theme).data as Trace[])
      .filter((t) => t.mode === 'lines' && t.fill === undefined)
      .map((t) => t.line?.width);
    assert.deepEqual(widths, [2, 4]);
    const base = reduce(s, { type: 'clusters', patch: { method: 'lossBaseline' } });
    const fig = clusterFigure(base, theme);
    assert.equal((fig.layout.yaxis?.title as { text: string }).text, 'per-token loss');
    assert.deepEqual((fig.data as Trace[])[1].x, aPolcaResult().steps);
  });

  it('outlines bands with gaps where a value is missing, and interpolates the mark', () => {
    const out = bandOutline([1, 2, 3], { mean: [0, null as unknown as number, 2], sd: [1, 1, 1] });
    assert.deepEqual(out.x, [1, 2, 3, 3, 2, 1]);
    assert.deepEqual(out.y, [1, null, 3, 1, null, -1]);
    assert.equal(valueAt([10, 20], [0, 1], 15), 0.5);
    assert.equal(valueAt([10, 20], [0, 1], 25), null);
    assert.deepEqual([clusterOfGroupName('cluster-3'), clusterOfGroupName('ARI')], [3, undefined]);
  });

  it('uses a log step axis only for positive steps spanning more than a factor 20', () => {
    assert.equal(stepAxisType([100, 3200]), 'log');
    assert.equal(stepAxisType([0, 500, 1000]), 'linear');
    assert.equal(stepAxisType([100, 1000]), 'linear');
  });
});

describe('POLCA method scores', () => {
  it('lists every method with its ARI and NMI, missing values as null', () => {
    const scores = methodScores(aPolcaResult());
    assert.deepEqual(
      scores.map((sc) => [sc.name, sc.ari, sc.ariDominant, sc.nmi]),
      [
        ['POLCA', 0.62, 0.3, 0.5],
        ['loss baseline', 0.31, 0.31, 0.25],
        ['random basis', 0.12, 0.05, 0.1],
        ['single checkpoint', 0.2, 0.1, null],
      ],
    );
  });

  it('draws both ARIs and NMI side by side, labelled, "–" for a missing value', () => {
    const fig = scoresFigure(loaded(), theme);
    const [ari, dominant, nmi] = fig.data as Trace[];
    assert.deepEqual(dominant.text, ['0.30', '0.31', '0.05', '0.10']);
    assert.equal(dominant.name, 'ARI, dominant vector');
    assert.equal(fig.layout.barmode, 'group');
    assert.deepEqual(ari.y, ['POLCA', 'loss baseline', 'random basis', 'single checkpoint']);
    assert.equal(ari.orientation, 'h');
    assert.deepEqual(ari.text, ['0.62', '0.31', '0.12', '0.20']);
    assert.deepEqual(nmi.text, ['0.50', '0.25', '0.10', '–']);
    assert.deepEqual(nmi.x, [0.5, 0.25, 0.1, 0]);
  });
});

describe('POLCA spectrum figure', () => {
  it('draws one line per rank of the standalone Hessian, with residuals in the hover', () => {
    const s = reduce(loaded('spectrum'), { type: 'show', view: 'spectrum' });
    const fig = spectrumFigure(s, theme);
    const traces = fig.data as Trace[];
    assert.deepEqual(
      traces.map((t) => t.name),
      ['λ1', 'λ2', 'λ3'],
    );
    assert.deepEqual(traces[2].y, [1, 1, null]);
    assert.deepEqual((traces[0].customdata as unknown[][])[0], ['0.00001', 30, '–']);
    assert.match(String(traces[0].hovertemplate), /residual/);
    assert.equal(fig.layout.xaxis?.type, 'linear', 'step 0 rules out a log axis');
  });

  it("draws POLCA's spectrum with the vectors added", () => {
    const fig = spectrumFigure(reduce(loaded(), { type: 'show', view: 'spectrum' }), theme);
    assert.equal((fig.data as Trace[]).length, 2);
    assert.match(String((fig.data as Trace[])[0].hovertemplate), /vectors added/);
    assert.match(String((fig.layout.title as { text: string }).text), /POLCA basis/);
    const series = rankSeries({
      source: 'hessian',
      runId: 'r',
      settings: aHessianResult().settings,
      checkpoints: [{ step: 1, eigenvalues: [3], residuals: [0], hvps: 1 }],
    });
    assert.deepEqual(
      series.map((r) => r.rank),
      [1],
    );
  });

  it('redraws a figure only when what it shows changed', () => {
    const s = loaded();
    const deps = figureDeps(s, 'clusterCurves');
    assert.equal(
      depsChanged(
        deps,
        figureDeps(reduce(s, { type: 'exportFormat', format: 'svg' }), 'clusterCurves'),
      ),
      false,
    );
    assert.equal(
      depsChanged(
        deps,
        figureDeps(reduce(s, { type: 'clusters', patch: { group: '1' } }), 'clusterCurves'),
      ),
      true,
    );
    assert.equal(
      depsChanged(
        deps,
        figureDeps(reduce(s, { type: 'clusters', patch: { cluster: 0 } }), 'clusterCurves'),
      ),
      true,
    );
  });
});
