import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { allocate } from '../../../../../src/engine/analysis/polca/allocation';
import { randomBasis } from '../../../../../src/engine/analysis/polca/basis';
import {
  along,
  readParams,
  writeParams,
} from '../../../../../src/engine/analysis/polca/paramVector';
import { countedRows, rowLosses } from '../../../../../src/engine/analysis/polca/tokenLosses';
import { initBackend } from '../../../../../src/engine/backend';
import { createModel } from '../../../../../src/engine/model/registry';
import type { Model, ModelBatch } from '../../../../../src/engine/model/types';
import { createRng } from '../../../../../src/engine/rng';
import { buildDataset } from '../../../../../src/engine/tasks/registry';
import { experimentConfigSchema } from '../../../../../src/shared/experimentConfig';

/** A 67-parameter SiLU embed-mlp on modular addition mod 5 (all 25 pairs). */
function tinyModel(): { model: Model; batch: ModelBatch; vars: tf.Variable[] } {
  const config = experimentConfigSchema.parse({
    task: { kind: 'modular-addition', p: 5 },
    model: { kind: 'embed-mlp', embedDim: 2, hidden: [6], activation: 'silu' },
  });
  const dataset = buildDataset(config.task, createRng(0));
  const model = createModel(config.model, dataset, { embedding: createRng(1), mlp: createRng(2) });
  const all = Int32Array.from({ length: 25 }, (_, i) => i);
  const batch = model.batch(dataset, all);
  return { model, batch, vars: model.params.map((p) => p.variable) };
}

describe('loss-change allocation', () => {
  let m: ReturnType<typeof tinyModel>;
  before(async () => {
    await initBackend('wasm');
    m = tinyModel();
  });
  after(() => tf.dispose([...m.vars, ...m.batch.inputs, m.batch.labels, m.batch.targets]));

  const lossAt = (theta: Float64Array): Float64Array => {
    writeParams(m.vars, theta);
    return rowLosses(m.model, m.batch, countedRows(m.batch));
  };

  it('sums to the per-token loss change with a complete basis (path integral)', () => {
    const theta0 = readParams(m.vars);
    const dim = theta0.length;
    const step = randomBasis(dim, 1, 9)[0];
    const theta1 = along(theta0, 0.5, step);
    const basis = randomBasis(dim, dim, 3);
    const r = allocate([theta0, theta1], basis, lossAt, {
      method: 'path',
      h: 1e-2,
      simpsonIntervals: 4,
    });
    assert.equal(r.allocations[0].length, dim);
    assert.ok(r.residual < 1e-3, `relative residual ${r.residual}`);
    // Every token's change is explained, not only the total.
    const change = r.losses[1].map((l, v) => l - r.losses[0][v]);
    const explained = change.map((_, v) => r.allocations[0].reduce((s, a) => s + a[v], 0));
    const scale = Math.max(...change.map(Math.abs));
    change.forEach((c, v) => assert.ok(Math.abs(c - explained[v]) < 2e-3 * scale));
    writeParams(m.vars, theta0);
  });

  it('leaves the change outside a partial basis in the residual', () => {
    const theta0 = readParams(m.vars);
    const step = randomBasis(theta0.length, 1, 9)[0];
    const theta1 = along(theta0, 0.5, step);
    // A basis orthogonal to the step explains (almost) nothing.
    const others = randomBasis(theta0.length, 20, 4).map((b) => {
      const c = b.reduce((s, x, i) => s + x * step[i], 0);
      return b.map((x, i) => x - c * step[i]);
    });
    const r = allocate([theta0, theta1], others, lossAt, {
      method: 'taylor',
      h: 1e-2,
      simpsonIntervals: 2,
    });
    assert.ok(r.residual > 0.9, `residual ${r.residual}`);
    // Along the step itself the Taylor form explains nearly all of it.
    const own = allocate([theta0, theta1], [step], lossAt, {
      method: 'taylor',
      h: 1e-2,
      simpsonIntervals: 2,
    });
    assert.ok(own.residual < 0.05, `residual ${own.residual}`);
    writeParams(m.vars, theta0);
  });
});
