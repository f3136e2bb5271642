import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { GivenSplitCache, readTrainCount } from '../../../src/codelens/givenSplitCache';
import { tempDir } from '../../helpers/runs';
import { writeIndexNpy } from '../../helpers/npyIndices';

const dir = tempDir();

describe('given split preview counts', () => {
  it('reads the train count of a 1-D array, or says why not', async () => {
    const file = path.join(dir, 'train.npy');
    writeIndexNpy(file, [0, 5, 9]);
    assert.deepEqual(await readTrainCount(file), { train: 3 });
    assert.deepEqual(await readTrainCount(path.join(dir, 'none.npy')), {
      error: 'split file not found',
    });
    const junk = path.join(dir, 'junk.npy');
    fs.writeFileSync(junk, 'not npy');
    assert.deepEqual(await readTrainCount(junk), { error: 'split file is not a readable .npy' });
  });

  it('answers from its cache and re-reads an old entry, firing when the count changed', async () => {
    const file = path.join(dir, 'changing.npy');
    writeIndexNpy(file, [1, 2]);
    let t = 0;
    const cache = new GivenSplitCache(1000, () => t);
    const loaded: string[] = [];
    cache.onDidLoad((f) => loaded.push(f));
    assert.equal(cache.get(file), undefined);
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(cache.get(file), { train: 2 });
    writeIndexNpy(file, [1, 2, 3]);
    assert.deepEqual(cache.get(file), { train: 2 }, 'fresh entry: no re-read');
    t = 5000;
    cache.get(file);
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(cache.get(file), { train: 3 });
    assert.deepEqual(loaded, [file, file]);
    cache.dispose();
  });
});
