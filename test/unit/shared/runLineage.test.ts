import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type LineageRun,
  descendants,
  fineTunesByParent,
  stepOffsets,
} from '../../../src/shared/runLineage';

function run(runId: string, experiment: string, parent?: [string, number]): LineageRun {
  const init =
    parent === undefined
      ? undefined
      : {
          from: `/runs/x/${parent[0]}/checkpoints/step-${parent[1]}.safetensors`,
          sha256: '0',
          loaded: [],
          skipped: [],
          warnings: [],
          parent: {
            runId: parent[0],
            runDir: `/runs/x/${parent[0]}`,
            experiment: 'x',
            step: parent[1],
          },
        };
  return { runDir: `/runs/${experiment}/${runId}`, manifest: { runId, experiment, init } };
}

const root = run('r0', 'anbn');
const child = run('r1', 'anbncn', ['r0', 300]);
const sibling = run('r2', 'anbn', ['r0', 100]);
const grandchild = run('r3', 'anbncn', ['r1', 50]);
const loose = run('r4', 'anbn');

describe('fine-tune lineage', () => {
  it('groups fine-tunes by parent run id, across experiments', () => {
    const byParent = fineTunesByParent([root, child, sibling, grandchild, loose]);
    assert.deepEqual(
      byParent.get('r0')?.map((t) => [t.runId, t.experiment, t.step]),
      [
        ['r1', 'anbncn', 300],
        ['r2', 'anbn', 100],
      ],
    );
    assert.deepEqual(
      byParent.get('r1')?.map((t) => t.runDir),
      ['/runs/anbncn/r3'],
    );
    assert.equal(byParent.get('r4'), undefined);
    assert.deepEqual(
      descendants('r0', byParent).map((t) => t.runId),
      ['r1', 'r2', 'r3'],
      'parents before children',
    );
    assert.deepEqual(descendants('r4', byParent), []);
  });

  it('places a fine-tune after its parent’s checkpoint step, when the parent is shown', () => {
    const offsets = stepOffsets([grandchild, child, root, sibling, loose]);
    assert.equal(offsets.get(root.runDir), 0);
    assert.equal(offsets.get(child.runDir), 300);
    assert.equal(offsets.get(sibling.runDir), 100);
    assert.equal(offsets.get(grandchild.runDir), 350, 'offsets add up along the lineage');
    assert.equal(offsets.get(loose.runDir), 0);
    const alone = stepOffsets([child, grandchild]);
    assert.equal(alone.get(child.runDir), 0, 'a parent not shown puts no offset');
    assert.equal(alone.get(grandchild.runDir), 50);
  });

  it('survives a cycle of parents (hand-edited manifests)', () => {
    const a = run('a', 'x', ['b', 1]);
    const b = run('b', 'x', ['a', 2]);
    const offsets = stepOffsets([a, b]);
    assert.ok(Number.isFinite(offsets.get(a.runDir)));
    assert.deepEqual(
      descendants('a', fineTunesByParent([a, b])).map((t) => t.runId),
      ['b'],
    );
  });
});
