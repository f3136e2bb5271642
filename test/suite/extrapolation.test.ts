import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { fixturePath, openFixture, replensExtension, waitFor, workspaceRoot } from './helpers';
import { waitForLens } from './lensHelpers';

/** Labels of the open editor tabs of extrapolation panels. */
function extrapolationTabs(): string[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview)
    .filter((t) => (t.input as vscode.TabInputWebview).viewType.includes('replens.extrapolation'))
    .map((t) => t.label);
}

suite('rule extrapolation', () => {
  suiteSetup(async () => {
    await waitFor(() => replensExtension().isActive, 20_000, 'the extension to activate');
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the preview lens counts the ID and OOD prompts', async () => {
    const { document } = await openFixture('anbn.replens.json');
    await waitForLens(
      document.uri,
      /^8 words \(validated in-sample\) · 5 ID \/ 251 OOD prompts · /,
    );
  });

  test('a sweep of normal, oracle and adversarial training opens in the extrapolation panel', async function () {
    this.timeout(300_000);
    const uri = vscode.Uri.file(fixturePath('anbn.replens.json'));
    await vscode.commands.executeCommand('replens.runSweep', uri);
    const experimentDir = path.join(workspaceRoot(), '.replens', 'runs', 'anbn');
    const sweepDir = fs
      .readdirSync(experimentDir)
      .filter((n) => n.startsWith('sweep-'))
      .map((n) => path.join(experimentDir, n))
      .pop();
    assert.ok(sweepDir, 'no sweep folder');
    await vscode.commands.executeCommand('replens.showExtrapolation', { configUri: uri, index: 0 });
    await waitFor(() => extrapolationTabs().length === 1, 20_000, 'the extrapolation panel');
    const cli = path.join(replensExtension().extensionPath, 'bin', 'replens');
    const r = spawnSync(process.execPath, [cli, 'analyze', 'extrapolation', sweepDir, '--json'], {
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    });
    assert.equal(r.status, 0, r.stderr);
    const { byTraining } = (
      JSON.parse(r.stdout) as { result: { byTraining: { training: string }[] } }
    ).result;
    assert.deepEqual(byTraining.map((b) => b.training).sort(), ['adversarial', 'normal', 'oracle']);
  });
});
