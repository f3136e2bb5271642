import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { readCheckpoint } from '../../../src/storage/checkpointStore';
import { checkpointFile } from '../../../src/storage/runLayout';
import { listCheckpoints, readManifest, readMetrics } from '../../../src/storage/runStore';
import { replens, replensAsync, requireBuild, waitFor } from '../../helpers/cli';
import { tempDir, tinyConfig } from '../../helpers/runs';

const dir = tempDir();
const configFile = path.join(dir, 'long.replens.json');
const steps = 3000;

/** The one run folder under `root/tiny/`, once it exists. */
function runDirIn(root: string): string | undefined {
  const exp = path.join(root, 'tiny');
  const runs = fs.existsSync(exp) ? fs.readdirSync(exp) : [];
  return runs.length === 1 ? path.join(exp, runs[0]) : undefined;
}

function finalWeights(runDir: string): Map<string, Float32Array> {
  return new Map(
    [...readCheckpoint(checkpointFile(runDir, steps)).tensors].map(([k, t]) => [k, t.data]),
  );
}

describe('interrupting the CLI', () => {
  let reference: string;

  before(() => {
    requireBuild();
    fs.writeFileSync(
      configFile,
      JSON.stringify(tinyConfig({ train: { steps, logEvery: 50 }, checkpoints: { every: 100 } })),
    );
    const r = replens([
      'run',
      configFile,
      '--out',
      path.join(dir, 'ref'),
      '--backend',
      'wasm',
      '--json',
    ]);
    assert.equal(r.code, 0, r.stderr);
    reference = (JSON.parse(r.stdout) as { runDir: string }).runDir;
  });

  it('SIGINT stops after the current step with exit 130, status cancelled, and --resume finishes the run', async () => {
    const root = path.join(dir, 'sigint');
    const child = replensAsync(['run', configFile, '--out', root, '--backend', 'wasm', '--json']);
    const runDir = await waitFor(() => runDirIn(root));
    await waitFor(() => (readMetrics(runDir).some((m) => m.step >= 200) ? true : undefined));
    child.kill('SIGINT');
    const out = await child.output;
    assert.equal(out.code, 130, out.stderr);
    assert.equal((JSON.parse(out.stdout) as { status: string }).status, 'cancelled');
    const m = readManifest(runDir);
    assert.equal(m.status, 'cancelled');
    assert.ok(m.lastStep < steps && listCheckpoints(runDir).includes(m.lastStep));

    const resumed = replens(['run', '--resume', runDir, '--json']);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.equal((JSON.parse(resumed.stdout) as { status: string }).status, 'done');
    assert.deepEqual(finalWeights(runDir), finalWeights(reference));
  });

  it('SIGTERM (a scheduler) checkpoints like a first Ctrl-C, and a repeated SIGTERM does not quit before the checkpoint', async () => {
    const root = path.join(dir, 'sigterm');
    const child = replensAsync(['run', configFile, '--out', root, '--backend', 'wasm', '--json']);
    const runDir = await waitFor(() => runDirIn(root));
    await waitFor(() => (readMetrics(runDir).some((m) => m.step >= 200) ? true : undefined));
    child.kill('SIGTERM');
    child.kill('SIGTERM');
    const out = await child.output;
    assert.equal(out.code, 130, out.stderr);
    assert.match(out.stderr, /SIGTERM: checkpointing and stopping/);
    const m = readManifest(runDir);
    assert.equal(m.status, 'cancelled');
    assert.ok(m.lastStep < steps && listCheckpoints(runDir).includes(m.lastStep));

    const resumed = replens(['run', '--resume', runDir, '--json']);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.deepEqual(finalWeights(runDir), finalWeights(reference));
  });

  it('SIGKILL leaves every checkpoint intact and the run resumable to identical weights', async () => {
    const root = path.join(dir, 'sigkill');
    const child = replensAsync(['run', configFile, '--out', root, '--backend', 'wasm', '--json']);
    const runDir = await waitFor(() => runDirIn(root));
    await waitFor(() => (listCheckpoints(runDir).some((s) => s >= 700) ? true : undefined));
    child.kill('SIGKILL');
    await child.output;
    const m = readManifest(runDir);
    assert.equal(m.status, 'running', 'a killed process cannot record its end');
    const saved = listCheckpoints(runDir);
    assert.ok(saved.length >= 2 && saved[saved.length - 1] < steps);
    for (const step of saved) {
      assert.equal(readCheckpoint(checkpointFile(runDir, step)).step, step);
    }

    const resumed = replens(['run', '--resume', runDir, '--json']);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.deepEqual(finalWeights(runDir), finalWeights(reference));
    assert.deepEqual(readMetrics(runDir), readMetrics(reference));
  });
});
