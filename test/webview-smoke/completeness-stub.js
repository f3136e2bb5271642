// A stand-in for VS Code around the completeness webview (loaded before the view's bundle, with
// the page's nonce): `acquireVsCodeApi()` plus a fake host that answers `view/ready` and
// `completeness/load` with a small two-run sweep (survival, dimension and perturbation summaries,
// one skipped run), records `figure/export` requests and can ask the page for figures. With
// `?fail` in the page URL, `completeness/load` fails with a worker-style error instead. Results
// for the driver land on `window.smoke`.
(() => {
  const folder = '/runs/modadd-sweep';
  const fail = new URLSearchParams(location.search).has('fail');
  const failure = 'bad-run: /runs/modadd-sweep holds neither run.json nor sweep.json';
  const half = 28; // p = 57: frequencies k = 1..28
  const wave = (seed) =>
    Array.from({ length: half }, (_, i) => 10 + 6 * Math.sin(seed * 7 + i * 1.3));
  const run = (id, seed, chosen) => {
    const initial = wave(seed);
    const finalSignal = initial.map((v, i) => (chosen.includes(i) ? 60 : v / 4));
    return {
      runDir: `${folder}/${id}`,
      runId: id,
      experiment: 'modadd-sweep',
      task: 'modular-addition',
      step: 3000,
      seeds: { embedding: seed, mlp: 1, data: 0 },
      embedDim: 32,
      frozenEmbedding: false,
      metrics: { testLoss: 0.02, testAcc: 0.99, trainAcc: 1 },
      candidates: {
        kind: 'frequency',
        count: half,
        sampled: false,
        labels: initial.map((_, i) => `k=${i + 1}`),
        initial,
        z: initial.map((v) => (v - 10) / 3),
      },
      chosen,
      predictionPercentile: 0.8,
      top1: false,
      test: { name: 'mann-whitney', statistic: 40, pValue: 0.04, n: half },
      modularAddition: {
        p: 57,
        initialSignal: initial,
        finalSignal,
        threshold: 2 * (finalSignal.reduce((a, b) => a + b, 0) / half),
        initialCircularity: initial.map(() => 0.3),
        finalCircularity: finalSignal.map((v) => (v > 50 ? 0.95 : 0.1)),
        finalCircles: chosen.map((i) => i + 1),
        fourierNorms: [0, ...finalSignal],
        keyFrequencies: chosen.map((i) => i + 1),
      },
    };
  };
  const runs = [run('smk1', 1, [3, 17]), run('smk2', 2, [5]), run('smk3', 1, [3, 9])];
  const dim = (embedDim, frozen, acc) => ({
    embedDim,
    frozen,
    runs: 2,
    meanCircles: frozen ? 0.5 : Math.log2(embedDim) / 2,
    meanCircularity: 0.3 + embedDim / 400,
    maxCircularity: 0.5 + embedDim / 300,
    meanTestAcc: acc,
    meanTestLoss: 1 - acc,
    testAccAt: { 3000: acc },
  });
  const results = {
    task: 'modular-addition',
    runs,
    prediction: {
      runs: 3,
      meanPercentile: 0.8,
      aboveMedian: 3,
      binomial: { name: 'binomial', statistic: 3, pValue: 0.125, n: 3 },
      wilcoxon: { name: 'wilcoxon-signed-rank', statistic: 6, pValue: 0.125, n: 3 },
      top1Hits: 0,
      top1Rate: 0,
      chanceTop1: 0.06,
    },
    survival: {
      groups: [1, 2].map((seed) => ({
        embeddingSeed: seed,
        runs: 2,
        initialSignal: wave(seed),
        survival: wave(seed).map((v) => Math.min(1, Math.max(0, (v - 8) / 10))),
      })),
      pearsonR: 0.71,
      pValue: 0.00002,
      slope: 0.1,
      intercept: -0.8,
      points: 2 * half,
    },
    dimension: [8, 16, 32, 64, 128].flatMap((d) => [
      dim(d, false, Math.min(1, 0.5 + d / 100)),
      dim(d, true, Math.min(1, 0.3 + d / 200)),
    ]),
    perturbation: [0.5, 1, 2, 4].map((alpha) => ({
      alpha,
      frequencies: [7, 11],
      runs: 4,
      survival: [Math.min(1, alpha / 4), Math.min(1, alpha / 5)],
    })),
    skipped: [{ runDir: `${folder}/smk4`, reason: 'unfinished (running, step 1200 of 3000)' }],
    partial: true,
  };

  const { smoke, answer, refuse, serve } = window.stubHost({ loads: 0 });
  const handlers = {
    'view/ready': (_p, id) =>
      answer(id, {
        key: folder,
        title: 'Completeness: modadd-sweep',
        mode: 'results',
        source: folder,
      }),
    'completeness/load': (_p, id) => {
      smoke.loads++;
      if (fail) refuse(id, failure, 'bad-run');
      else answer(id, { mode: 'results', results });
    },
  };
  smoke.failure = failure;
  serve(handlers);
})();
