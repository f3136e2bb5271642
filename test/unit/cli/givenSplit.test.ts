import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { readManifest } from '../../../src/storage/runStore';
import { replens, requireBuild, trainRun } from '../../helpers/cli';
import { writeIndexNpy } from '../../helpers/npyIndices';
import { tempDir, tinyConfig } from '../../helpers/runs';

const dir = tempDir();
const dataDir = path.join(dir, 'data');

/** A tiny modular-addition config (p = 13: 169 examples) whose split file is `trainIndices`. */
function config(trainIndices: string, extra: object = {}): object {
  return {
    ...tinyConfig({ train: { steps: 6 } }),
    task: { kind: 'modular-addition', p: 13, split: { trainIndices } },
    ...extra,
  };
}

/** Writes a config into `dir` and runs `replens <command>` on it from the repository root. */
function cli(command: string, name: string, cfg: object): ReturnType<typeof replens> {
  const file = path.join(dir, `${name}.replens.json`);
  fs.writeFileSync(file, JSON.stringify(cfg));
  const args = command === 'validate' ? [] : ['--out', path.join(dir, 'runs'), '--backend', 'wasm'];
  return replens([command, file, ...args]);
}

describe('replens with a given split (task.split.trainIndices)', () => {
  before(() => {
    requireBuild();
    fs.mkdirSync(dataDir, { recursive: true });
    writeIndexNpy(
      path.join(dataDir, 'train.npy'),
      Array.from({ length: 100 }, (_, i) => i),
    );
    writeIndexNpy(path.join(dataDir, 'dup.npy'), [5, 6, 5]);
    writeIndexNpy(path.join(dataDir, 'range.npy'), [0, 169]);
    writeIndexNpy(path.join(dataDir, 'float.npy'), [0.5], '<f8');
    writeIndexNpy(path.join(dataDir, '2d.npy'), [1, 2, 3, 4], '<i8', [2, 2]);
  });

  it('run: reads a path relative to the config and records it absolute with its SHA-256', () => {
    const runDir = trainRun(dir, 'ok', config('data/train.npy'));
    const m = readManifest(runDir);
    const file = path.join(dataDir, 'train.npy');
    assert.deepEqual(m.config.task, {
      ...(m.config.task as object),
      split: { trainIndices: file },
    });
    assert.equal(m.split?.trainIndices, file);
    assert.match(m.split?.sha256 ?? '', /^[0-9a-f]{64}$/);
    assert.deepEqual([m.split?.train, m.split?.test], [100, 69]);
  });

  it('run and validate: exit 2 naming the file and the reason', () => {
    const cases: [string, RegExp][] = [
      ['data/none.npy', /none\.npy: file not found/],
      ['data/dup.npy', /dup\.npy: index 5 is listed twice \(positions 0 and 2\)/],
      ['data/range.npy', /range\.npy: index 169 at position 1 is out of range 0\.\.168/],
      ['data/float.npy', /float\.npy: <f8 value 0\.5 at position 0 is not a whole number/],
      ['data/2d.npy', /2d\.npy: shape \(2, 2\) is not 1-D/],
    ];
    for (const [file, reason] of cases) {
      for (const command of ['run', 'validate']) {
        const r = cli(command, 'bad', config(file));
        assert.equal(r.code, 2, `${command} ${file}: ${r.stderr}`);
        assert.match(r.stderr, reason, `${command} ${file}`);
      }
    }
  });

  it('validate: a malformed split section is a positioned config error', () => {
    const r = cli('validate', 'schema', config(''));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /schema\.replens\.json:\d+:\d+: error: .*must name a \.npy file/);
  });

  it('sweep: job configs in the sweep folder still find a relative split file', () => {
    const cfg = config('data/train.npy', { sweep: { seeds: [0, 1], parallel: 1 } });
    const file = path.join(dir, 'sweep.replens.json');
    fs.writeFileSync(file, JSON.stringify(cfg));
    const r = replens([
      'sweep',
      file,
      '--out',
      path.join(dir, 'sweeps'),
      '--backend',
      'wasm',
      '--json',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { runs: { status: string; runDir: string }[] };
    assert.deepEqual(
      doc.runs.map((x) => x.status),
      ['done', 'done'],
    );
    assert.deepEqual(
      doc.runs.map((x) => readManifest(x.runDir).split?.train),
      [100, 100],
    );
  });
});

describe('replens run with a family-tree given split', () => {
  before(() => {
    requireBuild();
    fs.mkdirSync(dataDir, { recursive: true });
  });

  it('trains on the given pairs (7 persons: 42 pairs)', () => {
    writeIndexNpy(path.join(dataDir, 'family.npy'), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const cfg = {
      ...tinyConfig({ train: { steps: 6 } }),
      task: {
        kind: 'family-tree',
        generations: 3,
        children: 2,
        split: { trainIndices: 'data/family.npy' },
      },
    };
    const m = readManifest(trainRun(dir, 'family', cfg));
    assert.deepEqual([m.split?.train, m.split?.test], [10, 32]);
  });
});
