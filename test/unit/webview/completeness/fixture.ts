/** Small hand-made completeness results for the completeness view's tests. */
import type {
  CandidateScores,
  InitialCompleteness,
  RunCompleteness,
  SweepCompleteness,
} from '../../../../src/shared/completenessResults';
import {
  type CompletenessState,
  initialState,
  reduce,
} from '../../../../webview/completeness/state';

/** Frequencies k = 1..3 (p = 7) with the given initial scores and z. */
function frequencies(initial: number[], z: number[]): CandidateScores {
  return { kind: 'frequency', count: 3, sampled: false, labels: ['k=1', 'k=2', 'k=3'], initial, z };
}

const test = (pValue: number) => ({ name: 'mann-whitney', statistic: 2, pValue, n: 3 });

/** Run r1 chose k=2 (the best initial score); run r2 chose k=1 and k=3. */
export function aRun(id: 'r1' | 'r2'): RunCompleteness {
  const r1 = id === 'r1';
  const initial = r1 ? [0.5, 2, 1] : [1.5, 0.2, 0.8];
  return {
    runDir: `/runs/sweep/${id}`,
    runId: id,
    experiment: 'sweep',
    task: 'modular-addition',
    step: 1000,
    seeds: { embedding: r1 ? 1 : 2, mlp: 0, data: 0 },
    embedDim: 8,
    frozenEmbedding: false,
    metrics: { testLoss: 0.1, testAcc: 0.98, trainAcc: 1 },
    candidates: frequencies(initial, r1 ? [-1, 3, 0.5] : [2, -1.5, 0.1]),
    chosen: r1 ? [1] : [0, 2],
    predictionPercentile: r1 ? 1 : 0.5,
    top1: r1,
    test: test(r1 ? 0.33 : 0.5),
    modularAddition: {
      p: 7,
      initialSignal: initial,
      finalSignal: r1 ? [0.1, 5, 0.2] : [4, 0.1, 3],
      threshold: r1 ? 3.5 : 4.7,
      initialCircularity: [0.2, 0.6, 0.4],
      finalCircularity: r1 ? [0.1, 0.95, 0.2] : [0.9, 0.1, 0.85],
      finalCircles: r1 ? [2] : [1, 3],
      fourierNorms: [0, 1, 1, 1],
      keyFrequencies: r1 ? [2] : [1, 3],
    },
  };
}

/** A two-run sweep with survival, dimension and perturbation summaries and a skipped run. */
export function aSweep(): SweepCompleteness {
  const tr = { name: 'binomial', statistic: 1, pValue: 0.25, n: 2 };
  return {
    task: 'modular-addition',
    runs: [aRun('r1'), aRun('r2')],
    prediction: {
      runs: 2,
      meanPercentile: 0.75,
      aboveMedian: 1,
      binomial: tr,
      wilcoxon: { ...tr, name: 'wilcoxon-signed-rank', pValue: 0.0004 },
      top1Hits: 1,
      top1Rate: 0.5,
      chanceTop1: 0.5,
    },
    survival: {
      groups: [
        { embeddingSeed: 1, runs: 2, initialSignal: [0.5, 2, 1], survival: [0, 1, 0.5] },
        { embeddingSeed: 2, runs: 2, initialSignal: [1.5, 0.2, 0.8], survival: [1, 0, 0.5] },
      ],
      pearsonR: 0.9,
      pValue: 0.0004,
      slope: 0.5,
      intercept: -0.1,
      points: 6,
    },
    dimension: [
      dim(32, false, 0.99, 3, 0.5, 0.9, 1),
      dim(8, false, 0.9, 2, 0.3, 0.7, 1),
      dim(8, true, 0.4, 1, 0.5, 0.9, 3),
      dim(32, true, 0.6, 1, 0.4, 0.8, 1),
    ],
    perturbation: [
      { alpha: 2, frequencies: [2, 3], runs: 4, survival: [1, 0.75] },
      { alpha: 0.5, frequencies: [2, 3], runs: 4, survival: [0.25, 0] },
    ],
    skipped: [{ runDir: '/runs/sweep/r3', reason: 'unfinished (running)' }],
    partial: true,
  };
}

function dim(
  embedDim: number,
  frozen: boolean,
  meanTestAcc: number,
  meanCircles: number,
  meanCircularity: number,
  maxCircularity: number,
  runs: number,
) {
  const testAccAt = { '1000': meanTestAcc };
  return {
    embedDim,
    frozen,
    runs,
    meanCircles,
    meanCircularity,
    maxCircularity,
    meanTestAcc,
    meanTestLoss: 1 - meanTestAcc,
    testAccAt,
  };
}

/** A step-0 preview whose best candidates are k=2, then k=3. */
export function anInitial(): InitialCompleteness {
  return {
    task: 'modular-addition',
    embedDim: 8,
    seed: 5,
    candidates: frequencies([0.5, 2, 1], [-1, 3, 0.5]),
    top: [1, 2],
    modularAddition: { p: 7, initialSignal: [0.5, 2, 1], initialCircularity: [0.2, 0.6, 0.4] },
  };
}

/** The state after the snapshot and the data arrived (results mode). */
export function loadedResults(data: SweepCompleteness = aSweep()): CompletenessState {
  const s = reduce(initialState(), {
    type: 'snapshot',
    key: '/runs/sweep',
    title: 'Completeness: sweep',
    mode: 'results',
    source: '/runs/sweep',
  });
  return reduce(s, { type: 'loaded', data: { mode: 'results', results: data } });
}

/** The state after the snapshot and a preview arrived (initial mode). */
export function loadedInitial(data: InitialCompleteness = anInitial()): CompletenessState {
  const s = reduce(initialState(), {
    type: 'snapshot',
    key: 'file:///work/modadd.replens.json',
    title: 'Initial Completeness: modadd.replens.json',
    mode: 'initial',
    source: '/work/modadd.replens.json',
  });
  return reduce(s, { type: 'loaded', data: { mode: 'initial', initial: data } });
}
