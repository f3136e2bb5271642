import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { fixturePath, openFixture, replensExtension, waitFor, workspaceRoot } from './helpers';
import { waitForLens } from './lensHelpers';

interface Manifest {
  status: string;
  lastStep: number;
  steps: number;
  configPath?: string;
  resumes: unknown[];
}

/** The experiment's run folders under the default runs root of the fixture workspace. */
function runDirs(experiment: string): string[] {
  const dir = path.join(workspaceRoot(), '.replens', 'runs', experiment);
  return fs.existsSync(dir) ? fs.readdirSync(dir).map((name) => path.join(dir, name)) : [];
}

function manifest(runDir: string): Manifest | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(runDir, 'run.json'), 'utf8')) as Manifest;
  } catch {
    return undefined; // not written yet
  }
}

/** Waits for a run folder not in `before` whose manifest satisfies `ok`; returns the folder. */
function waitForRun(
  experiment: string,
  before: string[],
  ok: (m: Manifest) => boolean,
  what: string,
  timeoutMs = 90_000,
): Promise<string> {
  return waitFor(
    () =>
      runDirs(experiment).find((d) => {
        const m = before.includes(d) ? undefined : manifest(d);
        return m !== undefined && ok(m);
      }),
    timeoutMs,
    what,
    250,
  );
}

suite('runs from the editor', () => {
  suiteSetup(async () => {
    await waitFor(() => replensExtension().isActive, 20_000, 'the extension to activate');
  });

  test('Run Experiment trains tiny.replens.json to done; the lens shows the result', async function () {
    this.timeout(120_000);
    const { document } = await openFixture('tiny.replens.json');
    const before = runDirs('tiny');
    const key = await vscode.commands.executeCommand<string | undefined>(
      'replens.runExperiment',
      document.uri,
    );
    assert.match(key ?? '', /^run-\d+$/);
    // (The live Stop lens is checked on a long run below: this 30-step run may finish first.)
    const runDir = await waitForRun('tiny', before, (m) => m.status === 'done', 'a done run');
    const m = manifest(runDir);
    assert.equal(m?.lastStep, 30);
    assert.equal(m?.configPath, fixturePath('tiny.replens.json'));
    const last = await waitForLens(
      document.uri,
      /^\$\(pass\) last run: test acc \d\.\d{3} \(just now\)$/,
    );
    assert.equal(last.command?.command, 'replens.openRun');
    assert.deepEqual(last.command?.arguments, [runDir]);
    await waitForLens(document.uri, /^\$\(play\) Run$/);
  });

  test('an invalid config does not run', async () => {
    const { document } = await openFixture('bad.replens.json');
    const key = await vscode.commands.executeCommand<string | undefined>(
      'replens.runExperiment',
      document.uri,
    );
    assert.equal(key, undefined);
    assert.deepEqual(runDirs('bad'), []);
  });

  test('Stop Run cancels a training run and Resume Run continues it', async function () {
    this.timeout(180_000);
    // A copy of tiny that trains far longer than the test waits.
    const text = fs
      .readFileSync(fixturePath('tiny.replens.json'), 'utf8')
      .replace('"name": "tiny"', '"name": "long"')
      .replace('"steps": 30', '"steps": 1000000');
    const file = fixturePath('long.replens.json');
    fs.writeFileSync(file, text);
    try {
      const uri = vscode.Uri.file(file);
      const key = await vscode.commands.executeCommand<string>('replens.runExperiment', uri);
      await waitForLens(uri, /^\$\(debug-stop\) Stop · step \d+\/1000000$/, 60_000);
      await vscode.commands.executeCommand('replens.stopRun', key);
      const runDir = await waitForRun('long', [], (m) => m.status === 'cancelled', 'cancelled');
      await waitForLens(uri, /^\$\(circle-slash\) last run cancelled at step \d+\/1000000/);

      const resumed = await vscode.commands.executeCommand<string>('replens.resumeRun', runDir);
      assert.match(resumed, /^run-\d+$/);
      await waitFor(
        () => manifest(runDir)?.status === 'running' && manifest(runDir)?.resumes.length === 1,
        60_000,
        'the resumed run to train',
      );
      await vscode.commands.executeCommand('replens.stopRun', { runDir });
      await waitFor(() => manifest(runDir)?.status === 'cancelled', 60_000, 'cancelled again');
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  test('Run Sweep runs every seed and indexes them in sweep.json', async function () {
    this.timeout(180_000);
    const text = fs
      .readFileSync(fixturePath('tiny.replens.json'), 'utf8')
      .replace('"name": "tiny"', '"name": "sweep", "sweep": { "seeds": [1, 2], "parallel": 2 }');
    const file = fixturePath('sweep.replens.json');
    fs.writeFileSync(file, text);
    try {
      // The command resolves once every job ended.
      await vscode.commands.executeCommand('replens.runSweep', vscode.Uri.file(file));
      const [sweepDir] = runDirs('sweep');
      assert.ok(sweepDir, 'no sweep folder');
      const index = JSON.parse(fs.readFileSync(path.join(sweepDir, 'sweep.json'), 'utf8')) as {
        runs: { seed: number; status: string; runDir?: string }[];
      };
      assert.deepEqual(
        index.runs.map((r) => [r.seed, r.status]),
        [
          [1, 'done'],
          [2, 'done'],
        ],
      );
      for (const r of index.runs) {
        assert.equal(manifest(r.runDir ?? '')?.lastStep, 30);
      }
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
});
