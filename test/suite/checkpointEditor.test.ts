import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { fixturePath, replensExtension, waitFor } from './helpers';
import { waitForLens } from './lensHelpers';

const viewType = 'replens.checkpoint';

/** Copies a committed safetensors fixture (written by PyTorch tools) into the workspace. */
function workspaceCheckpoint(name: string, edit?: (bytes: Buffer) => Buffer): vscode.Uri {
  const source = path.join(
    replensExtension().extensionPath,
    'test',
    'fixtures',
    'numeric',
    'torch_state_dict.safetensors',
  );
  const file = fixturePath(path.join('checkpoints', name));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const bytes = fs.readFileSync(source);
  fs.writeFileSync(file, edit === undefined ? bytes : edit(bytes));
  return vscode.Uri.file(file);
}

/** The tab showing `uri` in the checkpoint editor (of view type `type`), if there is one. */
function checkpointTab(uri: vscode.Uri, type = viewType): vscode.Tab | undefined {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .find(
      (t) =>
        t.input instanceof vscode.TabInputCustom &&
        t.input.viewType === type &&
        t.input.uri.fsPath === uri.fsPath,
    );
}

/** Webview panel tabs whose view type ends with `type` (VS Code prefixes it). */
function webviewTabs(type: string): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(type));
}

suite('checkpoint editor', () => {
  suiteSetup(async () => {
    await waitFor(() => replensExtension().isActive, 20_000, 'the extension to activate');
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('package.json offers the editor for *.safetensors through "Open With…"', () => {
    const { contributes } = replensExtension().packageJSON as {
      contributes: { customEditors: { viewType: string; priority: string }[] };
    };
    const entry = contributes.customEditors.find((e) => e.viewType === viewType);
    assert.equal(entry?.priority, 'option');
  });

  test('a checkpoint inside a run folder opens in the checkpoint editor by default', async () => {
    const uri = workspaceCheckpoint('step-000010.safetensors');
    await vscode.commands.executeCommand('vscode.open', uri);
    await waitFor(
      () => checkpointTab(uri, 'replens.runCheckpoint'),
      15_000,
      'the default editor tab',
    );
  });

  test('vscode.openWith opens a safetensors file in the checkpoint editor tab', async () => {
    const uri = workspaceCheckpoint('model.safetensors');
    await vscode.commands.executeCommand('vscode.openWith', uri, viewType);
    const tab = await waitFor(() => checkpointTab(uri), 15_000, 'the checkpoint editor tab');
    assert.equal(tab.label, 'model.safetensors');
    assert.ok(tab.isActive, 'the checkpoint editor is the active tab');
  });

  test('a corrupt file still opens in the editor (the view shows why it cannot be read)', async () => {
    const uri = workspaceCheckpoint('corrupt.safetensors', (b) => b.subarray(0, b.length - 7));
    await vscode.commands.executeCommand('vscode.openWith', uri, viewType);
    await waitFor(() => checkpointTab(uri), 15_000, 'the checkpoint editor tab of a corrupt file');
  });

  test('.npy and .npz files open in the tensor viewer by default', async () => {
    const numeric = path.join(replensExtension().extensionPath, 'test', 'fixtures', 'numeric');
    for (const [from, name] of [
      [path.join(numeric, 'npz', 'deflated.npz'), 'arrays.npz'],
      [path.join(numeric, 'npy', 'f32_2x3.npy'), 'array.npy'],
    ]) {
      const file = fixturePath(path.join('arrays', name));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.copyFileSync(from, file);
      const uri = vscode.Uri.file(file);
      await vscode.commands.executeCommand('vscode.open', uri);
      await waitFor(() => checkpointTab(uri, 'replens.arrays'), 15_000, `the tab of ${name}`);
    }
  });

  test('the same file opens in two editor groups side by side', async () => {
    const uri = workspaceCheckpoint('split.safetensors');
    await vscode.commands.executeCommand('vscode.openWith', uri, viewType, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('vscode.openWith', uri, viewType, vscode.ViewColumn.Two);
    await waitFor(
      () =>
        vscode.window.tabGroups.all.filter((g) =>
          g.tabs.some(
            (t) => t.input instanceof vscode.TabInputCustom && t.input.uri.fsPath === uri.fsPath,
          ),
        ).length === 2,
      15_000,
      'the file in two groups',
    );
  });
});

suite('embedding panel', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('replens.showEmbedding with a run folder opens one embedding panel for it', async () => {
    await waitFor(() => replensExtension().isActive, 20_000, 'the extension to activate');
    const runDir = fixturePath(path.join('.replens', 'runs', 'none', 'r1'));
    await vscode.commands.executeCommand('replens.showEmbedding', runDir);
    await waitFor(() => webviewTabs('replens.embedding').length === 1, 15_000, 'the panel');
    // The same run again reveals the open panel instead of opening a second one.
    await vscode.commands.executeCommand('replens.showEmbedding', { runDir });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(webviewTabs('replens.embedding').length, 1);
  });

  test('the Show embedding lens of a config opens the embedding panel of its newest run', async function () {
    this.timeout(180_000);
    const text = fs
      .readFileSync(fixturePath('tiny.replens.json'), 'utf8')
      .replace('"name": "tiny"', '"name": "emblens", "analyses": [{ "kind": "embedding" }]');
    const file = fixturePath('emblens.replens.json');
    fs.writeFileSync(file, text);
    try {
      const uri = vscode.Uri.file(file);
      await vscode.window.showTextDocument(uri);
      const lens = await waitForLens(uri, /^\$\(graph\) Show embedding$/, 30_000);
      assert.equal(lens.command?.command, 'replens.showEmbedding');
      await vscode.commands.executeCommand('replens.runExperiment', uri);
      await waitForLens(uri, /^\$\(pass\) last run/, 120_000);
      await vscode.commands.executeCommand(
        'replens.showEmbedding',
        ...((lens.command.arguments ?? []) as unknown[]),
      );
      const tab = await waitFor(
        () => webviewTabs('replens.embedding')[0],
        15_000,
        'the embedding panel of the newest run',
      );
      assert.match(tab.label, /^Embedding: emblens/);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
});
