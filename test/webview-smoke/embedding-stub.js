// A stand-in for VS Code around the embedding webview (loaded before the view's bundle, with the
// page's nonce): `acquireVsCodeApi()` plus a fake host that answers `view/ready` and
// `embedding/trajectory` for a modular-addition run (p = 13, three checkpoints). The default
// projection is fourier: the tokens move onto the circle of frequency k (5 unless the request
// names another one); `pca` gives aligned-PCA coordinates. Every trajectory request is recorded.
// Results for the driver land on `window.smoke`.
(() => {
  const runDir = '/runs/modadd/20260101T000000Z-emb1';
  const p = 13;
  const steps = [0, 100, 200];
  const frequencies = [5, 2, 1, 3, 4, 6].map((k, i) => ({ k, signal: 30 - 4 * i, circle: i < 2 }));
  const wobble = (t, x) => (1 - t / 2) * Math.sin(3.7 * x + t);
  const circle = (k) =>
    steps.map((_, t) =>
      Array.from({ length: p }, (_, x) => {
        const angle = (2 * Math.PI * ((x * k) % p)) / p;
        const r = 1 + t + wobble(t, x);
        return [r * Math.cos(angle), r * Math.sin(angle)];
      }),
    );
  const base = {
    runDir,
    runId: '20260101T000000Z-emb1',
    experiment: 'modadd',
    task: 'modular addition mod 13',
    tensor: 'embedding.weight',
    k: 2,
    steps,
    tokens: Array.from({ length: p }, (_, x) => x),
    metrics: steps.map((step, t) => ({ step, trainAcc: 0.3 + t / 3, testAcc: 0.1 + t / 3 })),
    skipped: [],
  };
  const fourier = (k) => ({
    ...base,
    points: circle(k),
    explained: steps.map((_, t) => [0.1 + t * 0.2, 0.1 + t * 0.2]),
    labels: {
      token: base.tokens,
      'x·k mod p': base.tokens.map((x) => (x * k) % p),
    },
    projection: {
      kind: 'fourier',
      k,
      p,
      axes: [`Re F_${k} (final)`, `Im F_${k} (final)`],
      available: ['fourier', 'pca'],
      frequencies,
    },
  });
  const pca = () => ({
    ...base,
    points: circle(1),
    explained: steps.map(() => [0.4, 0.3]),
    labels: { token: base.tokens },
    projection: {
      kind: 'pca',
      axes: ['aligned PC 1', 'aligned PC 2'],
      available: ['fourier', 'pca'],
    },
  });

  const { smoke, answer, serve } = window.stubHost({ requests: [] });
  const handlers = {
    'view/ready': (_p, id) => answer(id, { key: runDir, title: 'Embedding: modadd · emb1' }),
    'embedding/trajectory': (params, id) => {
      smoke.requests.push(params);
      const kind = params.projection?.kind ?? 'fourier';
      answer(id, kind === 'pca' ? pca() : fourier(params.projection?.k ?? 5));
    },
  };
  serve(handlers);
})();
