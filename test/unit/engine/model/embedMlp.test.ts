import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../../src/engine/backend';
import { createModel } from '../../../../src/engine/model/registry';
import { createRng } from '../../../../src/engine/rng';
import { buildDataset } from '../../../../src/engine/tasks/registry';
import { experimentConfigSchema } from '../../../../src/shared/experimentConfig';

function setup(model: object) {
  const config = experimentConfigSchema.parse({ task: { kind: 'modular-addition', p: 11 }, model });
  const dataset = buildDataset(config.task, createRng(0));
  if (dataset.kind !== 'pairs') {
    throw new Error('modular addition builds pairs');
  }
  const m = createModel(config.model, dataset, { embedding: createRng(1), mlp: createRng(2) });
  return { dataset, model: m, dispose: () => tf.dispose(m.params.map((p) => p.variable)) };
}

const stats = (x: Float32Array): { mean: number; std: number; maxAbs: number } => {
  const mean = x.reduce((s, v) => s + v, 0) / x.length;
  const std = Math.sqrt(x.reduce((s, v) => s + (v - mean) ** 2, 0) / x.length);
  return { mean, std, maxAbs: x.reduce((s, v) => Math.max(s, Math.abs(v)), 0) };
};

describe('embed-mlp', () => {
  before(async () => {
    await initBackend('wasm');
  });

  it('names its parameters and layers, holding linear weights as [in, out]', () => {
    const { model, dispose } = setup({ kind: 'embed-mlp', embedDim: 8, hidden: [6, 5] });
    assert.deepEqual(
      model.params.map((p) => [p.name, p.variable.shape]),
      [
        ['embedding.weight', [11, 8]],
        ['layers.0.weight', [16, 6]],
        ['layers.0.bias', [6]],
        ['layers.1.weight', [6, 5]],
        ['layers.1.bias', [5]],
        ['layers.2.weight', [5, 11]],
        ['layers.2.bias', [11]],
      ],
    );
    assert.deepEqual(model.layerNames, ['embed', 'hidden.0', 'hidden.1', 'logits']);
    dispose();
  });

  it('draws the embedding from N(0, σ²) and linear layers from U(±1/√fan_in)', () => {
    const { model, dispose } = setup({
      kind: 'embed-mlp',
      embedDim: 400,
      hidden: [300],
      embedInitStd: 2,
    });
    const e = stats(model.params[0].variable.dataSync() as Float32Array);
    assert.ok(Math.abs(e.mean) < 0.05 && Math.abs(e.std - 2) < 0.05, JSON.stringify(e));
    const w = stats(model.params[1].variable.dataSync() as Float32Array);
    const bound = 1 / Math.sqrt(800);
    assert.ok(w.maxAbs <= bound && w.maxAbs > 0.99 * bound, JSON.stringify(w));
    assert.ok(Math.abs(w.std - bound / Math.sqrt(3)) < 0.01 * bound, 'uniform std is bound/√3');
    dispose();
  });

  it('captures each named layer with its width, and the logits equal the last capture', () => {
    const { dataset, model, dispose } = setup({
      kind: 'embed-mlp',
      embedDim: 8,
      hidden: [6],
      combine: 'concat',
    });
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const batch = model.batch(dataset, dataset.train.slice(0, 7));
      const { logits, activations } = model.forward(batch, model.layerNames);
      assert.deepEqual(activations.get('embed')?.shape, [7, 16]);
      assert.deepEqual(activations.get('hidden.0')?.shape, [7, 6]);
      assert.deepEqual(logits.shape, [7, 11]);
      assert.equal(activations.get('logits'), logits);
      // the concatenated embedding is [E[a], E[b]] for every example
      const E = model.params[0].variable.arraySync() as number[][];
      const emb = activations.get('embed')!.arraySync();
      const i = dataset.train[3];
      const expected = [...E[dataset.a[i]], ...E[dataset.b[i]]];
      emb[3].forEach((v, j) => assert.ok(Math.abs(v - expected[j]) < 1e-6));
    });
    assert.equal(tf.memory().numTensors, before);
    dispose();
  });

  it('sums the two token embeddings when combine is "sum"', () => {
    const { dataset, model, dispose } = setup({
      kind: 'embed-mlp',
      embedDim: 8,
      hidden: [6],
      combine: 'sum',
    });
    tf.tidy(() => {
      const batch = model.batch(dataset, dataset.test.slice(0, 4));
      const emb = model.forward(batch, ['embed']).activations.get('embed')!.arraySync();
      const E = model.params[0].variable.arraySync() as number[][];
      const i = dataset.test[2];
      emb[2].forEach((v, j) =>
        assert.ok(Math.abs(v - (E[dataset.a[i]][j] + E[dataset.b[i]][j])) < 1e-5),
      );
    });
    dispose();
  });
});
