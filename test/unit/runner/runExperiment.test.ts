import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/engine/backend';
import { resumeRun, startRun } from '../../../src/runner/runExperiment';
import { experimentConfigSchema } from '../../../src/shared/experimentConfig';
import { parseConfig } from '../../../src/shared/parseConfig';
import { readCheckpoint } from '../../../src/storage/checkpointStore';
import { checkpointFile } from '../../../src/storage/runLayout';
import { listCheckpoints, readManifest, readMetrics } from '../../../src/storage/runStore';
import { tempDir, tinyConfig } from '../../helpers/runs';

const out = tempDir();

function finalTensors(runDir: string, step: number): Map<string, Float32Array> {
  const ckpt = readCheckpoint(checkpointFile(runDir, step));
  return new Map([...ckpt.tensors].map(([k, t]) => [k, t.data]));
}

describe('startRun and resumeRun (wasm backend)', () => {
  before(async () => {
    const info = await initBackend('wasm');
    assert.equal(info.name, 'wasm');
  });

  it('gives identical losses for the same seed and backend', async () => {
    const a = await startRun({ config: tinyConfig(), outRoot: path.join(out, 'det-a') });
    const b = await startRun({ config: tinyConfig(), outRoot: path.join(out, 'det-b') });
    assert.equal(a.status, 'done');
    assert.deepEqual(readMetrics(b.runDir), readMetrics(a.runDir));
    const c = await startRun({
      config: tinyConfig({ train: { seed: 4 } }),
      outRoot: path.join(out, 'det-c'),
    });
    assert.notDeepEqual(
      readMetrics(c.runDir),
      readMetrics(a.runDir),
      'another seed trains differently',
    );
  });

  it('writes a complete run folder with the manifest fields of DESIGN §3', async () => {
    const r = await startRun({ config: tinyConfig(), outRoot: path.join(out, 'layout') });
    assert.equal(path.basename(path.dirname(r.runDir)), 'tiny');
    const m = readManifest(r.runDir);
    assert.equal(m.status, 'done');
    assert.equal(m.backend.name, 'wasm');
    assert.equal(m.versions['tfjs-core'], tf.version_core);
    assert.equal(m.lastStep, 30);
    assert.deepEqual(m.checkpoints, [0, 10, 20, 30]);
    assert.deepEqual(listCheckpoints(r.runDir), [0, 10, 20, 30]);
    assert.match(m.configHash, /^[0-9a-f]{16}$/);
    assert.deepEqual(
      readMetrics(r.runDir).map((x) => x.step),
      [0, 5, 10, 15, 20, 25, 30],
    );
    assert.ok(fs.readFileSync(path.join(r.runDir, 'log.txt'), 'utf8').includes('done at step 30'));
  });

  it('cancels between steps, leaving a readable checkpoint at the cancel step', async () => {
    const abort = new AbortController();
    const r = await startRun({
      config: tinyConfig(),
      outRoot: path.join(out, 'cancel'),
      signal: abort.signal,
      onEvent: (e) => e.type === 'metrics' && e.metrics.step === 15 && abort.abort(),
    });
    assert.equal(r.status, 'cancelled');
    const m = readManifest(r.runDir);
    assert.equal(m.status, 'cancelled');
    assert.equal(m.lastStep, 15);
    assert.deepEqual(listCheckpoints(r.runDir), [0, 10, 15]);
    for (const step of listCheckpoints(r.runDir)) {
      assert.equal(readCheckpoint(checkpointFile(r.runDir, step)).step, step);
    }
  });

  it('resumes a cancelled run to the same final weights and metrics as an uninterrupted run', async () => {
    const full = await startRun({ config: tinyConfig(), outRoot: path.join(out, 'full') });
    const abort = new AbortController();
    const part = await startRun({
      config: tinyConfig(),
      outRoot: path.join(out, 'part'),
      signal: abort.signal,
      onEvent: (e) => e.type === 'metrics' && e.metrics.step === 15 && abort.abort(),
    });
    assert.equal(part.status, 'cancelled');
    const resumed = await resumeRun({ runDir: part.runDir });
    assert.equal(resumed.status, 'done');
    assert.equal(resumed.steps, 30);
    const a = finalTensors(full.runDir, 30);
    const b = finalTensors(part.runDir, 30);
    assert.deepEqual([...b.keys()], [...a.keys()]);
    for (const [name, data] of a) {
      assert.deepEqual(b.get(name), data, `${name} differs after resume`);
    }
    assert.deepEqual(readMetrics(part.runDir), readMetrics(full.runDir));
    assert.equal(readManifest(part.runDir).resumes[0].fromStep, 15);
  });

  it('resumes minibatch training identically too', async () => {
    const cfg = tinyConfig({ train: { batchSize: 32 } });
    const full = await startRun({ config: cfg, outRoot: path.join(out, 'mb-full') });
    const abort = new AbortController();
    const part = await startRun({
      config: cfg,
      outRoot: path.join(out, 'mb-part'),
      signal: abort.signal,
      onEvent: (e) => e.type === 'metrics' && e.metrics.step === 20 && abort.abort(),
    });
    await resumeRun({ runDir: part.runDir });
    assert.deepEqual(finalTensors(part.runDir, 30), finalTensors(full.runDir, 30));
  });

  it('resumes a transformer with dropout and oracle rows identically, leaking no tensors', async () => {
    const cfg = experimentConfigSchema.parse({
      name: 'seq',
      task: {
        kind: 'formal-language',
        language: 'anbn',
        maxLength: 8,
        promptLength: 4,
        training: 'oracle',
      },
      model: { kind: 'transformer', dModel: 8, heads: 2, layers: 1, dFF: 16, dropout: 0.2 },
      train: { steps: 30, batchSize: 8, logEvery: 5, optimizer: { lr: 0.01 } },
      checkpoints: { every: 10 },
    });
    const before = tf.memory().numTensors;
    const full = await startRun({ config: cfg, outRoot: path.join(out, 'seq-full') });
    assert.equal(tf.memory().numTensors, before);
    const abort = new AbortController();
    const part = await startRun({
      config: cfg,
      outRoot: path.join(out, 'seq-part'),
      signal: abort.signal,
      onEvent: (e) => e.type === 'metrics' && e.metrics.step === 15 && abort.abort(),
    });
    assert.equal(part.status, 'cancelled');
    await resumeRun({ runDir: part.runDir });
    assert.deepEqual(finalTensors(part.runDir, 30), finalTensors(full.runDir, 30));
  });

  it('leaks no tensors over a whole run', async () => {
    await startRun({
      config: tinyConfig({ train: { steps: 3 } }),
      outRoot: path.join(out, 'warm'),
    });
    const before = tf.memory().numTensors;
    await startRun({
      config: tinyConfig({ train: { steps: 12, batchSize: 16 } }),
      outRoot: path.join(out, 'leak'),
    });
    assert.equal(tf.memory().numTensors, before);
  });

  it('keeps a frozen embedding at its initial value', async () => {
    const r = await startRun({
      config: tinyConfig({ model: { freezeEmbedding: true } }),
      outRoot: path.join(out, 'frozen'),
    });
    const e0 = readCheckpoint(checkpointFile(r.runDir, 0)).tensors.get('embedding.weight');
    const e30 = readCheckpoint(checkpointFile(r.runDir, 30)).tensors.get('embedding.weight');
    assert.ok(e0 && e30);
    assert.deepEqual(e30.data, e0.data);
    assert.equal(
      readCheckpoint(checkpointFile(r.runDir, 30)).tensors.has(
        'optimizer.exp_avg.embedding.weight',
      ),
      false,
    );
  });

  it('learns the bundled modular-addition example within 60 steps', async () => {
    const file = path.join(
      __dirname,
      '..',
      '..',
      '..',
      'examples',
      'modular-addition.replens.json',
    );
    const { config } = parseConfig(fs.readFileSync(file, 'utf8'), file);
    assert.ok(config);
    const cfg = {
      ...config,
      train: { ...config.train, steps: 60 },
      checkpoints: { every: null, logSpaced: 0 },
    };
    const r = await startRun({ config: cfg, outRoot: path.join(out, 'learn') });
    const metrics = readMetrics(r.runDir);
    assert.ok(metrics[0].trainAcc < 0.1, `chance-level at step 0 (${metrics[0].trainAcc})`);
    assert.ok(
      r.final && r.final.trainAcc > 0.9,
      `train accuracy after 60 steps: ${r.final?.trainAcc}`,
    );
    assert.ok(r.final.trainLoss < metrics[0].trainLoss / 4);
  });
});
