import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TreeSnapshot, TreeSnapshotItem } from '../../src/views/runsTreeProvider';
import { fixturePath, replensExtension, waitFor } from './helpers';
import { startSlurm, stopSlurm } from './slurmCluster';

/** What Run Sweep resolves with for a sweep submitted to Slurm. */
interface Submitted {
  sweepDir: string;
  executor: string;
  jobId: string;
  tasks: number;
}

/** Writes a tiny sweep config into the workspace: `steps` steps, one job per seed. */
function sweepConfig(name: string, steps: number, extra = ''): vscode.Uri {
  const text = fs
    .readFileSync(fixturePath('tiny.replens.json'), 'utf8')
    .replace('"name": "tiny"', `"name": "${name}", "sweep": { "seeds": [1, 2]${extra} }`)
    .replace('"steps": 30', `"steps": ${steps}`)
    .replace('"every": 10', `"every": ${Math.min(steps, 1000)}`);
  const file = fixturePath(`${name}.replens.json`);
  fs.writeFileSync(file, text);
  return vscode.Uri.file(file);
}

/** The sweep node of `sweepDir` and its children, as the runs tree shows them now. */
async function sweepItem(sweepDir: string): Promise<TreeSnapshotItem | undefined> {
  const tree = await vscode.commands.executeCommand<TreeSnapshot>('_replens.runsTreeSnapshot', 4);
  const id = `sweep:${sweepDir}`;
  const find = (items: TreeSnapshotItem[] | undefined): TreeSnapshotItem | undefined => {
    for (const item of items ?? []) {
      const hit = item.id === id ? item : find(item.children);
      if (hit !== undefined) {
        return hit;
      }
    }
    return undefined;
  };
  return find(tree.items);
}

/** Waits until the sweep's item satisfies `ok`; the failure names the last description seen. */
async function waitForSweep(
  sweepDir: string,
  ok: (item: TreeSnapshotItem) => boolean,
  timeoutMs: number,
  what: string,
): Promise<TreeSnapshotItem> {
  let last: TreeSnapshotItem | undefined;
  try {
    return await waitFor(
      async () => {
        last = await sweepItem(sweepDir);
        return last !== undefined && ok(last) ? last : undefined;
      },
      timeoutMs,
      what,
      500,
    );
  } catch (e) {
    const seen = JSON.stringify({ description: last?.description, tasks: taskTexts(last) });
    throw new Error(`${(e as Error).message}; the tree showed ${seen}`);
  }
}

const taskTexts = (item: TreeSnapshotItem | undefined): string[] =>
  (item?.children ?? []).map((c) => c.description ?? '');

/** Records the error notifications shown while `body` runs. */
async function errorsDuring(body: () => Thenable<unknown>): Promise<string[]> {
  const shown: string[] = [];
  const original = vscode.window.showErrorMessage;
  const record = (message: string): Promise<undefined> => {
    shown.push(message);
    return Promise.resolve(undefined);
  };
  Object.assign(vscode.window, { showErrorMessage: record });
  try {
    await body();
  } finally {
    Object.assign(vscode.window, { showErrorMessage: original });
  }
  return shown;
}

suite('Slurm sweeps from the editor (live one-node cluster)', function () {
  const settings = (): vscode.WorkspaceConfiguration =>
    vscode.workspace.getConfiguration('replens');
  const confBefore = process.env.SLURM_CONF;
  let started = false;

  suiteSetup(async function () {
    this.timeout(240_000);
    await waitFor(() => replensExtension().isActive, 20_000, 'the extension to activate');
    const cluster = await startSlurm();
    if (!cluster.ok) {
      if (cluster.skip) {
        this.skip();
      }
      throw new Error(`no live Slurm cluster: ${cluster.reason}`);
    }
    started = cluster.started;
    // The CLI the editor starts reads the environment of the extension host.
    process.env.SLURM_CONF = cluster.conf;
    const target = vscode.ConfigurationTarget.Workspace;
    await settings().update('sweep.executor', 'slurm', target);
    await settings().update('sweep.statusInterval', 2, target);
    // The scheduler is polled only while the Runs view is visible.
    await vscode.commands.executeCommand('replens.runs.focus');
  });

  suiteTeardown(async function () {
    this.timeout(90_000);
    const target = vscode.ConfigurationTarget.Workspace;
    await settings().update('sweep.executor', undefined, target);
    await settings().update('sweep.statusInterval', undefined, target);
    if (confBefore === undefined) {
      delete process.env.SLURM_CONF;
    } else {
      process.env.SLURM_CONF = confBefore;
    }
    if (started) {
      await stopSlurm();
    }
  });

  test('Run Sweep submits one array job; the tree shows its job id and the tasks COMPLETED', async function () {
    this.timeout(200_000);
    const sub = await vscode.commands.executeCommand<Submitted | undefined>(
      'replens.runSweep',
      sweepConfig('slurmok', 10),
    );
    assert.ok(sub, 'the sweep was submitted');
    assert.equal(sub.executor, 'slurm');
    assert.match(sub.jobId, /^\d+$/);
    assert.equal(sub.tasks, 2);
    assert.ok(fs.existsSync(path.join(sub.sweepDir, 'slurm', 'array.sbatch')));
    const shown = await waitForSweep(
      sub.sweepDir,
      (i) => i.description !== undefined,
      30_000,
      'the sweep in the tree',
    );
    assert.equal(shown.contextValue, 'sweep.slurm');
    assert.ok(shown.description?.startsWith(`slurm ${sub.jobId}`), shown.description);
    const done = await waitForSweep(
      sub.sweepDir,
      (i) =>
        i.description === `slurm ${sub.jobId} · 2/2 COMPLETED` &&
        taskTexts(i).filter((t) => /^COMPLETED \d+_\d · /.test(t)).length === 2,
      150_000,
      'both tasks COMPLETED in the tree',
    );
    assert.deepEqual(
      taskTexts(done)
        .map((t) => t.replace(/ · .*$/, ''))
        .sort(),
      [`COMPLETED ${sub.jobId}_0`, `COMPLETED ${sub.jobId}_1`],
    );
  });

  test('Stop on a running Slurm sweep cancels it: its tasks show CANCELLED', async function () {
    this.timeout(200_000);
    const sub = await vscode.commands.executeCommand<Submitted | undefined>(
      'replens.runSweep',
      sweepConfig('slurmlong', 2_000_000),
    );
    assert.ok(sub, 'the sweep was submitted');
    await waitForSweep(
      sub.sweepDir,
      (i) => /RUNNING/.test(i.description ?? ''),
      120_000,
      'a task of the long sweep RUNNING',
    );
    await vscode.commands.executeCommand('replens.stopRun', { sweepDir: sub.sweepDir });
    const index = JSON.parse(fs.readFileSync(path.join(sub.sweepDir, 'sweep.json'), 'utf8')) as {
      slurm?: { cancelledAt?: string };
    };
    assert.ok(index.slurm?.cancelledAt, 'sweep cancel recorded the cancel');
    const cancelled = await waitForSweep(
      sub.sweepDir,
      (i) => i.description === `slurm ${sub.jobId} · 0/2 COMPLETED · 2 CANCELLED`,
      90_000,
      'both tasks CANCELLED in the tree',
    );
    for (const text of taskTexts(cancelled)) {
      assert.match(text, /CANCELLED/);
    }
  });

  test('Resubmit Failed Tasks runs the failed task again as a new array job', async function () {
    this.timeout(240_000);
    // Both tasks start 15 s after the submit: time to break job 1's config so that it fails.
    const late = ', "slurm": { "extraArgs": ["--begin=now+15"] }';
    const sub = await vscode.commands.executeCommand<Submitted | undefined>(
      'replens.runSweep',
      sweepConfig('slurmfail', 10, late),
    );
    assert.ok(sub, 'the sweep was submitted');
    const jobConfig = path.join(sub.sweepDir, 'configs', 'job-001.replens.json');
    const good = fs.readFileSync(jobConfig, 'utf8');
    fs.writeFileSync(jobConfig, '{ "name": ');
    const failed = await waitForSweep(
      sub.sweepDir,
      (i) => i.description === `slurm ${sub.jobId} · 1/2 COMPLETED · 1 FAILED`,
      120_000,
      'job 1 FAILED, job 0 COMPLETED',
    );
    assert.ok(taskTexts(failed).some((t) => t.startsWith(`FAILED ${sub.jobId}_1`)));
    fs.writeFileSync(jobConfig, good);
    const again = await vscode.commands.executeCommand<Submitted | undefined>(
      'replens.resubmitFailedTasks',
      { sweepDir: sub.sweepDir },
    );
    assert.ok(again, 'the failed task was resubmitted');
    assert.notEqual(again.jobId, sub.jobId);
    assert.equal(again.tasks, 1);
    await waitForSweep(
      sub.sweepDir,
      (i) => i.description === `slurm ${sub.jobId}, ${again.jobId} · 2/2 COMPLETED`,
      120_000,
      'both tasks COMPLETED after the resubmit',
    );
  });

  test('sbatch refusing a sweep shows its words; Slurm without sbatch says so', async function () {
    this.timeout(60_000);
    let result: unknown = 'not run';
    const refused = await errorsDuring(async () => {
      result = await vscode.commands.executeCommand(
        'replens.runSweep',
        sweepConfig('slurmbad', 10, ', "slurm": { "partition": "nosuchpartition" }'),
      );
    });
    assert.equal(result, undefined);
    assert.equal(refused.length, 1, JSON.stringify(refused));
    assert.match(
      refused[0],
      /could not submit the sweep of slurmbad: .*sbatch: error: .*partition/i,
    );
    const pathBefore = process.env.PATH;
    process.env.PATH = '/nonexistent';
    let missing: string[];
    try {
      missing = await errorsDuring(() =>
        vscode.commands.executeCommand('replens.runSweep', sweepConfig('slurmnobin', 10)),
      );
    } finally {
      process.env.PATH = pathBefore;
    }
    assert.equal(missing.length, 1, JSON.stringify(missing));
    assert.match(missing[0], /sbatch is not on the PATH/);
  });
});
