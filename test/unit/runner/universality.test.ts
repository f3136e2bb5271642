import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { Matrix, QrDecomposition, inverse } from 'ml-matrix';
import { initBackend } from '../../../src/engine/backend';
import { createRng } from '../../../src/engine/rng';
import { analyzeCkaLayers } from '../../../src/runner/universality/ckaLayers';
import { analyzeCkaRuns } from '../../../src/runner/universality/ckaRuns';
import { analyzeStarvation } from '../../../src/runner/universality/starvation';
import { analyzeStitching } from '../../../src/runner/universality/stitching';
import { startRun } from '../../../src/runner/runExperiment';
import { experimentConfigSchema } from '../../../src/shared/experimentConfig';
import { manifestFormatVersion } from '../../../src/shared/runManifest';
import { readCheckpoint, writeCheckpoint } from '../../../src/storage/checkpointStore';
import { checkpointFile } from '../../../src/storage/runLayout';
import { listCheckpoints, readManifest } from '../../../src/storage/runStore';
import { tempDir } from '../../helpers/runs';

const out = tempDir();
const d = 4;

/** A 15-person family tree that a small embed-mlp fits within a few hundred steps. */
function treeConfig(seed: number) {
  return experimentConfigSchema.parse({
    name: 'tree',
    task: { kind: 'family-tree', generations: 4, children: 2 },
    model: { kind: 'embed-mlp', embedDim: d, embedInitStd: 0.5, hidden: [24, 24] },
    train: { steps: 400, logEvery: 20, optimizer: { lr: 0.01, weightDecay: 0.01 }, seed },
    checkpoints: { every: 200, logSpaced: 0 },
  });
}

/**
 * Copies a run folder and replaces its last checkpoint by a functionally identical network
 * whose embedding is E·M + c (M = 2·Q, Q a random rotation): the first layer absorbs the map.
 */
function affineCopy(runDir: string, to: string): void {
  fs.cpSync(runDir, to, { recursive: true });
  const step = listCheckpoints(to).at(-1) as number;
  const file = checkpointFile(to, step);
  const ckpt = readCheckpoint(file);
  const e = ckpt.tensors.get('embedding.weight')!;
  const w = ckpt.tensors.get('layers.0.weight')!; // stored [out, in]
  const b = ckpt.tensors.get('layers.0.bias')!;
  const rng = createRng(5);
  const q = Matrix.from1DArray(
    d,
    d,
    Array.from({ length: d * d }, () => rng.normal()),
  );
  const M = new QrDecomposition(q).orthogonalMatrix.mul(2);
  const shift = Array.from({ length: d }, () => rng.normal());
  const E = Matrix.from1DArray(e.shape[0], d, Array.from(e.data));
  const E2 = E.mmul(M).addRowVector(shift);
  const Minv = inverse(M);
  const [hidden, twoD] = w.shape;
  const W = Matrix.from1DArray(hidden, twoD, Array.from(w.data)).transpose(); // [in, out]
  const W2 = new Matrix(twoD, hidden);
  const bias2 = Float64Array.from(b.data);
  for (const half of [0, d]) {
    const block = Minv.mmul(W.subMatrix(half, half + d - 1, 0, hidden - 1));
    W2.setSubMatrix(block, half, 0);
    const cMinvW = new Matrix([shift]).mmul(block);
    for (let j = 0; j < hidden; j++) {
      bias2[j] -= cMinvW.get(0, j);
    }
  }
  ckpt.tensors.set('embedding.weight', { shape: e.shape, data: Float32Array.from(E2.to1DArray()) });
  ckpt.tensors.set('layers.0.weight', {
    shape: w.shape,
    data: Float32Array.from(W2.transpose().to1DArray()),
  });
  ckpt.tensors.set('layers.0.bias', { shape: b.shape, data: Float32Array.from(bias2) });
  writeCheckpoint(file, ckpt, { configHash: ckpt.meta.configHash, runId: ckpt.meta.runId });
}

describe('universality analyses on family-tree runs', () => {
  const runs: string[] = [];
  let copy = '';

  before(async () => {
    await initBackend('wasm');
    for (const seed of [1, 2]) {
      const r = await startRun({ config: treeConfig(seed), outRoot: out });
      assert.equal(r.status, 'done');
      runs.push(r.runDir);
    }
    copy = path.join(out, 'affine-copy');
    affineCopy(runs[0], copy);
  });

  it('fits the tiny tree (the analyses below read trained models)', () => {
    assert.equal(readManifest(runs[0]).final?.trainAcc, 1);
  });

  it('gives layers × layers CKA with unit diagonal, symmetry and a permutation null', async () => {
    const r = await analyzeCkaLayers(runs[0], { permutations: 19, split: 'all' });
    assert.deepEqual(r.layers, ['embed', 'hidden.0', 'hidden.1', 'logits']);
    assert.deepEqual(
      r.steps.map((s) => s.step),
      listCheckpoints(runs[0]),
    );
    for (const { matrix } of r.steps) {
      matrix.values.forEach((row, i) => {
        assert.ok(Math.abs(row[i] - 1) < 1e-9, `diagonal ${row[i]}`);
        row.forEach((v, j) => assert.ok(Math.abs(v - matrix.values[j][i]) < 1e-9));
      });
      assert.equal(matrix.nulls?.[0][1].permutations, 19);
    }
    const last = r.steps.at(-1)!.matrix;
    // Neighbouring layers of a trained network are far more similar than chance.
    assert.ok(last.nulls![1][2].pValue <= 0.05, `p = ${last.nulls![1][2].pValue}`);
    for (const l of r.acrossCheckpoints) {
      assert.ok(Math.abs((l.values.at(-1) as number) - 1) < 1e-9, `${l.layer} against itself`);
    }
    assert.equal(r.steps[0].points.length, 4);
    assert.equal(r.examples.length, r.inputSet.n);
  });

  it('finds CKA 1 between a run and its rotated, scaled, shifted copy, and less across seeds', async () => {
    const same = await analyzeCkaRuns([runs[0], copy], 'embedding');
    assert.ok(Math.abs(same.matrix.values[0][1] - 1) < 1e-5, `${same.matrix.values[0][1]}`);
    const seeds = await analyzeCkaRuns(runs, 'embedding', { estimator: 'debiased' });
    assert.ok(seeds.matrix.values[0][1] < 0.999);
    const hidden = await analyzeCkaRuns([runs[0], copy], 'hidden.0');
    assert.ok(Math.abs(hidden.matrix.values[0][1] - 1) < 1e-4, 'hidden layers are unchanged');
  });

  it('recovers the original accuracy by stitching into the affine copy; controls stay below', async () => {
    const r = await analyzeStitching(runs[0], copy, { embeddingOnly: true, steps: 50 });
    const cell = r.forward.cells[0];
    assert.equal(cell.fromLayer, 'embedding');
    const own = r.forward.to.balancedAccuracy;
    assert.ok(Math.abs(own - r.forward.from.balancedAccuracy) < 1e-3, 'the copy computes the same');
    assert.ok(
      Math.abs(cell.regression.balancedAccuracy - own) < 1e-3,
      `${cell.regression.balancedAccuracy} vs ${own}`,
    );
    assert.ok(cell.task.balancedAccuracy >= own - 0.02, `${cell.task.balancedAccuracy} vs ${own}`);
    assert.ok(cell.task.normalized > 0.95);
    assert.ok(cell.controls.shuffled.balancedAccuracy < cell.task.balancedAccuracy - 0.05);
    assert.ok(cell.controls.random.balancedAccuracy < cell.task.balancedAccuracy - 0.05);
    assert.ok(cell.controls.personHeldOut !== undefined);
    assert.ok(Number.isFinite(r.symmetric));
  });

  it('summarises a sweep of seeds into one starvation cell', async () => {
    const sweepDir = path.join(out, 'sweep');
    fs.mkdirSync(sweepDir);
    const index = {
      formatVersion: manifestFormatVersion,
      sweepId: 's1',
      experiment: 'tree',
      createdAt: new Date().toISOString(),
      parallel: 1,
      runs: runs.map((runDir, i) => ({
        index: i,
        seed: i + 1,
        overrides: { 'model.hidden': [24, 24] },
        status: 'done',
        runDir,
      })),
    };
    fs.writeFileSync(path.join(sweepDir, 'sweep.json'), JSON.stringify(index));
    const r = await analyzeStarvation(sweepDir, { stitchingSteps: 20 });
    assert.equal(r.cells.length, 1);
    const [cell] = r.cells;
    assert.equal(cell.width, 24);
    assert.equal(cell.depth, 2);
    assert.equal(cell.testAccuracy.runs, 2);
    assert.equal(cell.converged, 2);
    assert.ok(cell.stepsTo100.mean > 0 && cell.stepsTo100.mean <= 400);
    assert.ok(cell.crossSeedCka !== undefined && cell.crossSeedCka.linear.runs === 1);
    assert.equal(cell.crossSeedStitching?.runs, 2);
    assert.equal(r.budget, 400);
  });
});
