import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { readParams, writeParams } from '../../../../../src/engine/analysis/polca/paramVector';
import { type PolcaRun, runPolca } from '../../../../../src/engine/analysis/polca/pipeline';
import { countedRows, rowLosses } from '../../../../../src/engine/analysis/polca/tokenLosses';
import { initBackend } from '../../../../../src/engine/backend';
import { exactHvp } from '../../../../../src/engine/hessian/hvp';
import { modelLossFn, trainableVariables } from '../../../../../src/engine/hessian/loss';
import type { PairDataset } from '../../../../../src/engine/tasks/types';
import { trainStep } from '../../../../../src/engine/train/loop';
import { createSession } from '../../../../../src/engine/train/session';
import { experimentConfigSchema } from '../../../../../src/shared/experimentConfig';

/** Output tokens 0..outputs−1, filler tokens after them. */
const outputs = 10;
const fillers = 30;
/** Skill 1 joins the training loss at this step, while skill 0 is still being learnt. */
const introduced = 50;
const steps = 600;
const every = 25;

/**
 * Two skills that share their outputs: "copy the first token" on pairs (y, filler) and "copy
 * the second token" on pairs (filler, y), both answering y. Every output-token group holds
 * `fillers` examples of each skill, so only how their losses change can tell them apart.
 */
function twoSkills(): { ds: PairDataset; skill: Int32Array } {
  const [a, b, labels, skill]: number[][] = [[], [], [], []];
  for (let y = 0; y < outputs; y++) {
    for (let u = outputs; u < outputs + fillers; u++) {
      a.push(y, u);
      b.push(u, y);
      labels.push(y, y);
      skill.push(0, 1);
    }
  }
  const all = Int32Array.from(a.keys());
  const ds: PairDataset = {
    kind: 'pairs',
    a: Int32Array.from(a),
    b: Int32Array.from(b),
    labels: Int32Array.from(labels),
    vocab: outputs + fillers,
    numClasses: outputs + fillers,
    train: all,
    test: new Int32Array(0),
    tokenLabels: {},
  };
  return { ds, skill: Int32Array.from(skill) };
}

/** Loss weights: uniform over skill 0 alone, or over both skills. */
function weights(skill: Int32Array, both: boolean): tf.Tensor1D {
  const w = Float32Array.from(skill, (s) => (both || s === 0 ? 1 : 0));
  const total = w.reduce((x, y) => x + y, 0);
  return tf.tensor1d(w.map((x) => x / total));
}

describe('POLCA on a two-skill mixture', () => {
  // The config gives the model's shape (vocabulary 40); the dataset is the mixture above.
  const config = experimentConfigSchema.parse({
    task: { kind: 'modular-addition', p: outputs + fillers },
    model: { kind: 'embed-mlp', embedDim: 8, hidden: [32], activation: 'silu' },
    train: { optimizer: { lr: 0.005, weightDecay: 0 }, seed: 1 },
  });
  const { ds, skill } = twoSkills();
  const aggregate: number[] = [];
  let run: PolcaRun;

  before(async () => {
    await initBackend('wasm');
    const session = createSession(config);
    const all = Int32Array.from(ds.labels.keys());
    const batch = session.model.batch(ds, all);
    const vars = trainableVariables(session.model);
    const [first, both] = [weights(skill, false), weights(skill, true)];
    const rows = countedRows(batch);
    const thetas: Float64Array[] = [];
    for (let step = 0; step <= steps; step++) {
      if (step % every === 0) {
        thetas.push(readParams(vars));
        aggregate.push(rowLosses(session.model, batch, rows).reduce((x, y) => x + y) / rows.length);
      }
      const w = step < introduced ? first : both;
      tf.dispose(trainStep(session, { ...batch, weights: w }, vars, 0.005, step));
    }
    tf.dispose([first, both]);
    run = await runPolca(
      {
        steps: thetas.map((_, i) => i * every),
        thetaAt: (i) => thetas[i],
        operatorAt: (i) => {
          writeParams(vars, thetas[i]);
          return exactHvp(modelLossFn(session.model, batch), vars);
        },
        lossAt: (theta) => {
          writeParams(vars, theta);
          return rowLosses(session.model, batch, rows);
        },
        groups: ds.labels,
        skill,
      },
      {
        basis: { k: 2, iterations: 20, order: 'algebraic', seed: 0 },
        allocation: { method: 'taylor', h: 1e-2, simpsonIntervals: 2 },
        minGroup: 10,
        features: 'increments',
        controls: true,
      },
    );
  });

  it('falls smoothly in aggregate: the mean loss never rises between checkpoints', () => {
    aggregate.slice(1).forEach((l, t) => {
      assert.ok(l <= aggregate[t], `mean loss rises from ${aggregate[t]} to ${l} at ${t + 1}`);
    });
    assert.ok(aggregate.at(-1)! < 0.05 * aggregate[0], `final loss ${aggregate.at(-1)}`);
  });

  it('separates the two skills (ARI > 0.8), better than the random basis of the same size', () => {
    assert.equal(run.polca.groups.length, outputs);
    assert.ok(run.polca.ari > 0.8, `POLCA ARI ${run.polca.ari}`);
    const random = run.randomBasis!.ari;
    assert.ok(run.polca.ari > random + 0.1, `POLCA ${run.polca.ari} vs random basis ${random}`);
  });
});
