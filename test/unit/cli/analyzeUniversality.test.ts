import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import type {
  CkaMatrix,
  StarvationResult,
  StitchingResult,
} from '../../../src/shared/universalityResults';
import { replens, replensResult, requireBuild } from '../../helpers/cli';
import { tempDir } from '../../helpers/runs';

const dir = tempDir();

/** A 15-person family tree over two seeds and two decoder sizes: four runs of about a second. */
const sweepConfig = {
  name: 'tree-sweep',
  task: { kind: 'family-tree', generations: 4, children: 2 },
  model: { kind: 'embed-mlp', embedDim: 4, embedInitStd: 0.5, hidden: [24, 24] },
  train: { steps: 300, logEvery: 20, optimizer: { lr: 0.01, weightDecay: 0.01 } },
  checkpoints: { every: 150, logSpaced: 0 },
  sweep: { seeds: [0, 1], grid: { 'model.hidden': [[8], [24, 24]] }, parallel: 1 },
};

const json = <T>(args: string[]): T => replensResult<T>(args);

describe('replens analyze cka|stitching|starvation', () => {
  let sweepDir = '';
  let runs: string[] = [];
  before(() => {
    requireBuild();
    const file = path.join(dir, 'tree.replens.json');
    fs.writeFileSync(file, JSON.stringify(sweepConfig));
    const r = replens(['sweep', file, '--out', path.join(dir, 'runs'), '--json']);
    assert.equal(r.code, 0, r.stderr);
    sweepDir = (JSON.parse(r.stdout) as { sweepDir: string }).sweepDir;
    const index = JSON.parse(fs.readFileSync(path.join(sweepDir, 'sweep.json'), 'utf8')) as {
      runs: { runDir: string }[];
    };
    runs = index.runs.map((x) => x.runDir);
  });

  it('prints layers × layers CKA of a run, with p-values when asked for permutations', () => {
    const r = json<{ layers: string[]; matrix: CkaMatrix; checkpoints: unknown[] }>([
      'analyze',
      'cka',
      runs[0],
      '--estimator',
      'debiased',
      '--permutations',
      '9',
      '--split',
      'all',
    ]);
    assert.deepEqual(r.layers, ['embed', 'hidden.0', 'logits']);
    assert.equal(r.checkpoints.length, 3);
    r.matrix.values.forEach((row, i) => assert.ok(Math.abs(row[i] - 1) < 1e-9));
    assert.equal(r.matrix.nulls?.[0][1].permutations, 9);
    const text = replens(['analyze', 'cka', runs[0]]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /linear CKA between layers at step 300/);
  });

  it('compares the runs of a sweep at the embedding', () => {
    const r = json<{ runs: { label: string }[]; matrix: CkaMatrix; layer: string }>([
      'analyze',
      'cka',
      sweepDir,
    ]);
    assert.equal(r.layer, 'embedding');
    assert.equal(r.runs.length, 4);
    assert.match(r.runs[0].label, /seed \d/);
    assert.equal(r.matrix.values.length, 4);
  });

  it('stitches two seeds with the controls beside the score', () => {
    const sameSize = [runs[2], runs[3]];
    const r = json<StitchingResult>([
      'analyze',
      'stitching',
      ...sameSize,
      '--embedding-only',
      '--steps',
      '30',
    ]);
    const [cell] = r.forward.cells;
    assert.equal(r.forward.cells.length, 1);
    assert.ok(cell.task.balancedAccuracy > cell.controls.shuffled.balancedAccuracy);
    assert.ok(
      cell.controls.random.balancedAccuracy >= 0 && cell.controls.random.balancedAccuracy <= 1,
    );
    assert.equal(r.steps, 30);
    assert.equal(r.backward.from.runDir, sameSize[1]);
  });

  it('summarises the sweep by decoder size', () => {
    const r = json<StarvationResult>([
      'analyze',
      'starvation',
      sweepDir,
      '--stitching-steps',
      '10',
    ]);
    assert.deepEqual(r.axes.width, [8, 24]);
    assert.deepEqual(
      r.cells.map((c) => c.testAccuracy.runs),
      [2, 2],
    );
    assert.ok(r.cells.every((c) => c.crossSeedCka !== undefined));
  });

  it('rejects bad input with exit code 2 and a reason', () => {
    const bad = replens(['analyze', 'cka', runs[0], '--estimator', 'cosine']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--estimator "cosine": expected linear, rbf, debiased/);
    const notSweep = replens(['analyze', 'starvation', runs[0]]);
    assert.equal(notSweep.code, 2);
    assert.match(notSweep.stderr, /not a sweep folder/);
    const one = replens(['analyze', 'stitching', runs[0]]);
    assert.equal(one.code, 2);
    assert.match(one.stderr, /needs two run folders/);
  });
});
