// A stand-in for VS Code around the universality webview (loaded before the view's bundle, with
// the page's nonce): `acquireVsCodeApi()` plus a fake host that answers `view/ready` and every
// `universality/…` request with hand-made results of a width sweep of four family-tree runs
// (embed-mlp: embedding, two hidden layers, output), records each request on `smoke.requests`,
// and can ask the page for figures. The CKA values depend on the estimator asked for, so a switch
// shows in the figure. With `?fail` in the page URL, `universality/ckaLayers` fails with a
// worker-style error instead. Results for the driver land on `window.smoke`.
(() => {
  const folder = '/runs/family/sweep-20260101T000000Z';
  const fail = new URLSearchParams(location.search).has('fail');
  const failure = 'bad-run: /runs/family/sweep-20260101T000000Z/r1: the run has no checkpoints yet';
  const layers = ['embedding', 'hidden.0', 'hidden.1', 'output'];
  const relations = ['parent', 'child', 'sibling'];
  const runs = [8, 16, 32, 64].map((width, i) => ({
    runDir: `${folder}/r${i + 1}`,
    runId: `r${i + 1}`,
    experiment: 'family',
    status: i === 3 ? 'running' : 'done',
    label: `width ${width}`,
    task: 'family-tree',
    model: 'embed-mlp',
    checkpoints: 3,
  }));
  const estimatorShift = { linear: 0, rbf: 0.05, debiased: -0.1 };
  const clamp = (v) => Math.max(0, Math.min(1, v));
  const band = (v, i, j, permutations) => {
    const pValue = Math.abs(i - j) >= 3 ? 0.31 : i === j ? 1 / (permutations + 1) : 0.004;
    return { pValue, mean: 0.08, low: 0.03, high: 0.15, permutations };
  };
  const matrix = (names, value, permutations) => {
    const values = names.map((_, i) => names.map((_, j) => value(i, j)));
    const nulls =
      permutations > 0
        ? values.map((row, i) => row.map((v, j) => band(v, i, j, permutations)))
        : undefined;
    return { rows: names, columns: names, values, nulls };
  };
  const n = 60;
  const examples = Array.from({ length: n }, (_, i) => `p${i % 15} → p${(i * 7) % 15}`);
  const labelValues = Array.from({ length: n }, (_, i) => i % 3);
  const pointsOf = (layer, k, step) => ({
    layer,
    x: labelValues.map((v, i) => v * (1 + k) + Math.cos(i) * 0.3 * (step / 1500)),
    y: labelValues.map((v, i) => (k - v) * 0.5 + Math.sin(i * 1.3) * 0.4),
    explained: [0.42 - k * 0.05, 0.21],
  });
  const settings = (estimator, permutations) => ({
    estimator,
    rbfThreshold: 1,
    permutations,
    seed: 0,
  });

  function ckaLayers({ runDir, estimator, permutations }) {
    const shift = estimatorShift[estimator] ?? 0;
    const steps = [500, 1000, 1500].map((step, s) => ({
      step,
      matrix: matrix(
        layers,
        (i, j) => (i === j ? 1 : clamp(0.95 - 0.22 * Math.abs(i - j) + shift + 0.02 * s)),
        permutations,
      ),
      points: layers.map((l, k) => pointsOf(l, k, step)),
    }));
    const run = runs.find((r) => r.runDir === runDir) ?? runs[0];
    return {
      runDir,
      runId: run.runId,
      experiment: 'family',
      settings: settings(estimator, permutations),
      inputSet: { split: 'test', n, total: 400 },
      layers,
      steps,
      acrossCheckpoints: layers.map((layer, k) => ({ layer, values: [0.5 + k * 0.1, 0.8, 1] })),
      examples,
      labels: [{ name: 'relation', values: labelValues, names: relations }],
    };
  }

  function ckaRuns({ layer = 'embedding', estimator, permutations }) {
    const shift = estimatorShift[estimator] ?? 0;
    const labels = runs.map((r) => r.label);
    return {
      settings: settings(estimator, permutations),
      layer,
      layers,
      runs: runs.map(({ runDir, runId, label }) => ({ runDir, runId, label })),
      matrix: matrix(
        labels,
        (i, j) => (i === j ? 1 : clamp(0.6 + 0.08 * Math.min(i, j) + shift)),
        permutations,
      ),
      n: 400,
      skipped: [{ runDir: `${folder}/r5`, reason: 'unfinished (running, step 200 of 1500)' }],
    };
  }

  const score = (balancedAccuracy) => ({
    balancedAccuracy,
    normalized: (balancedAccuracy - 0.5) / 0.48,
  });
  const direction = (from, to) => ({
    from: { runDir: from.runDir, runId: from.runId, label: from.label, balancedAccuracy: 0.98 },
    to: { runDir: to.runDir, runId: to.runId, label: to.label, balancedAccuracy: 0.98 },
    cells: layers.flatMap((fromLayer, i) =>
      layers.map((toLayer, j) => ({
        fromLayer,
        toLayer,
        task: score(0.97 - 0.1 * Math.abs(i - j)),
        regression: score(0.9 - 0.12 * Math.abs(i - j)),
        controls: {
          random: score(0.55),
          shuffled: score(i === 3 && j === 0 ? 0.8 : 0.6),
          personHeldOut: score(0.85 - 0.05 * Math.abs(i - j)),
        },
      })),
    ),
  });
  function stitching({ from, to }) {
    const a = runs.find((r) => r.runDir === from) ?? runs[0];
    const b = runs.find((r) => r.runDir === to) ?? runs[1];
    return {
      epsilon: 0,
      steps: 300,
      chance: 0.5,
      forward: direction(a, b),
      backward: direction(b, a),
      symmetric: 0.97,
    };
  }

  const ms = (mean, sd, runCount = 4) => ({ mean, sd, runs: runCount });
  function starvation({ source }) {
    const widths = [8, 16, 32, 64, 128];
    const cells = [1, 2].flatMap((depth) =>
      [8, 16].flatMap((embedDim) =>
        widths.map((width, w) => ({
          params: { 'model.hidden': `${width}×${depth}`, 'model.embedDim': embedDim },
          width,
          depth,
          embedDim,
          trainFraction: 0.8,
          parameters: width * (embedDim * 2 + 11) * depth,
          testAccuracy: ms(0.55 + 0.1 * w + 0.02 * depth - (w === 4 ? 0.12 : 0), 0.03),
          testAccuracyAtConvergence: ms(0.5 + 0.1 * w + 0.03 * depth, 0.04),
          stepsTo100:
            w === 0
              ? ms(Number.NaN, Number.NaN, 0)
              : ms(1500 - 200 * w - 100 * depth, 100, w === 1 ? 2 : 4),
          converged: w === 0 ? 0 : w === 1 ? 2 : 4,
          crossSeedCka: {
            linear: ms(0.35 + 0.1 * w + 0.05 * depth, 0.05, 6),
            debiased: ms(0.25 + 0.1 * w + 0.05 * depth, 0.06, 6),
          },
          crossSeedStitching: ms(0.45 + 0.09 * w + 0.04 * depth, 0.04, 12),
        })),
      ),
    );
    return {
      sweepDir: source,
      budget: 1500,
      axes: { width: widths, depth: [1, 2], embedDim: [8, 16], trainFraction: [0.8] },
      cells,
      skipped: [],
    };
  }

  const { smoke, answer, refuse, serve } = window.stubHost({ requests: [] });
  /** A handler that records the request (`smoke.requests`) and answers with `compute(params)`. */
  const served = (method, compute) => (params, id) => {
    smoke.requests.push({ method, ...params });
    if (fail && method === 'ckaLayers') refuse(id, failure, 'bad-run');
    else answer(id, compute(params));
  };
  const handlers = {
    'view/ready': (_p, id) =>
      answer(id, {
        key: folder,
        title: 'Universality: sweep-20260101T000000Z',
        sources: [folder],
        view: 'layers',
      }),
    'universality/runs': served('runs', () => ({ runs, sweeps: [folder] })),
    'universality/ckaLayers': served('ckaLayers', ckaLayers),
    'universality/ckaRuns': served('ckaRuns', ckaRuns),
    'universality/stitching': served('stitching', stitching),
    'universality/starvation': served('starvation', starvation),
  };
  smoke.failure = failure;
  serve(handlers);
})();
