import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { initBackend } from '../../../src/engine/backend';
import { learningRate } from '../../../src/engine/train/schedule';
import { startRun } from '../../../src/runner/runExperiment';
import { experimentConfigSchema } from '../../../src/shared/experimentConfig';
import { listCheckpoints, readManifest, readMetrics } from '../../../src/storage/runStore';
import { tempDir, tinyConfig } from '../../helpers/runs';

const out = tempDir();

describe('early stopping and the inverse-sqrt schedule', () => {
  before(async () => {
    await initBackend('wasm');
  });

  it('stops after `patience` evaluations without a better validation loss', async () => {
    // A learning rate far below float32 resolution leaves the weights, and so the loss, unchanged.
    const config = tinyConfig({
      train: { steps: 100, logEvery: 5, optimizer: { lr: 1e-30 }, earlyStopping: { patience: 2 } },
    });
    const r = await startRun({ config, outRoot: out });
    assert.equal(r.status, 'done');
    assert.equal(r.steps, 15); // best at 5, then 10 and 15 bring nothing new
    const m = readManifest(r.runDir);
    assert.deepEqual(
      { step: m.earlyStop?.step, bestStep: m.earlyStop?.bestStep },
      { step: 15, bestStep: 5 },
    );
    assert.deepEqual(
      readMetrics(r.runDir).map((x) => x.step),
      [0, 5, 10, 15],
    );
    assert.ok(listCheckpoints(r.runDir).includes(15), 'the stop step is checkpointed');
  });

  it('trains every step when the patience outlasts the evaluations', async () => {
    const config = tinyConfig({
      train: { steps: 20, logEvery: 5, earlyStopping: { patience: 5 } },
    });
    const r = await startRun({ config, outRoot: path.join(out, 'improving') });
    assert.equal(r.steps, 20);
    assert.equal(readManifest(r.runDir).earlyStop, undefined);
  });

  it('inverse-sqrt warms up linearly, peaks at warmupSteps, then decays as 1/√step', () => {
    const { train } = experimentConfigSchema.parse({
      task: { kind: 'modular-addition', p: 7 },
      train: { optimizer: { lr: 0.01 }, lrSchedule: { kind: 'inverse-sqrt', warmupSteps: 100 } },
    });
    // learningRate(k) is the rate of the update from step k to k + 1 (step number k + 1).
    assert.ok(Math.abs(learningRate(train, 49) - 0.005) < 1e-15);
    assert.ok(Math.abs(learningRate(train, 99) - 0.01) < 1e-15);
    assert.ok(Math.abs(learningRate(train, 399) - 0.005) < 1e-15);
  });
});
