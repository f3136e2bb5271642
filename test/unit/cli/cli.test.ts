import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { readCheckpoint } from '../../../src/storage/checkpointStore';
import { checkpointFile } from '../../../src/storage/runLayout';
import { listCheckpoints, readManifest } from '../../../src/storage/runStore';
import { type CliResult, replens, requireBuild, writeNpy } from '../../helpers/cli';
import { tempDir, tinyConfig } from '../../helpers/runs';

const dir = tempDir();
const configFile = path.join(dir, 'tiny.replens.json');

/** `replens run` of the tiny config on wasm into a temp root, plus extra arguments. */
const runTiny = (extra: string[]): CliResult =>
  replens(['run', configFile, '--out', path.join(dir, 'runs'), '--backend', 'wasm', ...extra]);

describe('replens CLI', () => {
  before(() => {
    requireBuild();
    fs.writeFileSync(configFile, JSON.stringify(tinyConfig({ train: { steps: 20 } }), null, 2));
  });

  it('run --json prints exactly one result document and leaves a complete run folder', () => {
    const r = runTiny(['--json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(doc).sort(), [
      'backend',
      'final',
      'runDir',
      'runId',
      'status',
      'steps',
      'wallSeconds',
    ]);
    assert.equal(doc.status, 'done');
    assert.equal(doc.backend, 'wasm');
    assert.equal(doc.steps, 20);
    const runDir = doc.runDir as string;
    for (const f of ['run.json', 'metrics.jsonl', 'log.txt', 'checkpoints', 'analyses']) {
      assert.ok(fs.existsSync(path.join(runDir, f)), `${f} missing`);
    }
    assert.deepEqual(listCheckpoints(runDir), [0, 10, 20]);
    assert.match(r.stderr, /backend: wasm/);
  });

  it('--seed and --steps override the config', () => {
    const r = runTiny(['--steps', '4', '--seed', '9', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const m = readManifest((JSON.parse(r.stdout) as { runDir: string }).runDir);
    assert.equal(m.lastStep, 4);
    assert.equal(m.seed, 9);
  });

  it('exits 2 with file:line:col for a bad config', () => {
    const bad = path.join(dir, 'bad.replens.json');
    fs.writeFileSync(bad, '{\n  "task": { "kind": "modular-addition", "p": 1 }\n}\n');
    const r = replens(['run', bad, '--json']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.ok(r.stderr.includes(`${bad}:2:41: error:`), r.stderr);
    assert.equal(replens(['validate', bad]).code, 2);
  });

  it('exits 2 for a missing file, an unknown option and an unknown command', () => {
    const missing = replens(['run', path.join(dir, 'nope.replens.json')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /file not found/);
    assert.equal(replens(['run', configFile, '--bogus']).code, 2);
    assert.equal(replens(['frobnicate']).code, 2);
    assert.equal(replens(['run', configFile, '--backend', 'gpu']).code, 2);
    const notRun = replens(['run', '--resume', dir]);
    assert.equal(notRun.code, 2);
    assert.match(notRun.stderr, /run\.json: cannot read run manifest/);
  });

  it('validate reports the dataset of a good config', () => {
    const r = replens(['validate', configFile]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /169 examples \(135 train \/ 34 test\)/);
  });

  it('inspect lists the tensors of a checkpoint with shapes and statistics', () => {
    const run = JSON.parse(runTiny(['--steps', '2', '--json']).stdout) as { runDir: string };
    const r = replens(['inspect', checkpointFile(run.runDir, 2), '--json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as {
      metadata: Record<string, string>;
      tensors: { name: string; shape: number[]; norm: number }[];
    };
    assert.equal(doc.metadata.step, '2');
    const emb = doc.tensors.find((t) => t.name === 'embedding.weight');
    assert.deepEqual(emb?.shape, [13, 16]);
    const w0 = doc.tensors.find((t) => t.name === 'layers.0.weight');
    assert.deepEqual(w0?.shape, [32, 32], 'PyTorch [out, in] layout');
    assert.equal(replens(['inspect', configFile]).code, 2, 'a non-safetensors file is bad input');
    const torchFile = path.join(
      __dirname,
      '..',
      '..',
      'fixtures',
      'numeric',
      'torch_state_dict.safetensors',
    );
    const torch = replens(['inspect', torchFile, '--json']);
    assert.equal(torch.code, 0, torch.stderr);
    const dtypes = (JSON.parse(torch.stdout) as { tensors: { dtype: string }[] }).tensors.map(
      (t) => t.dtype,
    );
    assert.ok(
      ['BF16', 'F16', 'F64', 'I64', 'BOOL'].every((d) => dtypes.includes(d)),
      'a PyTorch file with every dtype',
    );
  });

  it('cka compares two .npy files (1 for a rotated, scaled copy)', () => {
    const n = 40;
    const x = Float64Array.from({ length: n * 3 }, (_, i) => Math.sin(i * 1.7) + (i % 5));
    const y = new Float64Array(n * 3);
    for (let i = 0; i < n; i++) {
      // y = 2·x·R with R a rotation in the first two coordinates
      const [a, b, c] = [x[i * 3], x[i * 3 + 1], x[i * 3 + 2]];
      y.set([2 * (0.6 * a - 0.8 * b), 2 * (0.8 * a + 0.6 * b), 2 * c], i * 3);
    }
    writeNpy(path.join(dir, 'x.npy'), n, 3, x);
    writeNpy(path.join(dir, 'y.npy'), n, 3, y);
    const r = replens(['cka', path.join(dir, 'x.npy'), path.join(dir, 'y.npy'), '--json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { estimator: string; cka: number; n: number };
    assert.equal(doc.estimator, 'linear');
    assert.equal(doc.n, n);
    assert.ok(Math.abs(doc.cka - 1) < 1e-12, String(doc.cka));
    writeNpy(path.join(dir, 'short.npy'), 5, 3, new Float64Array(15));
    assert.equal(replens(['cka', path.join(dir, 'x.npy'), path.join(dir, 'short.npy')]).code, 2);
  });

  it('cka --estimator rbf|debiased, --permutations with a seeded null, and flag errors', () => {
    const n = 30;
    const x = Float64Array.from({ length: n * 4 }, (_, i) => Math.sin(i * 2.3) + Math.cos(i * 0.7));
    const z = Float64Array.from({ length: n * 2 }, (_, i) => Math.sin(i * 1.1 + 2) * (i % 3));
    const [xf, zf] = [path.join(dir, 'cx.npy'), path.join(dir, 'cz.npy')];
    writeNpy(xf, n, 4, x);
    writeNpy(zf, n, 2, z);
    const run = (...extra: string[]): CliResult => replens(['cka', xf, zf, ...extra]);
    type Doc = {
      estimator: string;
      cka: number;
      n: number;
      pValue?: number;
      null?: { mean: number; low: number; high: number; permutations: number };
    };
    const docs: Doc[] = [];
    for (const args of [
      ['--estimator', 'rbf', '--rbf-threshold', '0.5'],
      ['--estimator', 'debiased'],
    ]) {
      const r = run(...args, '--json');
      assert.equal(r.code, 0, r.stderr);
      const doc = JSON.parse(r.stdout) as Doc;
      assert.deepEqual(Object.keys(doc), ['estimator', 'cka', 'n']);
      assert.equal(doc.estimator, args[1]);
      assert.equal(doc.n, n);
      assert.ok(Number.isFinite(doc.cka) && Math.abs(doc.cka) <= 1, String(doc.cka));
      docs.push(doc);
    }
    assert.notEqual(docs[0].cka, docs[1].cka);

    const perm = run('--estimator', 'debiased', '--permutations', '99', '--seed', '4', '--json');
    assert.equal(perm.code, 0, perm.stderr);
    const doc = JSON.parse(perm.stdout) as Doc;
    assert.deepEqual(Object.keys(doc), ['estimator', 'cka', 'n', 'pValue', 'null']);
    assert.equal(doc.cka, docs[1].cka);
    assert.ok(doc.pValue !== undefined && doc.pValue >= 0.01 && doc.pValue <= 1);
    assert.equal(Math.round(doc.pValue * 100), doc.pValue * 100, 'a multiple of 1/(1 + 99)');
    assert.deepEqual(Object.keys(doc.null ?? {}), ['mean', 'low', 'high', 'permutations']);
    assert.equal(doc.null?.permutations, 99);
    assert.ok(doc.null.low <= doc.null.mean && doc.null.mean <= doc.null.high);
    assert.equal(
      run('--estimator', 'debiased', '--permutations', '99', '--seed', '4', '--json').stdout,
      perm.stdout,
    );

    const same = replens(['cka', xf, xf, '--permutations', '19']);
    assert.equal(same.code, 0, same.stderr);
    assert.match(same.stdout, /^linear CKA = 1\.000000 \(n = 30, 4 vs 4 features\)\n/);
    assert.match(same.stdout, /permutation null \(19, seed 0\): p = 0\.0500, mean /);

    const bad: [string[], RegExp][] = [
      [['--estimator', 'cosine'], /--estimator must be one of linear, rbf, debiased; got "cosine"/],
      [['--estimator', 'rbf', '--rbf-threshold', '0'], /--rbf-threshold must be a positive number/],
      [['--rbf-threshold', '2'], /--rbf-threshold applies to --estimator rbf only/],
      [['--permutations', '0'], /--permutations must be a positive integer; got "0"/],
      [['--permutations', 'many'], /--permutations must be a positive integer/],
      [['--seed', '1.5'], /--seed must be an integer; got "1\.5"/],
    ];
    for (const [args, message] of bad) {
      const r = run(...args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
    }
    writeNpy(
      path.join(dir, 'three.npy'),
      3,
      2,
      Float64Array.from({ length: 6 }, (_, i) => i * i),
    );
    const small = replens([
      'cka',
      path.join(dir, 'three.npy'),
      path.join(dir, 'three.npy'),
      '--estimator',
      'debiased',
    ]);
    assert.equal(small.code, 2);
    assert.match(small.stderr, /debiased CKA needs at least 4 examples, got 3/);
  });

  it('sweep runs seeds over a process pool and writes sweep.json', () => {
    const sweepCfg = path.join(dir, 'sweep.replens.json');
    fs.writeFileSync(
      sweepCfg,
      JSON.stringify({
        ...tinyConfig({ train: { steps: 6 } }),
        sweep: { seeds: [0, 1, 2], parallel: 2, fix: ['embedding'] },
      }),
    );
    const r = replens([
      'sweep',
      sweepCfg,
      '--out',
      path.join(dir, 'sweeps'),
      '--backend',
      'wasm',
      '--json',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as {
      sweepDir: string;
      runs: { status: string; runDir: string; seed: number }[];
    };
    assert.deepEqual(
      doc.runs.map((x) => x.status),
      ['done', 'done', 'done'],
    );
    assert.equal(new Set(doc.runs.map((x) => x.runDir)).size, 3);
    assert.ok(fs.existsSync(path.join(doc.sweepDir, 'sweep.json')));
    const emb = doc.runs.map(
      (x) => readCheckpoint(checkpointFile(x.runDir, 0)).tensors.get('layers.0.weight')?.data,
    );
    const e0 = doc.runs.map(
      (x) => readCheckpoint(checkpointFile(x.runDir, 0)).tensors.get('embedding.weight')?.data,
    );
    assert.deepEqual(e0[1], e0[0], 'fix: ["embedding"] keeps the initial embedding');
    assert.notDeepEqual(emb[1], emb[0], 'the MLP init varies with the seed');
    assert.deepEqual(
      doc.runs.map((x) => readManifest(x.runDir).seed),
      [0, 1, 2],
    );
  });
});
