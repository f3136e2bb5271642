import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { initBackend } from '../../../src/engine/backend';
import { analyzeHessian } from '../../../src/runner/polca/hessian';
import { analyzePolca } from '../../../src/runner/polca/polca';
import { startRun } from '../../../src/runner/runExperiment';
import { experimentConfigSchema } from '../../../src/shared/experimentConfig';
import { tempDir, tinyConfig } from '../../helpers/runs';

const out = tempDir();

/** Two-digit addition with a tiny transformer: a few seconds of training. */
const additionConfig = experimentConfigSchema.parse({
  name: 'add',
  task: { kind: 'addition', digits: 2, count: 1500 },
  model: { kind: 'transformer', dModel: 16, heads: 2, layers: 1, dFF: 32, dropout: 0 },
  train: { steps: 120, batchSize: 256, logEvery: 20, optimizer: { lr: 0.01, weightDecay: 0.01 } },
  checkpoints: { every: 40, logSpaced: 0 },
});

describe('Hessian and POLCA analyses of runs', () => {
  let addition = '';
  let modAdd = '';
  before(async () => {
    await initBackend('wasm');
    addition = (await startRun({ config: additionConfig, outRoot: out })).runDir;
    modAdd = (await startRun({ config: tinyConfig(), outRoot: out })).runDir;
  });

  it('gives the top Hessian eigenvalues at every checkpoint, largest first', async () => {
    const r = await analyzeHessian(modAdd, { k: 3, iterations: 12 });
    assert.equal(r.settings.method, 'exact', 'embed-mlp has exact Hessian-vector products');
    assert.deepEqual(
      r.checkpoints.map((c) => c.step),
      [0, 10, 20, 30],
    );
    for (const c of r.checkpoints) {
      assert.equal(c.eigenvalues.length, 3);
      c.eigenvalues.slice(1).forEach((v, i) => assert.ok(v <= c.eigenvalues[i] + 1e-12));
    }
  });

  it('clusters the answer tokens of an addition run against the carry labels, with baseline and controls', async () => {
    const options = { k: 2, iterations: 8, examples: 32, analysisExamples: 120, minGroup: 15 };
    const r = await analyzePolca(addition, options);
    assert.deepEqual(r.steps, [0, 40, 80, 120]);
    assert.equal(r.tokens, 120 * 3, 'three answer digits per sequence');
    assert.equal(r.skill, 'carryIn');
    assert.deepEqual(
      r.methods.map((m) => m.method),
      ['polca', 'lossBaseline', 'randomBasis', 'singleCheckpoint'],
    );
    for (const value of [r.ari.polca, r.ari.lossBaseline, r.ari.randomBasis as number]) {
      assert.ok(value >= -1 && value <= 1, `ARI ${value}`);
    }
    assert.equal(r.features, 'increments');
    assert.equal(r.ariDominant.lossBaseline, r.ari.lossBaseline, 'the baseline has one family');
    assert.ok(r.ariDominant.polca <= r.ari.polca, 'the best-agreeing vector agrees best');
    for (const g of r.methods[0].groups) {
      assert.ok(g.dominant !== undefined && g.dominant.family >= 0 && g.dominant.ari <= g.ari);
      assert.equal(
        g.dominant.clusters.reduce((n, c) => n + c.size, 0),
        Math.round(g.size * (1 - g.dominant.outlierFraction)),
      );
    }
    assert.ok(r.methods[1].groups.every((g) => g.dominant === undefined && g.family === -1));
    assert.ok(r.residual >= 0 && Number.isFinite(r.residual));
    assert.equal(r.hessian.checkpoints.length, 4);
    assert.ok(r.hessian.checkpoints.reduce((n, c) => n + (c.added ?? 0), 0) >= 2);
    const [polca] = r.methods;
    assert.deepEqual(polca.times, [40, 80, 120]);
    assert.ok(polca.groups.length > 0, 'some digit has enough tokens to cluster');
    for (const g of polca.groups) {
      for (const c of g.clusters) {
        assert.equal(c.mean.length, 3);
        for (const m of c.members) {
          assert.match(m.text, /^\d\d\+\d\d=\d{3}$/);
          assert.ok([0, 1].includes(m.labels.carryIn));
          assert.equal(m.target, m.text[m.position]);
        }
      }
    }
    const cached = fs.readdirSync(path.join(addition, 'analyses'));
    assert.ok(cached.some((f) => f.startsWith('polca-')));
    assert.deepEqual(await analyzePolca(addition, options), JSON.parse(JSON.stringify(r)));
  });

  it('refuses runs without skill labels, naming the task', async () => {
    await assert.rejects(
      analyzePolca(modAdd),
      /POLCA needs a task with skill labels.*modular-addition/,
    );
  });
});
