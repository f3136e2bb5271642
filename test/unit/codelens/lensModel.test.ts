import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import {
  type LastRun,
  type LensInput,
  buildLenses,
  formatAgo,
  lensCommands,
  previewBackend,
} from '../../../src/codelens/lensModel';
import {
  backendCosts,
  configCost,
  formatEstimate,
  parameterCount,
} from '../../../src/codelens/costModel';
import type { GivenSplitPreview } from '../../../src/codelens/givenSplitCache';
import { parseConfig } from '../../../src/shared/parseConfig';

const repo = path.join(__dirname, '..', '..', '..');
const tiny = `{
  "name": "tiny",
  "task": { "kind": "modular-addition", "p": 13, "trainFraction": 0.8 },
  "model": { "kind": "embed-mlp", "embedDim": 16, "hidden": [32], "activation": "silu" },
  "train": { "steps": 30, "logEvery": 5 }
}`;
const uri = 'file:///ws/tiny.replens.json';
const now = Date.parse('2026-11-22T12:00:00Z');

function input(text = tiny, extra: Partial<LensInput<string>> = {}): LensInput<string> {
  return {
    configUri: uri,
    text,
    parsed: parseConfig(text, 'tiny.replens.json'),
    backendSetting: 'auto',
    trusted: true,
    now,
    ...extra,
  };
}

const titles = (i: LensInput<string>): string[] => buildLenses(i).map((l) => l.title);

describe('buildLenses', () => {
  it('idle valid config: Run and a preview line on the "task" key', () => {
    const lenses = buildLenses(input());
    assert.deepEqual(
      lenses.map((l) => [l.title, l.command]),
      [
        ['$(play) Run', lensCommands.run],
        // 13² = 169 pairs, round(0.8 · 169) = 135 train; parameters as in parameterCount below.
        ['169 examples · train/test 135/34 · 1,693 parameters · <1 s on wasm', ''],
      ],
    );
    assert.deepEqual(lenses[0].args, [uri]);
    const taskOffset = tiny.indexOf('"task"');
    assert.ok(lenses.every((l) => l.offset === taskOffset));
    assert.match(lenses[1].tooltip ?? '', /estimate/);
  });

  it('running: Stop with the live step, calling stopRun with the run key', () => {
    const active = { key: 'run-7', state: 'running' as const, step: 120, total: 500 };
    const [stop] = buildLenses(input(tiny, { active }));
    assert.equal(stop.title, '$(debug-stop) Stop · step 120/500');
    assert.equal(stop.command, lensCommands.stop);
    assert.deepEqual(stop.args, ['run-7']);
  });

  it('a sweep job: Stop Sweep with the job and its live step, stopping the whole sweep', () => {
    const sweep = { sweepDir: '/runs/tiny/sweep-1', job: 1, jobs: 3 };
    const active = { key: 'run-8', state: 'running' as const, step: 12, total: 30, sweep };
    const [stop] = buildLenses(input(tiny, { active }));
    assert.equal(stop.title, '$(debug-stop) Stop Sweep · job 2/3 · step 12/30');
    assert.equal(stop.command, lensCommands.stop);
    assert.deepEqual(stop.args, [{ sweepDir: '/runs/tiny/sweep-1' }]);
  });

  it('queued and starting runs show their state on the Stop lens', () => {
    for (const state of ['queued', 'starting'] as const) {
      const active = { key: 'run-1', state, step: 0, total: 0 };
      assert.equal(titles(input(tiny, { active }))[0], `$(debug-stop) Stop · ${state}`);
    }
  });

  it('a finished run passed as active is ignored: Run again', () => {
    const active = { key: 'run-1', state: 'done' as const, step: 30, total: 30 };
    assert.equal(titles(input(tiny, { active }))[0], '$(play) Run');
  });

  it('untrusted workspace: no Run, a lens to manage trust', () => {
    const [first] = buildLenses(input(tiny, { trusted: false }));
    assert.equal(first.command, lensCommands.manageTrust);
    assert.match(first.title, /trusted workspace/);
  });

  it('invalid config: Run stays, the preview becomes the first problem with its line', () => {
    const bad = tiny.replace('"trainFraction": 0.8', '"trainFraction": 1.5');
    const lenses = buildLenses(input(bad));
    assert.equal(lenses[0].title, '$(play) Run');
    assert.equal(lenses[1].command, lensCommands.problems);
    assert.match(lenses[1].title, /^\$\(error\) 1 problem · line 3: must be strictly between/);
  });

  it('broken JSON while typing: lenses at line 0 with the syntax problem', () => {
    const lenses = buildLenses(input('{ "name": '));
    assert.ok(lenses.every((l) => l.offset === 0));
    assert.match(lenses[1].title, /^\$\(error\) \d+ problems? · line 1: invalid JSON/);
  });

  it('last run: accuracy and age for done, step for failed and cancelled, opening the run', () => {
    const base: LastRun = {
      runDir: '/ws/.replens/runs/tiny/20261122T114800Z-abcd',
      status: 'done',
      backend: 'wasm',
      lastStep: 30,
      steps: 30,
      testAcc: 1,
      endedAt: now - 12 * 60_000,
    };
    const last = (l: LastRun): ReturnType<typeof buildLenses>[number] =>
      buildLenses(input(tiny, { lastRun: l }))[2];
    assert.equal(last(base).title, '$(pass) last run: test acc 1.000 (12 min ago)');
    assert.equal(last(base).command, lensCommands.openRun);
    assert.deepEqual(last(base).args, [base.runDir]);
    assert.equal(
      last({ ...base, status: 'failed', lastStep: 10, testAcc: undefined }).title,
      '$(error) last run failed at step 10/30 (12 min ago)',
    );
    assert.equal(
      last({ ...base, status: 'cancelled', lastStep: 20, endedAt: now - 3 * 3_600_000 }).title,
      '$(circle-slash) last run cancelled at step 20/30 (3 h ago)',
    );
  });

  it('one lens per analyses entry, at the entry, with {configUri, index}', () => {
    const text = tiny.replace(
      '"train"',
      '"analyses": [ { "kind": "cka" }, { "kind": "completeness" } ],\n  "train"',
    );
    const lenses = buildLenses(input(text)).filter((l) => l.title.startsWith('$(graph)'));
    assert.deepEqual(
      lenses.map((l) => [l.title, l.command, text.slice(l.offset, l.offset + 3), l.args]),
      [
        ['$(graph) Show cka', 'replens.showCka', '{ "', [{ configUri: uri, index: 0 }]],
        [
          '$(graph) Show completeness',
          'replens.showCompleteness',
          '{ "',
          [{ configUri: uri, index: 1 }],
        ],
      ],
    );
  });

  it('every analysis kind opens its own view; an unknown kind opens Show Analysis…', () => {
    const kinds = [
      'cka',
      'stitching',
      'starvation',
      'extrapolation',
      'polca',
      'hessian',
      'embedding',
      'toString',
    ];
    const entries = kinds.map((k) => `{ "kind": "${k}" }`).join(', ');
    const text = tiny.replace('"train"', `"analyses": [ ${entries} ],\n  "train"`);
    const lenses = buildLenses(input(text)).filter((l) => l.title.startsWith('$(graph)'));
    assert.deepEqual(
      lenses.map((l) => l.command),
      [
        'replens.showCka',
        'replens.showStitching',
        'replens.showStarvation',
        'replens.showExtrapolation',
        'replens.showPolca',
        'replens.showHessian',
        'replens.showEmbedding',
        'replens.showAnalysis',
      ],
    );
  });

  it('a sweep of several runs adds a Sweep lens', () => {
    const text = tiny.replace('"train"', '"sweep": { "seeds": [0, 1, 2] },\n  "train"');
    const sweep = buildLenses(input(text)).find((l) => l.command === lensCommands.sweep);
    assert.equal(sweep?.title, '$(run-all) Sweep · 3 runs');
  });

  it('the bundled modular-addition example: sizes, parameters, time and its 4-seed sweep', () => {
    const file = path.join(repo, 'examples', 'modular-addition.replens.json');
    const text = fs.readFileSync(file, 'utf8');
    assert.deepEqual(titles(input(text)), [
      '$(play) Run',
      '$(run-all) Sweep · 4 runs',
      // 59² = 3481 pairs; 59·128 + (256·100+100) + (100·100+100) + (100·59+59) = 49,311;
      // 500 steps × 28 ms + 50 evaluations × 12.5 ms + 17 checkpoints × 5 ms ≈ 14.7 s.
      '3,481 examples · train/test 2,785/696 · 49,311 parameters · ~15 s on wasm',
      '$(graph) Show completeness',
      '$(graph) Show embedding',
    ]);
  });
});

describe('preview of a given split', () => {
  const given = tiny.replace('"trainFraction": 0.8', '"split": { "trainIndices": "train.npy" }');
  const anbn = `{
  "task": { "kind": "formal-language", "language": "anbn", "maxLength": 20,
            "split": { "trainIndices": "train.npy" } },
  "model": { "kind": "transformer", "dModel": 8, "heads": 2, "layers": 1, "dFF": 16 }
}`;
  const preview = (text: string, givenSplit?: GivenSplitPreview): string =>
    titles(input(text, { givenSplit }))[1].split(' · ').slice(0, 2).join(' · ');

  it('shows the file’s train count and the other examples as test', () => {
    assert.equal(preview(given, { train: 100 }), '169 examples · given split: train/test 100/69');
    assert.equal(preview(given), '169 examples · given split (reading its file)');
    assert.equal(
      preview(given, { error: 'split file not found' }),
      '169 examples · given split: split file not found',
    );
  });

  it('formal languages: given train and validation words', () => {
    // aⁿbⁿ up to length 20: n = 1 … 10.
    assert.equal(
      titles(input(anbn, { givenSplit: { train: 7 } }))[1].split(' · ')[0],
      '10 words (given split: train/val 7/3)',
    );
  });
});

describe('cost model', () => {
  it('counts parameters by hand: embedding + weights + biases', () => {
    const { config } = parseConfig(tiny);
    assert.ok(config);
    // vocab 13 × d 16 = 208; Linear 32→32: 32·32 + 32 = 1056; head 32→13: 32·13 + 13 = 429.
    assert.equal(parameterCount(config.model, 13, 13), 208 + 1056 + 429);
    const summed = { ...config.model, combine: 'sum' as const };
    // Summed embeddings feed d = 16 (not 2d) into the first Linear: 16·32 + 32 = 544.
    assert.equal(parameterCount(summed, 13, 13), 208 + 544 + 429);
  });

  it('reproduces the benchmark it is calibrated on: 28 ms per wasm step', () => {
    const file = path.join(repo, 'examples', 'modular-addition.replens.json');
    const { config } = parseConfig(fs.readFileSync(file, 'utf8'));
    assert.ok(config);
    // The benchmark times steps alone: no evaluation, no checkpoint.
    const steps = 1000;
    const timed = {
      ...config,
      train: { ...config.train, steps, logEvery: 1e9 },
      checkpoints: { every: null, logSpaced: 0 },
    };
    const cost = configCost(timed, 'wasm');
    // 6 · 2785 · (256·100 + 100·100 + 100·59) = 0.6935 GFLOP.
    assert.ok(Math.abs(cost.gflopPerStep - 0.693465) < 1e-6, String(cost.gflopPerStep));
    const checkpointMs = 2 * backendCosts.wasm.perCheckpoint; // step 0 and the last
    const msPerStep = (cost.seconds * 1000 - checkpointMs) / steps;
    assert.ok(Math.abs(msPerStep - 28.0) < 0.01, String(msPerStep));
    assert.ok(configCost(timed, 'cpu').seconds > 30 * cost.seconds);
  });

  it('adds the fixed costs that dominate tiny models, by hand', () => {
    const { config } = parseConfig(tiny);
    assert.ok(config);
    const c = backendCosts.wasm;
    const cost = configCost(config, 'wasm');
    // 135 training pairs × (32·32 + 32·13) MACs × 6; evaluation: 169 pairs × 1440 MACs × 2.
    const step = 0.5 + ((6 * 135 * 1440) / 1e9) * c.perGflop;
    const evaluation = 1 + ((2 * 169 * 1440) / 1e9) * c.perGflop;
    // 30 steps, logEvery 5 → 6 evaluations; default checkpoints every 500 → step 0 and 30.
    const ms = 30 * step + 6 * evaluation + 2 * c.perCheckpoint;
    assert.ok(Math.abs(cost.seconds * 1000 - ms) < 1e-9, `${cost.seconds * 1000} vs ${ms}`);
    const long = { ...config, train: { ...config.train, steps: 200_000 } };
    // The fixed costs, not the FLOPs, make 200k tiny steps take minutes.
    assert.equal(formatEstimate(configCost(long, 'wasm').seconds), '~3 min');
  });

  it('minibatches cost per batch, not per training set', () => {
    const { config } = parseConfig(tiny);
    assert.ok(config);
    const full = configCost(config, 'wasm').gflopPerStep;
    const mini = configCost({ ...config, train: { ...config.train, batchSize: 10 } }, 'wasm');
    assert.ok(mini.gflopPerStep < full);
  });

  it('formats estimates', () => {
    assert.equal(formatEstimate(0.2), '<1 s');
    assert.equal(formatEstimate(14.6), '~15 s');
    assert.equal(formatEstimate(600), '~10 min');
    assert.equal(formatEstimate(5400), '~1.5 h');
  });
});

describe('previewBackend and formatAgo', () => {
  it('config backend, then setting, then the last run, then wasm', () => {
    assert.equal(previewBackend('cpu', 'node', undefined), 'cpu');
    assert.equal(previewBackend('auto', 'node', undefined), 'node');
    const last = { backend: 'node' } as LastRun;
    assert.equal(previewBackend('auto', 'auto', last), 'node');
    assert.equal(previewBackend('auto', 'auto', undefined), 'wasm');
  });

  it('says how long ago', () => {
    assert.equal(formatAgo(20_000), 'just now');
    assert.equal(formatAgo(12 * 60_000), '12 min ago');
    assert.equal(formatAgo(5 * 3_600_000), '5 h ago');
    assert.equal(formatAgo(72 * 3_600_000), '3 d ago');
  });
});
