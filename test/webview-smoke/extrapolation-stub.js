// A stand-in for VS Code around the rule-extrapolation webview (loaded before the view's bundle,
// with the page's nonce): `acquireVsCodeApi()` plus a fake host that answers `view/ready` and
// `extrapolation/load` with a hand-made comparison of three aⁿbⁿ runs (normal, oracle,
// adversarial: near-identical validation losses, very different OOD rule-1 accuracy; one skipped
// run), records `figure/export` requests and can ask the page for figures. With `?fail` in the
// page URL, `extrapolation/load` fails with a worker-style error instead. Results for the driver
// land on `window.smoke`.
(() => {
  const folder = '/runs/anbn-sweep';
  const fail = new URLSearchParams(location.search).has('fail');
  const failure = 'bad-run: /runs/anbn-sweep/r9: not a formal-language run';
  const steps = Array.from({ length: 10 }, (_, i) => (i + 1) * 500);
  const acc = (prompts, r1, grammatical) => ({
    prompts,
    r1,
    r2: 1,
    r2Completion: 1,
    grammatical,
    finished: 0.95,
  });
  const checkpoint = (step, i, finalOod, shift) => {
    const valLoss = 0.6 * Math.exp(-i / 3) + 0.25 + shift + (i > 6 ? (i - 6) * 0.004 : 0);
    const oodR1Accuracy = Math.min(1, finalOod * (1 - Math.exp(-i / 2)));
    const idGrammaticalAccuracy = Math.min(1, 0.3 + i * 0.08);
    return {
      step,
      valLoss,
      valLossUnmasked: valLoss * 0.45,
      valAcc: 0.7 + i * 0.02,
      id: acc(64, 1, idGrammaticalAccuracy),
      ood: acc(64, oodR1Accuracy, 0),
      oodR1Accuracy,
      idGrammaticalAccuracy,
    };
  };
  const sample = (set, prompt, completion, r1, r2, grammatical, finished) => ({
    set,
    prompt,
    completion,
    r1,
    r2,
    grammatical,
    finished,
  });
  const samples = [
    sample('id', 'aaab', 'bb$', true, true, true, true),
    sample('id', 'aab', 'bbb$', false, true, false, true),
    sample('ood', 'baa', 'bb$', true, false, false, true),
    sample('ood', 'bab', 'aaaaaaaa', false, false, false, false),
  ];
  const run = (id, training, finalOod, shift) => {
    const checkpoints = steps.map((s, i) => checkpoint(s, i, finalOod, shift));
    return {
      runDir: `${folder}/${id}`,
      runId: id,
      experiment: 'anbn-sweep',
      language: 'anbn',
      training,
      model: 'transformer',
      seed: 0,
      prompts: { id: 64, ood: 64, length: 8 },
      chanceOodR1: 0.12,
      checkpoints,
      best: checkpoints[6],
      samples,
      curve: [],
    };
  };
  const runs = [
    run('ext1', 'normal', 0.45, 0),
    run('ext2', 'oracle', 0.97, 0.006),
    run('ext3', 'adversarial', 0.05, -0.004),
  ];
  const ms = (mean) => ({ mean, sd: 0 });
  const comparison = {
    runs,
    byTraining: runs.map((r) => ({
      training: r.training,
      runs: 1,
      valLoss: ms(r.best.valLoss),
      oodR1Accuracy: ms(r.best.oodR1Accuracy),
      idGrammaticalAccuracy: ms(r.best.idGrammaticalAccuracy),
    })),
    skipped: [{ runDir: `${folder}/ext4`, reason: 'unfinished (running, step 1500 of 5000)' }],
    partial: true,
  };

  const { smoke, answer, refuse, serve } = window.stubHost({ loads: 0 });
  const handlers = {
    'view/ready': (_p, id) =>
      answer(id, { key: folder, title: 'Rule Extrapolation: anbn-sweep', sources: [folder] }),
    'extrapolation/load': (_p, id) => {
      smoke.loads++;
      if (fail) refuse(id, failure, 'bad-run');
      else answer(id, comparison);
    },
  };
  smoke.failure = failure;
  serve(handlers);
})();
