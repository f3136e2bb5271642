import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { RunNode } from '../../../src/views/runsTreeNodes';
import {
  lineageContextValue,
  lineageDescription,
  lineageTooltip,
} from '../../../src/views/runsTreeLineage';
import { aRun, fineTuneOf } from '../../helpers/runFolders';
import { modelOf, only, tempRoot } from '../../helpers/runsTree';

async function runsOf(model: ReturnType<typeof modelOf>, experiment: string): Promise<RunNode[]> {
  const experiments = await only(model, undefined, 'experiment');
  const node = experiments.find((e) => e.name === experiment);
  assert.ok(node, experiment);
  return only(model, node, 'run');
}

describe('runs tree lineage', () => {
  it('names a fine-tune’s parent and step, and counts a parent’s fine-tunes across experiments', async () => {
    const root = tempRoot();
    const parent = aRun(root, 'anbn').withStatus('done').write();
    const same = aRun(root, 'anbn')
      .withStatus('done')
      .withManifest(fineTuneOf(parent, 100))
      .write();
    const other = aRun(root, 'anbncn')
      .withStatus('running')
      .withManifest(fineTuneOf(parent, 300))
      .write();
    const model = modelOf([root]);

    const anbn = await runsOf(model, 'anbn');
    const p = anbn.find((r) => r.runDir === parent);
    const s = anbn.find((r) => r.runDir === same);
    assert.ok(p && s);
    assert.deepEqual(
      p.fineTunes?.map((t) => [t.runDir, t.step]).sort(),
      [
        [other, 300],
        [same, 100],
      ].sort(),
    );
    assert.equal(lineageDescription(p), ' · 2 fine-tunes');
    assert.equal(lineageContextValue('run.done', p), 'run.done.tuned');
    const parentId = path.basename(parent);
    assert.equal(lineageDescription(s), ` · fine-tuned from ${parentId} @ step 100`);
    assert.equal(lineageContextValue('run.done', s), 'run.done');

    const [o] = await runsOf(model, 'anbncn');
    assert.equal(lineageDescription(o), ` · fine-tuned from anbn/${parentId} @ step 300`);
    assert.deepEqual(lineageTooltip(o)[0], [
      'Fine-tuned from',
      `anbn/${parentId} at step 300 (\`${parent}\`)`,
    ]);
    assert.equal(lineageTooltip(p).length, 2);
  });

  it('a run whose parent is gone still names it; a new fine-tune shows after a refresh', async () => {
    const root = tempRoot();
    const gone = path.join(root, 'elsewhere', '20260101T000000Z-gone');
    const orphan = aRun(root, 'x').withManifest(fineTuneOf(gone, 5)).write();
    const model = modelOf([root]);
    const [o] = await runsOf(model, 'x');
    assert.equal(o.runDir, orphan);
    assert.match(
      lineageDescription(o),
      /fine-tuned from elsewhere\/20260101T000000Z-gone @ step 5/,
    );

    const parent = aRun(root, 'y').write();
    let [p] = await runsOf(model, 'y');
    assert.equal(lineageDescription(p), '');
    aRun(root, 'y').withManifest(fineTuneOf(parent, 10)).write();
    model.refresh();
    await new Promise((r) => setTimeout(r, 30));
    const ys = await runsOf(model, 'y');
    p = ys.find((r) => r.runDir === parent) ?? p;
    assert.equal(lineageDescription(p), ' · 1 fine-tune');
  });
});
