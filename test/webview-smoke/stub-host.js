// The fake VS Code host the analysis pages' stubs build on (loaded before them, with the page's
// nonce): `window.stubHost(extra)` records CSP violations, exports and render answers on
// `window.smoke`, and returns `answer`/`refuse` for request handlers and `serve(handlers)`, which
// installs `acquireVsCodeApi()` routing the view's requests to them. `smoke.render(format)` asks
// the view for a figure file; `smoke.notify(method, params)` sends it an event.
window.stubHost = (extra = {}) => {
  const smoke = { cspViolations: [], exports: [], renders: {}, state: undefined, ...extra };
  window.smoke = smoke;
  document.addEventListener('securitypolicyviolation', (e) => {
    smoke.cspViolations.push(`${e.violatedDirective}: ${e.blockedURI || e.sample || ''}`);
  });
  document.body.classList.add('vscode-dark');

  const toPage = (msg) => window.postMessage(msg, '*');
  const answer = (id, r) => setTimeout(() => toPage({ k: 'res', id, r }), 5);
  const refuse = (id, message, code) =>
    setTimeout(() => toPage({ k: 'err', id, e: { message, code } }), 5);
  let nextId = 1000;
  smoke.render = (format) => {
    const id = nextId++;
    toPage({ k: 'req', id, m: 'figure/render', p: { format } });
    return id;
  };
  smoke.notify = (m, p) => toPage({ k: 'evt', m, p });

  const serve = (handlers) => {
    const all = {
      'figure/export': (file, id) => {
        smoke.exports.push(file);
        answer(id, { saved: true, path: `/tmp/${file.fileName}` });
      },
      ...handlers,
    };
    window.acquireVsCodeApi = () => ({
      postMessage: (msg) => {
        if (msg.k === 'req') {
          const h = all[msg.m];
          if (h) h(msg.p, msg.id);
          else refuse(msg.id, 'no handler');
        } else if (msg.k === 'res' || msg.k === 'err') {
          smoke.renders[msg.id] = msg;
        }
      },
      getState: () => smoke.state,
      setState: (s) => (smoke.state = s),
    });
  };
  return { smoke, answer, refuse, serve };
};
