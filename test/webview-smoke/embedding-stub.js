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

  const smoke = { cspViolations: [], exports: [], renders: {}, state: undefined, requests: [] };
  window.smoke = smoke;
  document.addEventListener('securitypolicyviolation', (e) => {
    smoke.cspViolations.push(`${e.violatedDirective}: ${e.blockedURI || e.sample || ''}`);
  });
  document.body.classList.add('vscode-dark');

  const toPage = (msg) => window.postMessage(msg, '*');
  const answer = (id, r) => setTimeout(() => toPage({ k: 'res', id, r }), 5);
  const refuse = (id, message) => setTimeout(() => toPage({ k: 'err', id, e: { message } }), 5);
  const handlers = {
    'view/ready': (_p, id) => answer(id, { key: runDir, title: 'Embedding: modadd · emb1' }),
    'embedding/trajectory': (params, id) => {
      smoke.requests.push(params);
      const kind = params.projection?.kind ?? 'fourier';
      answer(id, kind === 'pca' ? pca() : fourier(params.projection?.k ?? 5));
    },
    'figure/export': (file, id) => {
      smoke.exports.push(file);
      answer(id, { saved: true, path: `/tmp/${file.fileName}` });
    },
  };
  let nextId = 1000;
  smoke.render = (format) => {
    const id = nextId++;
    toPage({ k: 'req', id, m: 'figure/render', p: { format } });
    return id;
  };
  window.acquireVsCodeApi = () => ({
    postMessage: (msg) => {
      if (msg.k === 'req') {
        const h = handlers[msg.m];
        if (h) h(msg.p, msg.id);
        else refuse(msg.id, 'no handler');
      } else if (msg.k === 'res' || msg.k === 'err') {
        smoke.renders[msg.id] = msg;
      }
    },
    getState: () => smoke.state,
    setState: (s) => (smoke.state = s),
  });
})();
