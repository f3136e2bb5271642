import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TreeSnapshot, TreeSnapshotItem } from '../../src/views/runsTreeProvider';
import { fixtureLayers, fixtureSteps, linearCka, writeActivationsFolder } from './externalFixture';
import { fixturePath, replensExtension, waitFor } from './helpers';

interface Check {
  ok: boolean;
  dir: string;
  message?: string;
  layout?: string;
}

async function treeItems(): Promise<TreeSnapshotItem[]> {
  return (await vscode.commands.executeCommand<TreeSnapshot>('_replens.runsTreeSnapshot', 3)).items;
}

/** The External folders group's children, or undefined while there is no group. */
async function externalItems(): Promise<TreeSnapshotItem[] | undefined> {
  return (await treeItems()).find((i) => i.contextValue === 'externals')?.children;
}

function openInReplens(dir: string): Thenable<Check[]> {
  return vscode.commands.executeCommand<Check[]>(
    'replens.openFolderInReplens',
    vscode.Uri.file(dir),
  );
}

function universalityTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter(
      (t) =>
        t.input instanceof vscode.TabInputWebview &&
        t.input.viewType.includes('replens.universality'),
    );
}

/** `row_layer → column_layer → cka` of the CSV the active panel exports, once it has values. */
async function heatmapValues(): Promise<Map<string, number>> {
  const file = await waitFor(
    async () => {
      const f = await vscode.commands.executeCommand<{ data: string } | undefined>(
        '_replens.activePanelFigure',
        'csv',
      );
      return f !== undefined && f.data.split(/\r?\n/).filter((l) => l !== '').length > 1
        ? f
        : undefined;
    },
    120_000,
    'the CKA heatmap values',
    500,
  );
  const [head, ...rows] = file.data.trim().split(/\r?\n/);
  const columns = head.split(',');
  const at = (name: string): number => columns.indexOf(name);
  const out = new Map<string, number>();
  for (const line of rows) {
    const cells = line.split(',');
    out.set(`${cells[at('row_layer')]}|${cells[at('column_layer')]}`, Number(cells[at('cka')]));
  }
  return out;
}

/** Waits for the panel tab `label`, then for its figure's CSV to hold rows with numbers. */
async function panelWithData(label: string): Promise<void> {
  await waitFor(
    () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === label),
    20_000,
    `the panel "${label}"`,
  );
  const figure = await waitFor(
    async () => {
      const f = await vscode.commands.executeCommand<{ data: string } | undefined>(
        '_replens.activePanelFigure',
        'csv',
      );
      return f !== undefined && f.data.split(/\r?\n/).length > 2 ? f : undefined;
    },
    120_000,
    `the data of "${label}"`,
    500,
  );
  assert.match(figure.data, /\d/);
}

suite('external folders', () => {
  const acts = (): string => fixturePath('ext-acts');
  const plain = (): string => fixturePath('ext-plain');

  suiteSetup(async () => {
    await waitFor(() => replensExtension().isActive, 20_000, 'the extension to activate');
    writeActivationsFolder(acts());
    fs.mkdirSync(plain(), { recursive: true });
    fs.writeFileSync(path.join(plain(), 'notes.txt'), 'no arrays here\n');
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a folder of no known layout is refused with a message naming it and what is missing', async () => {
    const [check] = await openInReplens(plain());
    assert.equal(check.ok, false);
    assert.match(check.message ?? '', /ext-plain is not a folder Replens can analyse/);
    assert.match(check.message ?? '', /no activations\/step-<N>\.safetensors/);
    assert.equal(await externalItems(), undefined);
  });

  test('Open Folder in Replens lists an activations folder under External folders', async () => {
    const [check] = await openInReplens(acts());
    assert.deepEqual({ ok: check.ok, layout: check.layout }, { ok: true, layout: 'activations' });
    const items = await waitFor(externalItems, 10_000, 'the External folders group');
    assert.deepEqual(
      items.map((i) => [i.label, i.description, i.contextValue]),
      [['ext-acts', 'external · activations', 'external']],
    );
  });

  test('Show CKA Heatmap on the external folder shows linear CKA of its layers', async function () {
    this.timeout(180_000);
    await vscode.commands.executeCommand('replens.showCka', { kind: 'external', dir: acts() });
    const [tab] = await waitFor(
      () => (universalityTabs().length > 0 ? universalityTabs() : undefined),
      20_000,
      'the universality panel',
    );
    assert.match(tab.label, /ext-acts/);
    const values = await heatmapValues();
    const layers = fixtureLayers(fixtureSteps[fixtureSteps.length - 1]);
    const names = Object.keys(layers);
    assert.equal(values.size, names.length * names.length, [...values.keys()].join(' '));
    for (const a of names) {
      for (const b of names) {
        const want = linearCka(layers[a], layers[b]);
        const got = values.get(`${a}|${b}`);
        assert.ok(
          got !== undefined && Math.abs(got - want) <= 1e-4 * Math.max(1, want),
          `${a} × ${b}: ${got} vs ${want}`,
        );
      }
    }
  });

  test('Show Embedding on a layer of the external folder opens its embedding panel', async function () {
    this.timeout(180_000);
    await vscode.commands.executeCommand('replens.showEmbedding', {
      kind: 'external',
      dir: acts(),
      layer: 'encoder.1',
    });
    await panelWithData('Embedding: ext-acts · encoder.1');
  });

  test('Show Completeness on a [p, d] layer of the external folder shows its study', async function () {
    this.timeout(180_000);
    await vscode.commands.executeCommand('replens.showCompleteness', {
      kind: 'external',
      dir: acts(),
      layer: 'encoder.0',
      p: 12,
    });
    await panelWithData('Completeness: ext-acts · encoder.0');
  });

  test('Remove from Replens forgets the folder and leaves its files alone', async () => {
    const removed = await vscode.commands.executeCommand<boolean>('replens.removeExternalFolder', {
      kind: 'external',
      id: `ext:${acts()}`,
      dir: acts(),
    });
    assert.equal(removed, true);
    await waitFor(async () => (await externalItems()) === undefined, 10_000, 'the group to go');
    assert.ok(fs.existsSync(path.join(acts(), 'activations', 'step-10.safetensors')));
  });
});
