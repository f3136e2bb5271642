import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { replens, requireBuild } from '../../helpers/cli';
import {
  filesUnder,
  noise,
  npyBytes,
  tempDir,
  tensor,
  writeFile,
  writeSafetensors,
  zipBytes,
} from '../storage/external/externalFixtures';

const fixtures = path.join(__dirname, '..', '..', 'fixtures', 'external');
const expected = JSON.parse(fs.readFileSync(path.join(fixtures, 'cka.json'), 'utf8')) as {
  a: Record<string, number[][]>;
  ab: number[][];
};

function copyOf(name: string): string {
  const dir = path.join(tempDir(), name);
  fs.cpSync(path.join(fixtures, name), dir, { recursive: true });
  return dir;
}

function json<T>(args: string[]): T {
  const r = replens([...args, '--json']);
  assert.equal(r.code, 0, r.stderr);
  return (JSON.parse(r.stdout) as { result: T }).result;
}

function close(actual: number[][], wanted: number[][]): void {
  actual.forEach((row, i) =>
    row.forEach((v, j) =>
      assert.ok(Math.abs(v - wanted[i][j]) <= 1e-6 * wanted[i][j], `${v} vs ${wanted[i][j]}`),
    ),
  );
}

/** Exit 2, with the file and the reason on stderr. */
function badInput(args: string[], file: string, reason: RegExp): void {
  const r = replens(args);
  assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
  assert.ok(r.stderr.includes(file), `${r.stderr} should name ${file}`);
  assert.match(r.stderr, reason);
}

/** A modular-addition embedding folder: random at step 0, a circle of frequency 3 at step 500. */
function circleFolder(p: number): string {
  const dir = tempDir();
  const e0 = noise(p * 6, 11).map((v) => v * 0.5);
  const dirA = noise(6, 12);
  const dirB = noise(6, 13);
  const ef = Float64Array.from({ length: p * 6 }, (_, i) => {
    const [a, j] = [Math.floor(i / 6), i % 6];
    const t = (2 * Math.PI * 3 * a) / p;
    return Math.cos(t) * dirA[j] + Math.sin(t) * dirB[j];
  });
  for (const [step, e] of [
    [0, e0],
    [500, ef],
  ] as const) {
    writeFile(
      path.join(dir, 'activations', `step-${step}.npz`),
      zipBytes({ 'embed.weight.npy': npyBytes([p, 6], e, '<f8') }),
    );
  }
  return dir;
}

describe('replens analyze on external folders', () => {
  before(() => requireBuild());

  it('cka <folder>: layers × layers per step as numpy computes them; writes only under .replens/', () => {
    const dir = copyOf('folder-a');
    const before = filesUnder(dir);
    const r = json<{
      layers: string[];
      checkpoints: { step: number; matrix: { values: number[][] } }[];
    }>(['analyze', 'cka', dir]);
    assert.deepEqual(r.layers, ['in', 'hidden', 'out']);
    for (const c of r.checkpoints) {
      close(c.matrix.values, expected.a[String(c.step)]);
    }
    assert.deepEqual(
      filesUnder(dir).filter((f) => !f.startsWith(`.replens${path.sep}`)),
      before,
    );
  });

  it('cka <folderA> <folderB>: rows matched by ids; --layer picks one layer', () => {
    const a = copyOf('folder-a');
    const b = copyOf('folder-b');
    const r = json<{ matchedByIds: boolean; matrix: { values: number[][] } }>([
      'analyze',
      'cka',
      a,
      b,
    ]);
    assert.equal(r.matchedByIds, true);
    close(r.matrix.values, expected.ab);
    badInput(
      ['analyze', 'cka', a, b, '--layer', 'hidden'],
      path.join(b, 'activations', 'step-7'),
      /no layer "hidden"/,
    );
    const rowsB = path.join(b, 'rows.json');
    writeFile(rowsB, JSON.stringify({ ids: Array.from({ length: 40 }, (_, i) => `s${i}`) }));
    badInput(['analyze', 'cka', a, b], rowsB, /40 row ids of .*rows\.json are not in/);
    writeFile(rowsB, JSON.stringify({ ids: ['r1'] }));
    badInput(['analyze', 'cka', a, b], rowsB, /describes 1 rows but layer "0"/);
  });

  it('embedding <folder> --layer L: the aligned PCA trajectory of that layer', () => {
    const dir = copyOf('folder-a');
    const r = json<{
      tensor: string;
      steps: number[];
      points: number[][][];
      labels: Record<string, number[]>;
    }>(['analyze', 'embedding', dir, '--layer', 'hidden']);
    assert.equal(r.tensor, 'hidden');
    assert.deepEqual(r.steps, [0, 100]);
    assert.equal(r.points[1].length, 40);
    assert.deepEqual(r.labels.parity.slice(0, 4), [0, 1, 0, 1]);
    badInput(
      ['analyze', 'embedding', dir],
      dir,
      /choose a layer with --layer; layers: in, hidden, out/,
    );
    badInput(['analyze', 'embedding', dir, '--layer', 'nope'], 'step-0.npz', /no layer "nope"/);
    writeFile(path.join(dir, 'metrics.jsonl'), '{"step": 0}\nnot json\n');
    badInput(
      ['analyze', 'embedding', dir, '--layer', 'in'],
      path.join(dir, 'metrics.jsonl'),
      /line 2 is not JSON/,
    );
  });

  it('embedding <Hugging Face Trainer folder>: the embedding matrix over checkpoints, log history', () => {
    const dir = tempDir();
    for (const step of [10, 20, 30]) {
      writeSafetensors(path.join(dir, `checkpoint-${step}`, 'model.safetensors'), {
        'model.embed_tokens.weight': tensor([9, 4], noise(36, step)),
        'model.norm.weight': tensor([4], noise(4, 1)),
        'lm_head.weight': tensor([9, 4], noise(36, step + 1)),
      });
    }
    writeFile(
      path.join(dir, 'trainer_state.json'),
      JSON.stringify({
        log_history: [
          { step: 10, loss: 2 },
          { step: 20, eval_accuracy: 0.5, train_acc: 0.75 },
        ],
      }),
    );
    const r = json<{ tensor: string; steps: number[]; metrics: unknown[] }>([
      'analyze',
      'embedding',
      dir,
    ]);
    assert.equal(r.tensor, 'model.embed_tokens.weight');
    assert.deepEqual(r.steps, [10, 20, 30]);
    assert.deepEqual(r.metrics, [
      null,
      { step: 20, trainAcc: 0.75, testAcc: 0.5 },
      { step: 20, trainAcc: 0.75, testAcc: 0.5 },
    ]);
  });

  it('completeness --task modular-addition: a folder (initial and final steps) and a single .npy', () => {
    const p = 11;
    const dir = circleFolder(p);
    const r = json<{ runs: { chosen: number[]; step: number; modularAddition: { p: number } }[] }>([
      'analyze',
      'completeness',
      '--task',
      'modular-addition',
      '--p',
      String(p),
      dir,
    ]);
    assert.equal(r.runs[0].step, 500);
    assert.equal(r.runs[0].modularAddition.p, p);
    assert.ok(r.runs[0].chosen.length > 0);
    const file = path.join(dir, 'e0.npy');
    fs.writeFileSync(file, npyBytes([p, 6], noise(p * 6, 11)));
    const initial = json<{ candidates: { count: number } }>([
      'analyze',
      'completeness',
      '--task',
      'modular-addition',
      file,
    ]);
    assert.equal(initial.candidates.count, (p - 1) / 2);
    badInput(
      ['analyze', 'completeness', '--task', 'modular-addition', '--p', '13', file],
      file,
      /has 11 rows but --p 13/,
    );
    badInput(['analyze', 'completeness', file], file, /needs --task modular-addition/);
    const st = path.join(dir, 'two.safetensors');
    writeSafetensors(st, {
      a: tensor([p, 2], noise(2 * p, 1)),
      b: tensor([p, 3], noise(3 * p, 1)),
    });
    badInput(
      ['analyze', 'completeness', '--task', 'modular-addition', st],
      st,
      /choose a tensor with --tensor; 2-D tensors: a, b/,
    );
    const one = json<{ embedDim: number }>([
      'analyze',
      'completeness',
      '--task',
      'modular-addition',
      st,
      '--tensor',
      'b',
    ]);
    assert.equal(one.embedDim, 3);
  });

  it('every unreadable or inconsistent file exits 2 naming the file and the fault', () => {
    const dir = tempDir();
    const s0 = path.join(dir, 'activations', 'step-0.safetensors');
    const s1 = path.join(dir, 'activations', 'step-1.safetensors');
    writeSafetensors(s0, { a: tensor([4, 2], noise(8, 1)), b: tensor([4, 3], noise(12, 1)) });
    writeSafetensors(s1, { a: tensor([4, 2], noise(8, 2)) });
    badInput(['analyze', 'cka', dir], s1, /lacks b/);
    writeSafetensors(s1, { a: tensor([4, 2], noise(8, 2)), b: tensor([2, 2, 2, 2], noise(16, 2)) });
    badInput(['analyze', 'cka', dir], s1, /tensor "b": shape \[2, 2, 2, 2\] is 4-D/);
    writeFile(s1, Buffer.from('garbage!'));
    badInput(['analyze', 'cka', dir], s1, /not a safetensors file/);
    fs.rmSync(s1);
    const rows = path.join(dir, 'rows.json');
    writeFile(rows, '{"ids": [1, 2, 3]}');
    badInput(['analyze', 'cka', dir], rows, /describes 3 rows but layer "a"/);
    writeFile(rows, '{"ids": [1, 2, 3, 4],\n"labels": {"y": [1, 2, 3, 4]]}');
    badInput(['analyze', 'cka', dir], rows, /not valid JSON.*line 2/);
    fs.rmSync(rows);
    const npz = path.join(dir, 'activations', 'step-2.npz');
    writeFile(npz, Buffer.from('PK not really'));
    badInput(['analyze', 'cka', dir], npz, /no end-of-central-directory record/);
    fs.rmSync(npz);
    const npy = path.join(dir, 'activations', 'step-3', 'a.npy');
    writeFile(npy, npyBytes([4, 2], noise(8, 1), '<i8'));
    badInput(['analyze', 'cka', dir], npy, /dtype <i8/);
  });
});
