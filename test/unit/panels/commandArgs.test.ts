import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  configPathOfArg,
  runDirOfArg,
  runDirsOfArg,
  externalDirOfArg,
  runFolderOfArg,
} from '../../../src/panels/commandArgs';

const uri = (fsPath: string, scheme = 'file') => ({ scheme, fsPath, path: fsPath });

describe('command arguments', () => {
  it('reads a run folder from a string, {runDir}, a tree item or a file URI', () => {
    assert.equal(runDirOfArg('/r/a'), '/r/a');
    assert.equal(runDirOfArg({ runDir: '/r/b' }), '/r/b');
    assert.equal(runDirOfArg({ label: 'run', runDir: '/r/c', contextValue: 'run.done' }), '/r/c');
    assert.equal(runDirOfArg(uri('/r/d')), '/r/d');
  });

  it('ignores what names no run folder', () => {
    for (const arg of [undefined, null, '', 42, {}, { runDir: 3 }, uri('/r/x', 'untitled')]) {
      assert.equal(runDirOfArg(arg), undefined);
    }
  });

  it('reads lists (tree multi-selections)', () => {
    assert.deepEqual(runDirsOfArg([{ runDir: '/a' }, 'x', 5, { runDir: '/b' }]), ['/a', 'x', '/b']);
    assert.deepEqual(runDirsOfArg({ runDir: '/a' }), ['/a']);
    assert.deepEqual(runDirsOfArg(undefined), []);
  });

  it('reads the config of a code-lens argument', () => {
    assert.equal(
      configPathOfArg({ configUri: uri('/w/e.replens.json'), index: 0 }),
      '/w/e.replens.json',
    );
    assert.equal(configPathOfArg({ configUri: '/w/e.replens.json' }), '/w/e.replens.json');
    assert.equal(configPathOfArg({ index: 1 }), undefined);
  });
});

describe('runFolderOfArg', () => {
  const run = '/w/.replens/runs/addition/20260101T000000Z-ab12';

  it('takes the run of a tree item, a path, {runDir} or a folder URI', () => {
    assert.equal(runFolderOfArg({ kind: 'run', runDir: run, label: 'r' }), run);
    assert.equal(runFolderOfArg(run), run);
    assert.equal(runFolderOfArg({ runDir: run }), run);
    assert.equal(runFolderOfArg({ scheme: 'file', fsPath: run }), run);
  });

  it('leaves configs, lens arguments, sweeps and nothing to the config or picker path', () => {
    assert.equal(runFolderOfArg('/w/addition.replens.json'), undefined);
    assert.equal(runFolderOfArg({ scheme: 'file', fsPath: '/w/a.REPLENS.json' }), undefined);
    assert.equal(
      runFolderOfArg({ configUri: { scheme: 'file', fsPath: '/w/a.replens.json' }, index: 0 }),
      undefined,
    );
    assert.equal(runFolderOfArg({ kind: 'sweep', dir: '/w/runs/x/sweep-1' }), undefined);
    assert.equal(runFolderOfArg(undefined), undefined);
    assert.equal(runFolderOfArg({ scheme: 'untitled', fsPath: '/x' }), undefined);
  });
});

describe('external folder arguments', () => {
  const dir = '/data/pytorch-acts';

  it('an external folder tree item names its folder for run and folder views', () => {
    const node = { kind: 'external', id: `ext:${dir}`, dir, name: 'pytorch-acts' };
    assert.equal(externalDirOfArg(node), dir);
    assert.equal(runFolderOfArg(node), dir);
  });

  it('other arguments are not external folders', () => {
    assert.equal(externalDirOfArg({ kind: 'sweep', dir }), undefined);
    assert.equal(externalDirOfArg(dir), undefined);
    assert.equal(externalDirOfArg({ kind: 'external', dir: '' }), undefined);
  });
});
