import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { fixturePath, replensExtension, waitFor } from './helpers';
import { waitForLens } from './lensHelpers';

interface Manifest {
  status: string;
  lastStep: number;
  configPath?: string;
}

interface SweepJson {
  runs: { index: number; status: string; runDir?: string; overrides: Record<string, unknown> }[];
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined; // not written yet
  }
}

/** The run folder of a sweep job, once its manifest satisfies `ok`. */
function jobRun(sweepDir: string, job: number, ok: (m: Manifest) => boolean): string | undefined {
  const configFile = `job-${String(job).padStart(3, '0')}.replens.json`;
  return fs
    .readdirSync(sweepDir)
    .filter((name) => name !== 'configs')
    .map((name) => path.join(sweepDir, name))
    .find((dir) => {
      const m = readJson<Manifest>(path.join(dir, 'run.json'));
      return m !== undefined && (m.configPath ?? '').endsWith(configFile) && ok(m);
    });
}

suite('sweeps from the editor', () => {
  suiteSetup(async () => {
    await waitFor(() => replensExtension().isActive, 20_000, 'the extension to activate');
  });

  test('Run Sweep queues its jobs as RunManager runs: Stop lens, one job stopped, sweep.json', async function () {
    this.timeout(180_000);
    const file = fixturePath('sweepq.replens.json');
    const text = fs
      .readFileSync(fixturePath('tiny.replens.json'), 'utf8')
      .replace('"name": "tiny"', '"name": "sweepq"');
    fs.writeFileSync(file, text);
    const uri = vscode.Uri.file(file);
    const editor = await vscode.window.showTextDocument(uri);
    try {
      // The sweep exists only in the unsaved editor text: a long job, then a short one.
      const sweep = '"sweep": { "seeds": [1], "grid": { "train.steps": [1000000, 20] } }';
      const at = editor.document.getText().indexOf('"name": "sweepq"');
      await editor.edit((e) => e.insert(editor.document.positionAt(at), `${sweep},\n  `));
      assert.equal(editor.document.isDirty, true, 'the sweep is planned from unsaved text');
      const finished = vscode.commands.executeCommand<{ sweepDir: string } | undefined>(
        'replens.runSweep',
        uri,
      );
      const stop = await waitForLens(
        uri,
        /^\$\(debug-stop\) Stop Sweep · job 1\/2 · step \d+\/1000000$/,
        60_000,
      );
      assert.equal(stop.command?.command, 'replens.stopRun');
      const { sweepDir } = stop.command?.arguments?.[0] as { sweepDir: string };
      assert.match(path.basename(sweepDir), /^sweep-/);
      assert.ok(fs.existsSync(path.join(sweepDir, 'sweep.json')), 'the sweep folder is indexed');
      // Stopping the long job's run folder works only for a run of this window's RunManager.
      const longRun = await waitFor(
        () => jobRun(sweepDir, 0, (m) => m.status === 'running'),
        30_000,
        'the first job training in the sweep folder',
      );
      await vscode.commands.executeCommand('replens.stopRun', { runDir: longRun });
      const outcome = await finished;
      assert.equal(outcome?.sweepDir, sweepDir);
      const index = readJson<SweepJson>(path.join(sweepDir, 'sweep.json'));
      assert.deepEqual(
        index?.runs.map((r) => [r.index, r.status, r.overrides['train.steps']]),
        [
          [0, 'cancelled', 1000000],
          [1, 'done', 20],
        ],
      );
      assert.equal(index?.runs[0].runDir, longRun);
      const shortRun = index?.runs[1].runDir ?? '';
      assert.equal(path.dirname(shortRun), sweepDir);
      const m = readJson<Manifest>(path.join(shortRun, 'run.json'));
      assert.deepEqual([m?.status, m?.lastStep], ['done', 20]);
      assert.equal(m?.configPath, path.join(sweepDir, 'configs', 'job-001.replens.json'));
      assert.equal(readJson<Manifest>(path.join(longRun, 'run.json'))?.status, 'cancelled');
      await waitForLens(uri, /^\$\(play\) Run$/);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      fs.rmSync(file, { force: true });
    }
  });
});
