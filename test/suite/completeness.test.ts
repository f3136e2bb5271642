import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { fixturePath, openFixture, replensExtension, waitFor, workspaceRoot } from './helpers';
import { lineOf, waitForLens } from './lensHelpers';

/** `replens analyze completeness <source> --json` through the extension's own CLI. */
function analyzeWithCli(source: string): { step: number | null; result: Record<string, never> } {
  const cli = path.join(replensExtension().extensionPath, 'bin', 'replens');
  const r = spawnSync(process.execPath, [cli, 'analyze', 'completeness', source, '--json'], {
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as { step: number | null; result: Record<string, never> };
}

/** Labels of the open editor tabs of completeness panels. */
function completenessTabs(): string[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview)
    .filter((t) => (t.input as vscode.TabInputWebview).viewType.includes('replens.completeness'))
    .map((t) => t.label);
}

suite('completeness', () => {
  suiteSetup(async () => {
    await waitFor(() => replensExtension().isActive, 20_000, 'the extension to activate');
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the step-0 lens shows the initial embedding’s best frequencies, as the CLI does', async function () {
    this.timeout(60_000);
    const { document } = await openFixture('survival.replens.json');
    const lens = await waitForLens(document.uri, /^\$\(pulse\) step 0: k=\d+ /, 45_000);
    assert.equal(lens.command?.command, 'replens.showInitialCompleteness');
    assert.equal(lens.range.start.line, lineOf(document.getText(), '"model"'));
    const cli = analyzeWithCli(fixturePath('survival.replens.json'));
    const { candidates, top } = cli.result as unknown as {
      candidates: { labels: string[]; initial: number[] };
      top: number[];
    };
    const expected = top
      .slice(0, 3)
      .map((i) => `${candidates.labels[i]} ${candidates.initial[i].toFixed(2)}`);
    for (const part of expected) {
      assert.ok(lens.command?.title.includes(part), `${lens.command?.title} lacks ${part}`);
    }
    const args = (lens.command?.arguments ?? []) as unknown[];
    await vscode.commands.executeCommand('replens.showInitialCompleteness', ...args);
    await waitFor(() => completenessTabs().length === 1, 20_000, 'the completeness panel');
  });

  test('a survival sweep from the Run Sweep command, then Show Completeness on its config', async function () {
    this.timeout(240_000);
    const uri = vscode.Uri.file(fixturePath('survival.replens.json'));
    // The command resolves once every job ended.
    await vscode.commands.executeCommand('replens.runSweep', uri);
    const experimentDir = path.join(workspaceRoot(), '.replens', 'runs', 'survival');
    const sweepDir = fs
      .readdirSync(experimentDir)
      .filter((n) => n.startsWith('sweep-'))
      .map((n) => path.join(experimentDir, n))
      .sort()
      .pop();
    assert.ok(sweepDir, 'no sweep folder');
    await vscode.commands.executeCommand('replens.showCompleteness', { configUri: uri, index: 0 });
    const [label] = await waitFor(
      () => (completenessTabs().length > 0 ? completenessTabs() : undefined),
      20_000,
      'the completeness panel',
    );
    assert.match(label, new RegExp(path.basename(sweepDir)));
    const { result } = analyzeWithCli(sweepDir);
    const survival = result.survival as unknown as { groups: { runs: number }[]; points: number };
    assert.deepEqual(
      survival.groups.map((g) => g.runs),
      [4],
    );
    assert.equal(survival.points, 11);
    const prediction = result.prediction as unknown as { runs: number };
    assert.ok(prediction.runs >= 1, 'no run formed a final circle');
  });
});
