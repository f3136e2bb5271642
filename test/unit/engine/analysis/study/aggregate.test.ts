import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type SweepEntry,
  dimensionRows,
  perturbationRows,
  predictionSummary,
  survivalSummary,
} from '../../../../../src/engine/analysis/study/aggregate';
import type { RunCompleteness } from '../../../../../src/shared/completenessResults';
import { experimentConfigSchema } from '../../../../../src/shared/experimentConfig';

/** A mod-add run result with the given initial signal and final circles. */
function run(opts: {
  signal?: number[];
  circles?: number[];
  percentile?: number | null;
  embeddingSeed?: number;
  embedDim?: number;
  frozen?: boolean;
  testAcc?: number;
}): RunCompleteness {
  const signal = opts.signal ?? [1, 2, 3, 4];
  const circles = opts.circles ?? [];
  return {
    runDir: '/r',
    runId: 'r',
    experiment: 'e',
    task: 'modular-addition',
    step: 100,
    seeds: { embedding: opts.embeddingSeed ?? 0, mlp: 0, data: 0 },
    embedDim: opts.embedDim ?? 8,
    frozenEmbedding: opts.frozen ?? false,
    metrics: { testLoss: 0.1, testAcc: opts.testAcc ?? 1, trainAcc: 1 },
    candidates: {
      kind: 'frequency',
      count: signal.length,
      sampled: false,
      labels: signal.map((_, i) => `k=${i + 1}`),
      initial: signal,
      z: signal,
    },
    chosen: circles.map((k) => k - 1),
    predictionPercentile: opts.percentile === undefined ? 0.75 : opts.percentile,
    top1: false,
    test: null,
    modularAddition: {
      p: 9,
      initialSignal: signal,
      finalSignal: signal,
      threshold: 0,
      initialCircularity: signal.map((s) => s / 10),
      finalCircularity: signal,
      finalCircles: circles,
      fourierNorms: [],
      keyFrequencies: [],
    },
  };
}

const config = (model: object = {}) =>
  experimentConfigSchema.parse({
    task: { kind: 'modular-addition', p: 9 },
    model: { kind: 'embed-mlp', ...model },
  });

const entry = (
  r: RunCompleteness,
  overrides: Record<string, unknown> = {},
  model?: object,
): SweepEntry => ({
  run: r,
  config: config(model),
  overrides,
  testAccAt: {},
});

describe('sweep summaries', () => {
  it('the prediction summary skips runs without a final representation', () => {
    const s = predictionSummary([
      run({ percentile: 0.9 }),
      run({ percentile: 0.3 }),
      run({ percentile: null }),
    ]);
    assert.equal(s.runs, 2);
    assert.ok(Math.abs((s.meanPercentile ?? Number.NaN) - 0.6) < 1e-12);
    assert.equal(s.aboveMedian, 1);
    assert.equal(s.binomial?.n, 2);
    // P(X ≥ 1 | n = 2, p = 1/2) = 3/4.
    assert.ok(Math.abs(s.binomial.pValue - 0.75) < 1e-12);
  });

  it('survival rates count final circles per fixed embedding and correlate with the signal', () => {
    const signal = [1, 2, 3, 4];
    const entries = [
      entry(run({ signal, circles: [4] }), { 'train.seed': 0 }),
      entry(run({ signal, circles: [3, 4] }), { 'train.seed': 1 }),
      entry(run({ signal, circles: [4] }), { 'train.seed': 2 }),
      entry(run({ signal, circles: [2, 3, 4] }), { 'train.seed': 3 }),
    ];
    const s = survivalSummary(entries);
    assert.ok(s !== undefined);
    assert.equal(s.groups.length, 1);
    assert.deepEqual(s.groups[0].survival, [0, 0.25, 0.5, 1]);
    assert.equal(s.points, 4);
    assert.ok((s.pearsonR ?? 0) > 0.9);
    // Least squares through (1,0) (2,.25) (3,.5) (4,1): slope 0.325.
    assert.ok(Math.abs(s.slope - 0.325) < 1e-12);
  });

  it('no survival without a group of two runs sharing an embedding', () => {
    const entries = [entry(run({ embeddingSeed: 0 })), entry(run({ embeddingSeed: 1 }))];
    assert.equal(survivalSummary(entries), undefined);
  });

  it('groups the dimension sweep by d and frozen, sorted', () => {
    const entries = [
      entry(run({ embedDim: 16, frozen: true, testAcc: 0.2, circles: [1] })),
      entry(run({ embedDim: 8, testAcc: 1, circles: [1, 2] })),
      entry(run({ embedDim: 8, testAcc: 0.5, circles: [] })),
      entry(run({ embedDim: 16, testAcc: 0.9, circles: [1, 2, 3] })),
    ];
    const rows = dimensionRows(entries)!;
    assert.deepEqual(
      rows.map((r) => [r.embedDim, r.frozen, r.runs, r.meanCircles, r.meanTestAcc]),
      [
        [8, false, 2, 1, 0.75],
        [16, false, 1, 3, 0.9],
        [16, true, 1, 1, 0.2],
      ],
    );
    assert.equal(dimensionRows(entries.slice(1, 3)), undefined);
  });

  it('perturbation rows give the survival of each perturbed frequency per α', () => {
    const p = (scale: number) => ({ embedPerturbation: { frequencies: [1, 2], scale } });
    const entries = [
      entry(run({ circles: [] }), {}, p(0.9)),
      entry(run({ circles: [1] }), {}, p(1.1)),
      entry(run({ circles: [1, 2] }), {}, p(1.1)),
    ];
    const rows = perturbationRows(entries)!;
    assert.deepEqual(
      rows.map((r) => [r.alpha, r.runs, r.survival]),
      [
        [0.9, 1, [0, 0]],
        [1.1, 2, [1, 0.5]],
      ],
    );
  });
});
