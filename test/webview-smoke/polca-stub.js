// A stand-in for VS Code around the POLCA webview (loaded before the view's bundle, with the
// page's nonce): `acquireVsCodeApi()` plus a fake host that answers `view/ready`, `polca/load`,
// `polca/hessian` and `polca/cancel` with hand-made results of an addition run, records each
// request on `smoke.requests`, and sends `polca/progress` events like a worker. The first POLCA
// request reports progress and then waits (so the page can cancel it: the cancel refuses it the
// way a killed worker does); later ones answer after one more progress event. With `?fail` in the
// page URL, `polca/load` fails with a worker-style error instead.
(() => {
  const runDir = '/runs/addition/20260101T000000Z-ab12';
  const fail = new URLSearchParams(location.search).has('fail');
  const failure = `bad-run: ${runDir}: POLCA needs a task with skill labels per token (addition); this run trains modular-addition`;
  const steps = [250, 500, 1000, 2000, 4000, 8000];
  const times = steps.slice(1);

  /** An addition example "a+b=" with its answer digits reversed, the token at answer digit `d`. */
  function member(seed, d, carry) {
    const a = 100 + ((seed * 37) % 900);
    const b = 100 + ((seed * 61 + (carry ? 55 : 0)) % 900);
    const answer = String(a + b)
      .padStart(4, '0')
      .split('')
      .reverse()
      .join('');
    const text = `${a}+${b}=${answer}`;
    return {
      text,
      position: 8 + d,
      target: answer[d],
      labels: {
        carryIn: carry ? 1 : 0,
        cascadingCarry: carry && seed % 3 === 0 ? 1 : 0,
        leadingOne: d === 3 ? 1 : 0,
      },
    };
  }
  function cluster(i, size, fraction, shape, breakthrough, at) {
    const mean = at.map((t, j) => shape * (1 - Math.exp(-j / (1 + i))) - 0.05 * i);
    return {
      size,
      mean,
      sd: at.map((_, j) => 0.04 + 0.01 * j),
      breakthrough,
      skillFraction: fraction,
      members: Array.from({ length: Math.min(size, 12) }, (_, m) =>
        member(i * 50 + m, i % 4, m < Math.round(fraction * 12)),
      ),
    };
  }
  function group(token, ari, at, family) {
    return {
      token,
      size: 60,
      skillFraction: 0.45,
      family,
      ari,
      nmi: ari === null ? null : ari * 0.8,
      outlierFraction: 0.08,
      clusters: [
        cluster(0, 26, 0.85, -0.9, at[2], at),
        cluster(1, 20, 0.1, -0.4, at[3], at),
        cluster(2, 9, 0.33, -0.1, null, at),
      ],
      ...(family < 0
        ? {}
        : {
            dominant: {
              family: family + 3,
              ari: ari === null ? null : ari * 0.5,
              nmi: ari === null ? null : ari * 0.4,
              outlierFraction: 0.25,
              clusters: [cluster(0, 30, 0.5, -0.7, at[1], at), cluster(1, 15, 0.4, -0.2, null, at)],
            },
          }),
    };
  }
  function method(id, ari, at, family) {
    return {
      method: id,
      ari,
      nmi: ari * 0.8,
      ariDominant: ari * 0.5,
      nmiDominant: ari * 0.4,
      ...(id === 'lossBaseline'
        ? {}
        : { basisSize: 8, residual: 0.41, residuals: at.map(() => 0.4) }),
      times: at,
      groups: [
        group('1', ari * 0.6, at, family),
        group('0', ari + 0.09, at, family),
        group('7', ari * 0.3, at, family),
      ],
    };
  }
  function polcaResult(skill) {
    return {
      runDir,
      runId: '20260101T000000Z-ab12',
      experiment: 'addition',
      steps,
      skill,
      tokens: 512,
      hessian: {
        method: 'exact',
        examples: 128,
        k: 4,
        iterations: 24,
        checkpoints: steps.map((step, i) => ({
          step,
          eigenvalues: [8 + i, 4 + i / 2, 2, 1],
          residuals: [1e-4, 2e-4, 1e-3, 4e-3],
          hvps: 24,
          added: i === 0 ? 4 : 1,
        })),
      },
      allocation: { method: 'taylor', h: 0.01 },
      features: 'increments',
      ariDominant: { polca: 0.3, lossBaseline: 0.31, randomBasis: 0.05 },
      nmiDominant: { polca: 0.25, lossBaseline: 0.25, randomBasis: 0.04 },
      ari: { polca: 0.62, lossBaseline: 0.31, randomBasis: 0.12, singleCheckpoint: 0.2 },
      nmi: { polca: 0.5, lossBaseline: 0.25, randomBasis: 0.1, singleCheckpoint: null },
      residual: 0.41,
      methods: [
        method('polca', 0.62, times, 3),
        method('lossBaseline', 0.31, steps, -1),
        method('randomBasis', 0.12, times, 1),
        method('singleCheckpoint', 0.2, times, 0),
      ],
      lossCurve: steps.map((step, i) => ({ step, loss: 2 / (i + 1) })),
    };
  }
  function hessianResult() {
    const at = [0, 1000, 2000, 4000, 8000];
    return {
      runDir,
      runId: '20260101T000000Z-ab12',
      experiment: 'addition',
      settings: { method: 'exact', examples: 256, k: 5, iterations: 30 },
      checkpoints: at.map((step, i) => ({
        step,
        eigenvalues: [20 + 10 * i, 12 + 2 * i, 6, 3, 1],
        residuals: [1e-5, 1e-4, 5e-4, 2e-3, 8e-3],
        hvps: 30,
      })),
    };
  }

  const { smoke, answer, refuse, serve } = window.stubHost({ requests: [] });
  let pending;
  const progress = (job, done, total, what) =>
    smoke.notify('polca/progress', { job, done, total, what });
  const handlers = {
    'view/ready': (_p, id) =>
      answer(id, {
        key: runDir,
        title: 'POLCA: addition · 20260101T000000Z-ab12',
        runDir,
        view: 'clusters',
      }),
    'polca/load': (params, id) => {
      smoke.requests.push({ method: 'load', ...params });
      if (fail) return refuse(id, failure, 'bad-run');
      const first = smoke.requests.filter((r) => r.method === 'load').length === 1;
      progress('polca', 3, 6, 'basis checkpoints');
      if (first) {
        setTimeout(() => progress('polca', 12, 19, 'intervals'), 20);
        pending = id;
        return;
      }
      setTimeout(() => progress('polca', 19, 19, 'intervals'), 10);
      setTimeout(() => answer(id, polcaResult(params.options?.skill ?? 'carryIn')), 60);
    },
    'polca/hessian': (params, id) => {
      smoke.requests.push({ method: 'hessian', ...params });
      progress('hessian', 1, 5, 'checkpoints');
      setTimeout(() => answer(id, hessianResult()), 60);
    },
    'polca/cancel': (params, id) => {
      smoke.requests.push({ method: 'cancel', ...params });
      if (pending !== undefined) refuse(pending, 'endpoint disposed before the reply arrived');
      answer(id, { cancelled: pending !== undefined });
      pending = undefined;
    },
  };
  smoke.failure = failure;
  serve(handlers);
})();
