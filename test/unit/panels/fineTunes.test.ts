import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { fineTunesOf } from '../../../src/panels/runDiscovery';
import { mergeRun, placeFineTunes, readRunFolder } from '../../../src/panels/runReader';
import { aRun, fineTuneOf } from '../../helpers/runFolders';
import { tempDir } from '../../helpers/runs';

describe('fine-tunes in the training panel', () => {
  const root = tempDir();
  const parent = aRun(root, 'a').write();
  const child = aRun(root, 'b').withManifest(fineTuneOf(parent, 300)).write();
  const grandchild = aRun(root, 'b').withManifest(fineTuneOf(child, 40)).write();
  const unrelated = aRun(root, 'a').write();

  it('finds every fine-tune below a run across experiments, parents first', async () => {
    const tunes = await fineTunesOf(parent, [root]);
    assert.deepEqual(
      tunes.map((t) => [t.runDir, t.step]),
      [
        [child, 300],
        [grandchild, 40],
      ],
    );
    assert.deepEqual(await fineTunesOf(unrelated, [root]), []);
    assert.deepEqual(await fineTunesOf(path.join(root, 'nowhere'), [root]), []);
  });

  it('starts each fine-tune’s curves at its parent’s checkpoint step', async () => {
    const dirs = [parent, child, grandchild, unrelated];
    const folders = await Promise.all(dirs.map(readRunFolder));
    const runs = folders.map((f) => mergeRun(f, undefined));
    placeFineTunes(runs, folders);
    assert.deepEqual(
      runs.map((r) => r.stepOffset),
      [undefined, 300, 340, undefined],
    );
    const alone = await Promise.all([grandchild].map(readRunFolder));
    const shown = alone.map((f) => mergeRun(f, undefined));
    placeFineTunes(shown, alone);
    assert.equal(shown[0].stepOffset, undefined, 'without its parent a fine-tune keeps its steps');
  });
});
