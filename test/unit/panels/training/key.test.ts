import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runDirsOfKey, trainingKey } from '../../../../src/panels/training/key';

describe('trainingKey', () => {
  it('is the run folder itself for one run', () => {
    assert.equal(trainingKey(['/r/a']), '/r/a');
    assert.equal(trainingKey(['/r/a', '/r/a']), '/r/a');
  });

  it('is the same for any order of the same runs', () => {
    assert.equal(trainingKey(['/r/b', '/r/a']), trainingKey(['/r/a', '/r/b']));
  });

  it('round-trips through runDirsOfKey', () => {
    for (const dirs of [['/r/a'], ['/r/a', '/r/b', '/r/c']]) {
      assert.deepEqual(runDirsOfKey(trainingKey(dirs)), dirs);
    }
  });

  it('refuses keys that are not lists of absolute folders', () => {
    for (const key of ['relative/dir', '[1,2]', '[', '[]', '["/a", "b"]']) {
      assert.equal(runDirsOfKey(key), undefined, key);
    }
  });
});
