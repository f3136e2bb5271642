import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunManifest } from '../../src/shared/runManifest';
import type { TreeSnapshot, TreeSnapshotItem } from '../../src/views/runsTreeProvider';
import { fixturePath, replensExtension, waitFor, workspaceRoot } from './helpers';

/** Internal command of the runs tree that returns its items as plain data. */
const snapshotCommand = '_replens.runsTreeSnapshot';

function runsRoot(): string {
  const setting = vscode.workspace
    .getConfiguration('replens', vscode.Uri.file(workspaceRoot()))
    .get<string>('runsDirectory', '.replens/runs');
  return path.isAbsolute(setting) ? setting : path.join(workspaceRoot(), setting);
}

function manifest(runId: string, experiment: string): RunManifest {
  return {
    formatVersion: 1,
    runId,
    experiment,
    config: { name: experiment },
    configHash: 'feedbeef',
    seed: 7,
    seeds: { init: 7 },
    backend: { name: 'cpu', requested: 'cpu', tfBackend: 'cpu', fallbacks: [] },
    versions: { replens: 'test' },
    status: 'done',
    startedAt: '2026-01-01T00:00:00.000Z',
    endedAt: '2026-01-01T00:00:02.000Z',
    steps: 20,
    lastStep: 20,
    checkpoints: [10, 20],
    final: { step: 20, trainLoss: 0.1, trainAcc: 1, testLoss: 0.2, testAcc: 0.95 },
    resumes: [],
    wallSeconds: 2,
  };
}

/** Writes a run folder the way another process (the CLI) would. */
async function writeRun(experiment: string, runId: string): Promise<string> {
  const runDir = path.join(runsRoot(), experiment, runId);
  await fs.mkdir(path.join(runDir, 'checkpoints'), { recursive: true });
  await fs.mkdir(path.join(runDir, 'analyses'), { recursive: true });
  for (const step of [10, 20]) {
    const name = `step-${String(step).padStart(6, '0')}.safetensors`;
    await fs.writeFile(path.join(runDir, 'checkpoints', name), new Uint8Array(8));
  }
  await fs.writeFile(path.join(runDir, 'run.json'), JSON.stringify(manifest(runId, experiment)));
  return runDir;
}

async function snapshot(): Promise<TreeSnapshot> {
  return vscode.commands.executeCommand<TreeSnapshot>(snapshotCommand, 4);
}

/** The first item, at any depth, whose label is `label`. */
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

suite('runs tree', () => {
  const experiment = `tree-test-${Date.now().toString(36)}`;

  suiteSetup(async () => {
    await replensExtension().activate();
  });

  suiteTeardown(async () => {
    await fs.rm(path.join(runsRoot(), experiment), { recursive: true, force: true });
  });

  test('shows a run folder written by another process, with status and checkpoints', async function () {
    this.timeout(90_000);
    const runId = '20260101T000000Z-aaaa';
    const before = (await snapshot()).changeEvents;
    await writeRun(experiment, runId);
    // No refresh command: the watchers (or the folder poll behind them) must notice the new run (file
    // events arrive late on a loaded 2-core machine, hence the generous limit).
    await waitFor(
      async () => (await snapshot()).changeEvents > before,
      60_000,
      'the tree to refresh after a run.json appeared',
    );
    const item = await waitFor(() => runItem(experiment, runId), 5_000, 'the run in the tree');
    assert.equal(item.contextValue, 'run.done');
    assert.equal(item.icon, 'pass');
    assert.equal(item.description, 'done · test acc 0.950 · 20 steps');
    assert.deepEqual(
      item.children?.map((c) => [c.label, c.contextValue]),
      [
        ['step 10', 'checkpoint'],
        ['step 20', 'checkpoint'],
      ],
    );
  });

  test('shows a damaged run folder as an item that says what is wrong', async () => {
    const dir = path.join(runsRoot(), experiment, '20260101T000001Z-bbbb');
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, 'run.json'), '{ "formatVersion": 1, "runId": ');
    await vscode.commands.executeCommand('replens.refreshRuns');
    const item = await waitFor(
      () => runItem(experiment, '20260101T000001Z-bbbb'),
      10_000,
      'the damaged folder in the tree',
    );
    assert.equal(item.contextValue, 'run.invalid');
    assert.match(item.description ?? '', /run\.json is unreadable/);
  });

  test('drops a run folder deleted outside the editor after a refresh', async () => {
    const runDir = await writeRun(experiment, '20260101T000002Z-cccc');
    await waitFor(() => runItem(experiment, '20260101T000002Z-cccc'), 15_000, 'the new run');
    await fs.rm(runDir, { recursive: true, force: true });
    await vscode.commands.executeCommand('replens.refreshRuns');
    await waitFor(
      async () => (await runItem(experiment, '20260101T000002Z-cccc')) === undefined,
      10_000,
      'the deleted run to leave the tree',
    );
  });

  test('reveals a run folder in the Explorer when the window is remote', async function () {
    if (vscode.env.remoteName === undefined) {
      this.skip(); // Locally it opens the OS file manager, which a test should not do.
    }
    const runDir = path.join(runsRoot(), experiment, '20260101T000000Z-aaaa');
    await vscode.commands.executeCommand('replens.revealRunFolder', runDir);
  });

  test('shows a run trained by the CLI', async function () {
    this.timeout(120_000);
    const cli = path.join(replensExtension().extensionPath, 'dist', 'cli.js');
    const before = (await snapshot()).changeEvents;
    const args = [cli, 'run', fixturePath('tiny.replens.json'), '--out', runsRoot()];
    const json = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        [...args, '--backend', 'cpu', '--json'],
        // In desktop VS Code the host's executable is Electron: make it behave as Node.
        { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } },
        (err, stdout, stderr) =>
          err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout),
      ),
    );
    const result = JSON.parse(json) as { runId: string; status: string };
    assert.equal(result.status, 'done');
    await waitFor(
      async () => (await snapshot()).changeEvents > before,
      15_000,
      'the tree to refresh while the CLI wrote the run',
    );
    const item = await waitFor(() => runItem('tiny', result.runId), 15_000, 'the CLI run');
    assert.equal(item.contextValue, 'run.done');
    assert.match(item.description ?? '', /^done · test acc \d\.\d{3} · 30 steps$/);
  });
});
