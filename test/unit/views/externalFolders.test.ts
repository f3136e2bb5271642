import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { checkExternalFolder } from '../../../src/views/externalFolderCheck';
import { ExternalFolderList, externalFoldersKey } from '../../../src/views/externalFolderList';
import { externalGroup, listExternals, missingLayout } from '../../../src/views/externalNodes';
import { externalDescription, externalTooltip } from '../../../src/views/externalText';
import type { ExternalNode } from '../../../src/views/runsTreeNodes';
import { externalLayoutOf } from '../../../src/storage/external/externalFolder';
import { tempDir, tensor, writeSafetensors } from '../storage/external/externalFixtures';
import { childLabels, modelOf } from '../../helpers/runsTree';

/** A Memento in memory. */
function memento(initial: Record<string, unknown> = {}) {
  const values = new Map(Object.entries(initial));
  return {
    values,
    get: (key: string): unknown => values.get(key),
    update: (key: string, value: unknown): Promise<void> => {
      values.set(key, value);
      return Promise.resolve();
    },
  };
}

/** An activations folder of two steps, two layers of 6 rows. */
function activationsFolder(root: string, name: string): string {
  const dir = path.join(root, name);
  for (const step of [0, 5]) {
    writeSafetensors(path.join(dir, 'activations', `step-${step}.safetensors`), {
      'encoder.0': tensor(
        [6, 3],
        Array.from({ length: 18 }, (_, i) => Math.sin(i + step)),
      ),
      head: tensor(
        [6, 2],
        Array.from({ length: 12 }, (_, i) => Math.cos(i * step)),
      ),
    });
  }
  return dir;
}

describe('ExternalFolderList', () => {
  it('keeps absolute folders in the order added, once each, in the workspace state', async () => {
    const store = memento();
    const list = new ExternalFolderList(store);
    let changes = 0;
    list.onDidChange(() => changes++);
    assert.equal(await list.add('/data/a'), true);
    assert.equal(await list.add('/data/b/'), true);
    assert.equal(await list.add('/data/a'), false);
    assert.deepEqual(list.folders(), ['/data/a', '/data/b']);
    assert.deepEqual(store.values.get(externalFoldersKey), ['/data/a', '/data/b']);
    assert.equal(await list.remove('/data/a'), true);
    assert.equal(await list.remove('/data/a'), false);
    assert.deepEqual(new ExternalFolderList(store).folders(), ['/data/b']);
    assert.equal(changes, 3);
  });

  it('ignores a damaged saved value', () => {
    assert.deepEqual(new ExternalFolderList(memento({ [externalFoldersKey]: 'x' })).folders(), []);
    const mixed = memento({ [externalFoldersKey]: ['/ok', 3, 'relative', '/ok'] });
    assert.deepEqual(new ExternalFolderList(mixed).folders(), ['/ok']);
  });
});

describe('external folders in the runs tree', () => {
  it('lists a group after the experiments, each folder with its layout or what it lacks', async () => {
    const root = tempDir();
    const runs = path.join(root, 'runs');
    fs.mkdirSync(path.join(runs, 'addition'), { recursive: true });
    const acts = activationsFolder(root, 'acts');
    const gone = path.join(root, 'gone');
    const folders = [acts, gone];
    const model = modelOf([runs], {
      externals: { folders: () => folders, layoutOf: externalLayoutOf },
    });
    assert.deepEqual(await childLabels(model), ['experiment addition', 'externals']);
    const [group] = externalGroup({ folders: () => folders, layoutOf: externalLayoutOf });
    const nodes = await model.children(group);
    assert.deepEqual(await childLabels(model, group), ['external acts', 'external gone']);
    const [a, b] = nodes as ExternalNode[];
    assert.equal(a.layout, 'activations');
    assert.equal(b.layout, undefined);
    assert.equal(b.error, 'folder not found');
    assert.equal(externalDescription(a), 'external · activations');
    assert.equal(externalDescription(b), 'external · folder not found');
    assert.match(externalTooltip(a), /Remove from Replens forgets it/);
    model.dispose();
  });

  it('shows no group without external folders, and reads a throwing layout as an error', () => {
    assert.deepEqual(externalGroup({ folders: () => [], layoutOf: () => undefined }), []);
    const source = {
      folders: () => ['/x'],
      layoutOf: (): undefined => {
        throw new Error('EACCES: permission denied');
      },
    };
    const [node] = listExternals(source, { kind: 'externals', id: 'externals' });
    assert.equal(node.error, 'EACCES: permission denied');
  });

  it('says what a folder lacks', () => {
    const root = tempDir();
    fs.writeFileSync(path.join(root, 'run.json'), '{}');
    assert.match(missingLayout(root), /Replens run folder/);
    const empty = tempDir();
    assert.match(missingLayout(empty), /no activations\/step-<N>\.safetensors.*checkpoint-<step>/);
    fs.writeFileSync(path.join(empty, 'f'), '');
    assert.equal(missingLayout(path.join(empty, 'f')), 'not a folder');
  });
});

describe('checkExternalFolder', () => {
  it('accepts an activations folder with its layout and step count', () => {
    const dir = activationsFolder(tempDir(), 'acts');
    assert.deepEqual(checkExternalFolder(dir), { ok: true, dir, layout: 'activations', steps: 2 });
  });

  it('names the folder and what is missing, or the file at fault', () => {
    const empty = tempDir();
    const none = checkExternalFolder(empty);
    assert.equal(none.ok, false);
    assert.match(
      none.ok ? '' : none.message,
      /is not a folder Replens can analyse: no activations/,
    );
    const dir = activationsFolder(tempDir(), 'acts');
    const bad = path.join(dir, 'activations', 'step-9.safetensors');
    fs.writeFileSync(bad, new Uint8Array(5));
    const broken = checkExternalFolder(dir);
    assert.equal(broken.ok, false);
    assert.ok(!broken.ok && broken.message.startsWith(`Cannot open ${dir} in Replens: ${bad}: `));
  });
});
