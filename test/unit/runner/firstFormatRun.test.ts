/**
 * A run whose run.json was written by the first format (before any field added since, e.g.
 * `train.earlyStopping`, `train.lossWeights`, model and task options) still resumes to the same
 * weights as a fresh run and is analysed: its config is read back with today's defaults.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { initBackend } from '../../../src/engine/backend';
import { analyzeCompleteness } from '../../../src/runner/completeness/sourceCompleteness';
import { analyzeEmbedding } from '../../../src/runner/embedding/embeddingTrajectory';
import { resumeRun, startRun } from '../../../src/runner/runExperiment';
import { listRuns } from '../../../src/runner/universality/runListing';
import { runConfigOf } from '../../../src/shared/runConfig';
import { readCheckpoint } from '../../../src/storage/checkpointStore';
import { checkpointFile } from '../../../src/storage/runLayout';
import { readManifest, readMetrics, writeManifest } from '../../../src/storage/runStore';
import { tempDir, tinyConfig } from '../../helpers/runs';

/** A key tree: `true` keeps a value whole, an object keeps only the keys it lists. */
type Keys = true | { [key: string]: Keys };

/**
 * Every config field of the first run.json format (commit 46f51a2, the project skeleton: three
 * pair tasks, the embed-MLP, AdamW with constant or warm-up schedules). Fields added since are
 * not listed, so `firstFormat` strips them.
 */
const firstFormatKeys: Keys = {
  name: true,
  task: { kind: true, p: true, n: true, m: true, bits: true, trainFraction: true, splitSeed: true },
  model: {
    kind: true,
    embedDim: true,
    hidden: true,
    activation: true,
    combine: true,
    embedInitStd: true,
    freezeEmbedding: true,
  },
  train: {
    steps: true,
    batchSize: true,
    optimizer: { kind: true, lr: true, weightDecay: true, beta1: true, beta2: true, eps: true },
    lrSchedule: { kind: true, warmupSteps: true },
    seed: true,
    seeds: { data: true, embedding: true, mlp: true, batches: true },
    logEvery: true,
  },
  checkpoints: { every: true, logSpaced: true },
  sweep: { seeds: true, grid: true, fix: true, parallel: true },
  analyses: true,
  backend: true,
};

/** `value` restricted to the keys of `keys` (recursively); the paths it dropped go to `dropped`. */
function pick(value: unknown, keys: Keys, at: string, dropped: string[]): unknown {
  if (keys === true || typeof value !== 'object' || value === null || Array.isArray(value)) {
    return value;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const sub = keys[k] as Keys | undefined;
    if (sub === undefined) {
      dropped.push(`${at}${k}`);
    } else {
      out[k] = pick(v, sub, `${at}${k}.`, dropped);
    }
  }
  return out;
}

/** Rewrites a run's run.json so its config holds only first-format fields; returns the dropped paths. */
function toFirstFormat(runDir: string): string[] {
  const manifest = readManifest(runDir);
  const dropped: string[] = [];
  manifest.config = pick(manifest.config, firstFormatKeys, '', dropped) as Record<string, unknown>;
  writeManifest(runDir, manifest);
  return dropped;
}

function tensorsAt(runDir: string, step: number): Map<string, Float32Array> {
  const ckpt = readCheckpoint(checkpointFile(runDir, step));
  return new Map([...ckpt.tensors].map(([k, t]) => [k, t.data]));
}

describe('a run.json of the first format', () => {
  const out = tempDir();
  const config = tinyConfig({ train: { steps: 20 } });
  let fullRunDir = '';
  let oldRunDir = '';
  let dropped: string[] = [];

  before(async () => {
    await initBackend('wasm');
    fullRunDir = (await startRun({ config, outRoot: path.join(out, 'full') })).runDir;
    const abort = new AbortController();
    const part = await startRun({
      config,
      outRoot: path.join(out, 'old'),
      signal: abort.signal,
      onEvent: (e) => e.type === 'metrics' && e.metrics.step === 10 && abort.abort(),
    });
    assert.equal(part.status, 'cancelled');
    oldRunDir = part.runDir;
    dropped = toFirstFormat(oldRunDir);
  });

  it('lacks the fields added since, and reads back as the config the run trained', () => {
    // Fields added since without a default are absent from a fresh run.json already.
    assert.ok(dropped.includes('train.earlyStopping'), `dropped: ${dropped.join(', ')}`);
    const train = readManifest(oldRunDir).config.train as Record<string, unknown>;
    assert.equal('earlyStopping' in train, false);
    assert.deepEqual(runConfigOf(readManifest(oldRunDir)), config);
  });

  it('resumes to the same weights and metrics as an uninterrupted run', async () => {
    const resumed = await resumeRun({ runDir: oldRunDir });
    assert.equal(resumed.status, 'done', resumed.error);
    assert.equal(resumed.steps, 20);
    assert.deepEqual(tensorsAt(oldRunDir, 20), tensorsAt(fullRunDir, 20));
    assert.deepEqual(readMetrics(oldRunDir), readMetrics(fullRunDir));
  });

  it('is analysed: completeness, embedding trajectory and the run listing', async () => {
    const completeness = await analyzeCompleteness(oldRunDir);
    assert.equal(completeness.runs.length, 1);
    const fresh = await analyzeCompleteness(fullRunDir);
    const [old, full] = [completeness.runs[0], fresh.runs[0]];
    assert.deepEqual([old.candidates, old.chosen], [full.candidates, full.chosen]);
    const trajectory = await analyzeEmbedding(oldRunDir);
    assert.deepEqual(trajectory.steps, (await analyzeEmbedding(fullRunDir)).steps);
    assert.equal(trajectory.projection?.kind, 'fourier');
    assert.deepEqual(JSON.parse(JSON.stringify(trajectory)), trajectory, 'plain JSON');
    const [listing] = listRuns([oldRunDir]).runs;
    assert.deepEqual([listing.task, listing.model], ['modular-addition', 'embed-mlp']);
  });
});
