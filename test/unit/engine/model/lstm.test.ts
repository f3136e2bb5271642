import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../../src/engine/backend';
import { nextTokenLogits } from '../../../../src/engine/model/sequence';
import { createModel } from '../../../../src/engine/model/registry';
import { createRng } from '../../../../src/engine/rng';
import type { PairDataset } from '../../../../src/engine/tasks/types';
import type { ModelConfig } from '../../../../src/shared/experimentConfig';
import {
  A,
  B,
  EOS,
  PAD,
  SOS,
  anbn,
  build,
  disposeModel,
  fixtureDataset,
  loadFixture,
  loadTorchWeights,
  logitsOf,
  lossAndGrads,
  maxAbsDiff,
  sequences,
  adamwLosses,
} from './sequenceModelHelpers';

const small: ModelConfig = { kind: 'lstm', embedDim: 6, hidden: 8, layers: 2, dropout: 0.4 };
const V = 5;

describe('lstm', () => {
  before(async () => {
    await initBackend('wasm');
  });

  it('names its parameters as PyTorch nn.LSTM state_dict keys', () => {
    const model = build(small, sequences([anbn(2, 8)]));
    assert.deepEqual(
      model.params.map((p) => [p.name, p.variable.shape, p.storedTransposed]),
      [
        ['embedding.weight', [5, 6], false],
        ['lstm.weight_ih_l0', [6, 32], true],
        ['lstm.weight_hh_l0', [8, 32], true],
        ['lstm.bias_ih_l0', [32], false],
        ['lstm.bias_hh_l0', [32], false],
        ['lstm.weight_ih_l1', [8, 32], true],
        ['lstm.weight_hh_l1', [8, 32], true],
        ['lstm.bias_ih_l1', [32], false],
        ['lstm.bias_hh_l1', [32], false],
        ['head.weight', [8, 5], true],
        ['head.bias', [5], false],
      ],
    );
    assert.deepEqual(model.layerNames, ['embed', 'layers.0', 'layers.1', 'logits']);
    disposeModel(model);
  });

  it('draws every LSTM weight and bias from U(±1/√hidden)', () => {
    const model = build({ ...small, hidden: 64 }, sequences([anbn(2, 8)]));
    for (const p of model.params.filter((q) => q.name.startsWith('lstm.'))) {
      const x = p.variable.dataSync() as Float32Array;
      const maxAbs = x.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      assert.ok(maxAbs <= 1 / 8 && maxAbs > 0.95 / 8, `${p.name}: ${maxAbs}`);
    }
    disposeModel(model);
  });

  it('needs a sequence dataset', () => {
    const rngs = { embedding: createRng(1), mlp: createRng(2) };
    const pairs = { kind: 'pairs' } as PairDataset;
    assert.throws(() => createModel(small, pairs, rngs), /lstm model needs a sequence task/);
  });

  it("matches PyTorch's logits at every position (≤ 1e-4), loss and gradients (≤ 1e-5)", () => {
    const fixture = loadFixture();
    const c = fixture.cases.find((x) => x.name === 'lstm')!;
    const ds = fixtureDataset(fixture);
    const model = build(c.config, ds);
    loadTorchWeights(model, c.params);
    const diff = maxAbsDiff(logitsOf(model, ds, [0, 1, 2]), c.logits.data);
    assert.ok(diff <= 1e-4, `logits max |diff| ${diff}`);
    const { loss, grads } = lossAndGrads(model, ds);
    assert.ok(Math.abs(loss - c.loss) <= 1e-5, `loss ${loss} vs ${c.loss}`);
    for (const [name, g] of grads) {
      const d = maxAbsDiff(g, c.params[name].grad);
      assert.ok(d <= 1e-5, `${name}: max |diff| ${d}`);
    }
    disposeModel(model);
  });

  it('is causal and unaffected by padding after the sequence (≤ 1e-6)', () => {
    const ds = sequences([
      [SOS, A, A, B, B, EOS, PAD, PAD],
      [SOS, A, A, A, B, EOS, PAD, PAD],
    ]);
    const long = sequences([[SOS, A, A, B, B, EOS, PAD, PAD, PAD, PAD, PAD]]);
    const model = build(small, ds);
    const [la, lb] = [logitsOf(model, ds, [0]), logitsOf(model, ds, [1])];
    assert.ok(maxAbsDiff(la.subarray(0, 3 * V), lb.subarray(0, 3 * V)) <= 1e-6);
    assert.ok(maxAbsDiff(la.subarray(3 * V, 4 * V), lb.subarray(3 * V, 4 * V)) > 1e-4);
    const ll = logitsOf(model, long, [0]);
    assert.ok(maxAbsDiff(la, ll.subarray(0, la.length)) <= 1e-6);
    disposeModel(model);
  });

  it('applies dropout between layers only in training, deterministically per seed', () => {
    const ds = sequences([anbn(2, 8), anbn(3, 8)]);
    const model = build(small, ds);
    const evalA = logitsOf(model, ds, [0, 1]);
    const s1 = logitsOf(model, ds, [0, 1], { training: true, seed: 1 });
    const s2 = logitsOf(model, ds, [0, 1], { training: true, seed: 2 });
    assert.deepEqual(s1, logitsOf(model, ds, [0, 1], { training: true, seed: 1 }));
    assert.ok(maxAbsDiff(s1, s2) > 1e-4);
    assert.deepEqual(evalA, logitsOf(model, ds, [0, 1], { training: false, seed: 1 }));
    disposeModel(model);
    const one = build({ ...small, layers: 1 }, ds);
    // a single layer has no dropout site
    assert.deepEqual(
      logitsOf(one, ds, [0, 1], { training: true, seed: 3 }),
      logitsOf(one, ds, [0, 1]),
    );
    disposeModel(one);
  });

  it('captures each layer as [B·(T−1), width] and gives next-token logits of prefixes', () => {
    const ds = sequences([anbn(2, 8), anbn(1, 8)]);
    const model = build(small, ds);
    tf.tidy(() => {
      const batch = model.batch(ds, Int32Array.from([0, 1]));
      const { activations } = model.forward(batch, model.layerNames);
      assert.deepEqual(activations.get('embed')?.shape, [14, 6]);
      assert.deepEqual(activations.get('layers.1')?.shape, [14, 8]);
      assert.deepEqual(activations.get('logits')?.shape, [14, 5]);
    });
    const full = logitsOf(model, ds, [0, 1]);
    const next = nextTokenLogits(model, Int32Array.from([SOS, A, A, SOS, A, B]), 2, 3);
    assert.ok(maxAbsDiff(next.subarray(0, V), full.subarray(2 * V, 3 * V)) <= 1e-6);
    assert.ok(maxAbsDiff(next.subarray(V), full.subarray(9 * V, 10 * V)) <= 1e-6);
    disposeModel(model);
  });

  it('learns a repeated sequence with AdamW (weighted loss decreases), without leaking', () => {
    const ds = sequences([anbn(2, 8), anbn(2, 8), anbn(1, 8)]);
    const model = build({ ...small, dropout: 0 }, ds);
    const losses = adamwLosses(model, ds, 40, 0.02);
    assert.ok(losses[39] < 0.5 * losses[0], `losses ${losses[0]} → ${losses[39]}`);
    disposeModel(model);
  });
});
