import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { manifestFormatVersion, type RunManifest } from '../../src/shared/runManifest';
import { runFiles } from '../../src/storage/runLayout';
import { createRunDir, writeManifest } from '../../src/storage/runStore';
import { replensExtension, waitFor, workspaceRoot } from './helpers';

const viewType = 'replens.training';

/** Writes a finished run of the `tiny` experiment into the workspace's runs folder. */
function finishedRun(runId: string): string {
  const runDir = path.join(workspaceRoot(), '.replens', 'runs', 'tiny', runId);
  createRunDir(runDir);
  const manifest: RunManifest = {
    formatVersion: manifestFormatVersion,
    runId,
    experiment: 'tiny',
    config: { name: 'tiny' },
    configHash: 'c0ffee12',
    seed: 0,
    seeds: { init: 0 },
    backend: { name: 'cpu', requested: 'auto', tfBackend: 'cpu', fallbacks: [] },
    versions: { replens: 'test' },
    status: 'done',
    startedAt: '2026-01-01T00:00:00.000Z',
    endedAt: '2026-01-01T00:00:02.000Z',
    steps: 30,
    lastStep: 30,
    checkpoints: [],
    resumes: [],
    wallSeconds: 2,
  };
  writeManifest(runDir, manifest);
  const lines = [5, 10, 15, 20, 25, 30].map((step) =>
    JSON.stringify({
      step,
      lr: 0.01,
      trainLoss: 3 / step,
      trainAcc: step / 30,
      testLoss: 4 / step,
      testAcc: step / 40,
    }),
  );
  fs.writeFileSync(path.join(runDir, runFiles.metrics), lines.join('\n') + '\n');
  return runDir;
}

/** Webview panel tabs of the training view (VS Code prefixes the view type). */
function trainingTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter(
      (t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(viewType),
    );
}

suite('training panel', () => {
  suiteSetup(async () => {
    await waitFor(() => replensExtension().isActive, 20_000, 'the extension to activate');
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Open Run on a finished run folder opens a training tab', async () => {
    const runDir = finishedRun('20260101T000000Z-open');
    await vscode.commands.executeCommand('replens.openRun', runDir);
    const tab = await waitFor(() => trainingTabs()[0], 10_000, 'a replens.training tab');
    assert.match(tab.label, /tiny · 20260101T000000Z-open/);
  });

  test('opening the same run again reveals its panel instead of a second one', async () => {
    const runDir = finishedRun('20260101T000001Z-again');
    await vscode.commands.executeCommand('replens.openRun', { runDir });
    await waitFor(() => trainingTabs().length === 1, 10_000, 'the first training tab');
    await vscode.commands.executeCommand('replens.openRun', runDir);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(trainingTabs().length, 1);
  });

  test('Compare Runs with several runs opens one overlay panel', async () => {
    const runs = [finishedRun('20260101T000002Z-cmpa'), finishedRun('20260101T000003Z-cmpb')];
    await vscode.commands.executeCommand(
      'replens.compareRuns',
      runs.map((runDir) => ({ runDir })),
    );
    const tab = await waitFor(() => trainingTabs()[0], 10_000, 'a comparison tab');
    assert.match(tab.label, /Compare 2 runs/);
    assert.equal(trainingTabs().length, 1);
  });
});
