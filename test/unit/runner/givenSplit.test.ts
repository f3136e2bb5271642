import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { AnalysisInputError } from '../../../src/runner/analysisRuns';
import { loadGivenSplit, runSplitInputs, withoutGivenSplit } from '../../../src/runner/givenSplit';
import { resolveAgainst } from '../../../src/shared/configPaths';
import { experimentConfigSchema } from '../../../src/shared/experimentConfig';
import { parseConfig } from '../../../src/shared/parseConfig';
import { writeIndexNpy } from '../../helpers/npyIndices';
import { tempDir } from '../../helpers/runs';

const dir = tempDir();

/** A modular-addition config (p = 5: 25 examples) whose split is `file`. */
function withSplit(file: string): ReturnType<typeof experimentConfigSchema.parse> {
  return experimentConfigSchema.parse({
    task: { kind: 'modular-addition', p: 5, split: { trainIndices: file } },
  });
}

function npy(name: string, values: number[], descr?: string, shape?: number[]): string {
  const file = path.join(dir, name);
  writeIndexNpy(file, values, descr, shape);
  return file;
}

function failsWith(file: string, reason: RegExp): void {
  assert.throws(
    () => loadGivenSplit(withSplit(file)),
    (e: Error & { code?: string }) => {
      assert.equal(e.code, 'bad-config');
      assert.ok(e.message.startsWith(`task.split.trainIndices ${file}: `), e.message);
      assert.match(e.message, reason);
      return true;
    },
  );
}

describe('loadGivenSplit', () => {
  it('reads integer indices of any integer dtype and records the SHA-256 and sizes', () => {
    for (const descr of ['<i8', '<i4', '|u1']) {
      const file = npy(`ok-${descr.slice(1)}.npy`, [3, 0, 24], descr);
      const { inputs, record } = loadGivenSplit(withSplit(file));
      assert.deepEqual([...(inputs.trainIndices ?? [])], [3, 0, 24]);
      const sha256 = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
      assert.deepEqual(record, { trainIndices: file, sha256, train: 3, test: 22 });
    }
  });

  it('accepts a float array of whole numbers and rejects a fractional value', () => {
    const ok = npy('whole.npy', [1, 2], '<f8');
    assert.deepEqual([...(loadGivenSplit(withSplit(ok)).inputs.trainIndices ?? [])], [1, 2]);
    failsWith(npy('frac.npy', [1, 2.5], '<f8'), /<f8 value 2\.5 at position 1 is not a whole/);
  });

  it('is a no-op for a config without a given split', () => {
    const config = experimentConfigSchema.parse({ task: { kind: 'modular-addition', p: 5 } });
    assert.deepEqual(loadGivenSplit(config), { inputs: {} });
  });

  it('names the file and the reason for every bad file', () => {
    failsWith(path.join(dir, 'missing.npy'), /file not found/);
    fs.writeFileSync(path.join(dir, 'text.npy'), 'hello, world');
    failsWith(path.join(dir, 'text.npy'), /not a \.npy file/);
    failsWith(npy('bool.npy', [1, 0], '|b1'), /unsupported \.npy dtype \|b1.*need an integer/);
    failsWith(npy('2d.npy', [1, 2, 3, 4], '<i8', [2, 2]), /shape \(2, 2\) is not 1-D/);
    failsWith(npy('range.npy', [0, 25], '<i8'), /index 25 at position 1 is out of range 0\.\.24/);
    failsWith(npy('negative.npy', [-1], '<i8'), /index -1 at position 0 is out of range/);
    failsWith(npy('dup.npy', [4, 7, 4], '<i8'), /index 4 is listed twice \(positions 0 and 2\)/);
    failsWith(npy('empty.npy', [], '<i8'), /no indices: the train set would be empty/);
    const all = Array.from({ length: 25 }, (_, i) => i);
    failsWith(npy('all.npy', all, '<i8'), /lists all 25 examples: the test set would be empty/);
  });
});

describe('given splits of analysed runs', () => {
  it('re-reads the split, naming the run when its file is gone', () => {
    const ok = npy('run.npy', [1, 2]);
    assert.deepEqual([...(runSplitInputs(withSplit(ok), '/r').trainIndices ?? [])], [1, 2]);
    assert.throws(
      () => runSplitInputs(withSplit(path.join(dir, 'gone.npy')), '/runs/r1'),
      (e: Error) =>
        e instanceof AnalysisInputError && /^\/runs\/r1: .*file not found/.test(e.message),
    );
  });

  it('drops the split where only token labels are needed', () => {
    const task = withSplit('x.npy').task;
    assert.ok(task.kind === 'modular-addition');
    assert.equal((withoutGivenSplit(task) as typeof task).split, undefined);
  });
});

describe('relative split paths', () => {
  const text = JSON.stringify({
    task: { kind: 'modular-addition', p: 5, split: { trainIndices: '../data/./train.npy' } },
  });

  it('resolve against the folder of an absolute config file', () => {
    const { config } = parseConfig(text, '/home/u/study/configs/a.replens.json');
    const task = config?.task;
    assert.ok(task?.kind === 'modular-addition');
    assert.equal(task.split?.trainIndices, '/home/u/study/data/train.npy');
  });

  it('resolve model.init.from the same way as the split file', () => {
    const withInit = JSON.stringify({
      task: { kind: 'modular-addition', p: 5, split: { trainIndices: 'train.npy' } },
      model: { kind: 'embed-mlp', init: { from: '../runs/r1' } },
    });
    const { config } = parseConfig(withInit, '/home/u/study/configs/a.replens.json');
    assert.equal(config?.model.init?.from, '/home/u/study/runs/r1');
    assert.ok(config.task.kind === 'modular-addition');
    assert.equal(config.task.split?.trainIndices, '/home/u/study/configs/train.npy');
  });

  it('stay as written when the config file has no absolute path', () => {
    const { config } = parseConfig(text, 'a.replens.json');
    assert.ok(config?.task.kind === 'modular-addition');
    assert.equal(config.task.split?.trainIndices, '../data/./train.npy');
  });

  it('handle Windows paths and keep absolute ones', () => {
    assert.equal(resolveAgainst('C:\\s\\c\\a.json', '..\\d\\t.npy'), 'C:\\s\\d\\t.npy');
    assert.equal(resolveAgainst('/s/c/a.json', '/abs/t.npy'), '/abs/t.npy');
    assert.equal(resolveAgainst('/s/c/a.json', 't.npy'), '/s/c/t.npy');
  });

  it('warn that splitSeed has no effect beside a given split', () => {
    const raw = {
      task: { kind: 'multi-digit-xor', splitSeed: 3, split: { trainIndices: 'x.npy' } },
    };
    const { problems } = parseConfig(JSON.stringify(raw), '/c/a.replens.json');
    assert.deepEqual(
      problems.map((p) => [p.severity, p.path.join('.')]),
      [['warning', 'task.splitSeed']],
    );
  });
});
