// A stand-in for VS Code around the training webview (loaded before the view's bundle, with the
// page's nonce): `acquireVsCodeApi()` plus a fake host that answers `view/ready` with a snapshot
// of a running run, streams progress deltas, records `figure/export` requests and can ask the
// page for figures. Results for the driver land on `window.smoke`.
(() => {
  const runDir = '/runs/modadd/20260101T000000Z-smk1';
  const rec = (step) => ({
    step,
    lr: 0.01,
    trainLoss: 4 * Math.exp(-step / 300) + 0.001,
    trainAcc: Math.min(1, step / 900),
    testLoss: 4.2 * Math.exp(-step / 500) + 0.01,
    testAcc: Math.min(0.99, Math.max(0, (step - 300) / 900)),
  });
  const records = [];
  for (let s = 0; s <= 600; s += 20) records.push(rec(s));
  const smoke = {
    cspViolations: [],
    exports: [],
    renders: {},
    state: undefined,
    streamed: 0,
  };
  window.smoke = smoke;
  document.addEventListener('securitypolicyviolation', (e) => {
    smoke.cspViolations.push(`${e.violatedDirective}: ${e.blockedURI || e.sample || ''}`);
  });
  document.body.classList.add('vscode-dark');

  const toPage = (msg) => window.postMessage(msg, '*');
  const answer = (id, r) => setTimeout(() => toPage({ k: 'res', id, r }), 5);
  let step = 600;
  const stream = () => {
    const next = [rec(step + 20), rec(step + 40)];
    step += 40;
    smoke.streamed += next.length;
    toPage({
      k: 'evt',
      m: 'run/progress',
      p: { updates: [{ runDir, step, total: 3000, records: next }] },
    });
    if (smoke.streamed < 20) setTimeout(stream, 150);
  };
  const handlers = {
    'view/ready': () => {
      setTimeout(stream, 200);
      return {
        key: runDir,
        title: 'Training: modadd · 20260101T000000Z-smk1',
        runs: [
          {
            runDir,
            label: 'modadd · smk1',
            status: 'running',
            step: 600,
            total: 3000,
            metrics: records,
          },
        ],
      };
    },
    'figure/export': (file) => {
      smoke.exports.push(file);
      return { saved: true, path: `/tmp/${file.fileName}` };
    },
    'run/stop': () => {
      setTimeout(
        () =>
          toPage({
            k: 'evt',
            m: 'run/status',
            p: { runDir, status: 'cancelled', step, total: 3000 },
          }),
        5,
      );
      return null;
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
        if (h) answer(msg.id, h(msg.p));
        else setTimeout(() => toPage({ k: 'err', id: msg.id, e: { message: 'no handler' } }), 5);
      } else if (msg.k === 'res' || msg.k === 'err') {
        smoke.renders[msg.id] = msg;
      }
    },
    getState: () => smoke.state,
    setState: (s) => (smoke.state = s),
  });
})();
