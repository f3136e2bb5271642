import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunManifest } from '../../src/shared/runManifest';
import { runFiles } from '../../src/storage/runLayout';
import { createRunDir, writeManifest } from '../../src/storage/runStore';
import type { TreeSnapshot, TreeSnapshotItem } from '../../src/views/runsTreeProvider';
import { aManifest, fineTuneOf } from '../helpers/runFolders';
import { replensExtension, waitFor, workspaceRoot } from './helpers';

const stamp = Date.now().toString(36);
const parentExperiment = `ft-parent-${stamp}`;
const childExperiment = `ft-child-${stamp}`;
const runsRoot = (): string => path.join(workspaceRoot(), '.replens', 'runs');

/** A finished run folder; a fine-tune when `parent` is given (its folder and step). */
function writeRun(experiment: string, runId: string, parent?: [string, number]): string {
  const runDir = path.join(runsRoot(), experiment, runId);
  createRunDir(runDir);
  const init =
    parent === undefined ? undefined : fineTuneOf(parent[0], parent[1], ['embedding.weight']).init;
  const manifest: RunManifest = {
    ...aManifest(runId, experiment),
    steps: 20,
    lastStep: 20,
    final: { step: 20, trainLoss: 0.1, trainAcc: 1, testLoss: 0.2, testAcc: 0.95 },
    init,
  };
  writeManifest(runDir, manifest);
  const lines = [0, 10, 20].map((step) =>
    JSON.stringify({ step, lr: 0.01, trainLoss: 1, trainAcc: 0.5, testLoss: 1, testAcc: 0.5 }),
  );
  fs.writeFileSync(path.join(runDir, runFiles.metrics), lines.join('\n') + '\n');
  return runDir;
}

async function snapshot(): Promise<TreeSnapshot> {
  return vscode.commands.executeCommand<TreeSnapshot>('_replens.runsTreeSnapshot', 4);
}

function find(items: TreeSnapshotItem[] | undefined, label: string): TreeSnapshotItem | undefined {
  for (const item of items ?? []) {
    const hit = item.label === label ? item : find(item.children, label);
    if (hit !== undefined) {
      return hit;
    }
  }
  return undefined;
}

async function runItem(experiment: string, runId: string): Promise<TreeSnapshotItem | undefined> {
  return find(find((await snapshot()).items, experiment)?.children, runId);
}

function trainingTabs(): string[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter(
      (t) =>
        t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('replens.training'),
    )
    .map((t) => t.label);
}

suite('fine-tunes', () => {
  const parentId = '20260101T000000Z-prnt';
  const sameId = '20260101T000100Z-same';
  const otherId = '20260101T000200Z-othr';
  let parent = '';

  suiteSetup(async () => {
    await waitFor(() => replensExtension().isActive, 20_000, 'the extension to activate');
    parent = writeRun(parentExperiment, parentId);
    writeRun(parentExperiment, sameId, [parent, 10]);
    writeRun(childExperiment, otherId, [parent, 20]);
    await vscode.commands.executeCommand('replens.refreshRuns');
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const e of [parentExperiment, childExperiment]) {
      fs.rmSync(path.join(runsRoot(), e), { recursive: true, force: true });
    }
  });

  test('the runs tree shows the lineage, within and across experiments', async function () {
    this.timeout(60_000);
    const item = await waitFor(
      async () => {
        const p = await runItem(parentExperiment, parentId);
        return p?.description?.includes('2 fine-tunes') === true ? p : undefined;
      },
      30_000,
      'the parent with its fine-tunes in the tree',
    );
    assert.equal(item.contextValue, 'run.done.tuned');
    assert.equal(item.description, 'done · test acc 0.950 · 20 steps · 2 fine-tunes');
    const same = await runItem(parentExperiment, sameId);
    assert.equal(
      same?.description,
      `done · test acc 0.950 · 20 steps · fine-tuned from ${parentId} @ step 10`,
    );
    assert.equal(same?.contextValue, 'run.done');
    const other = await runItem(childExperiment, otherId);
    assert.equal(
      other?.description,
      `done · test acc 0.950 · 20 steps · fine-tuned from ${parentExperiment}/${parentId} @ step 20`,
    );
  });

  test('Compare with Fine-tunes on the parent overlays the parent and both fine-tunes', async function () {
    this.timeout(30_000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('replens.compareFineTunes', { runDir: parent });
    const label = await waitFor(() => trainingTabs()[0], 15_000, 'a comparison tab');
    assert.match(label, /Compare 3 runs/);
    assert.equal(trainingTabs().length, 1);
  });
});
