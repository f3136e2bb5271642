import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configPathOfArg, runDirOfArg, runDirsOfArg } from '../../../src/panels/commandArgs';

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
