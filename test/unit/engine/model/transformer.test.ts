import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../../src/engine/backend';
import { sequenceLossWeights } from '../../../../src/engine/model/sequenceBatch';
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
  lossAndGrads,
  loadTorchWeights,
  logitsOf,
  maxAbsDiff,
  sequences,
  adamwLosses,
} from './sequenceModelHelpers';

const small: ModelConfig = {
  kind: 'transformer',
  dModel: 8,
  heads: 2,
  layers: 2,
  dFF: 16,
  dropout: 0.1,
  layerNormEps: 1e-5,
  norm: 'post',
};
const V = 5;

describe('transformer', () => {
  before(async () => {
    await initBackend('wasm');
  });

  it('names its parameters as PyTorch state_dict keys, linear weights held as [in, out]', () => {
    const model = build({ ...small, layers: 1 }, sequences([anbn(2, 8)]));
    assert.deepEqual(
      model.params.map((p) => [p.name, p.variable.shape, p.storedTransposed]),
      [
        ['embedding.weight', [5, 8], false],
        ['layers.0.self_attn.in_proj_weight', [8, 24], true],
        ['layers.0.self_attn.in_proj_bias', [24], false],
        ['layers.0.self_attn.out_proj.weight', [8, 8], true],
        ['layers.0.self_attn.out_proj.bias', [8], false],
        ['layers.0.linear1.weight', [8, 16], true],
        ['layers.0.linear1.bias', [16], false],
        ['layers.0.linear2.weight', [16, 8], true],
        ['layers.0.linear2.bias', [8], false],
        ['layers.0.norm1.weight', [8], false],
        ['layers.0.norm1.bias', [8], false],
        ['layers.0.norm2.weight', [8], false],
        ['layers.0.norm2.bias', [8], false],
        ['head.weight', [8, 5], true],
        ['head.bias', [5], false],
      ],
    );
    assert.deepEqual(model.layerNames, ['embed', 'layers.0', 'logits']);
    disposeModel(model);
  });

  it('initialises like PyTorch, every block a copy of the first (nn.TransformerEncoder)', () => {
    const model = build({ ...small, dModel: 64, heads: 4, dFF: 128 }, sequences([anbn(2, 8)]));
    const get = (n: string): Float32Array =>
      model.params.find((p) => p.name === n)!.variable.dataSync() as Float32Array;
    const maxAbs = (x: Float32Array): number => x.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    const xavier = Math.sqrt(6 / (64 + 192));
    const inProj = maxAbs(get('layers.0.self_attn.in_proj_weight'));
    assert.ok(inProj <= xavier && inProj > 0.98 * xavier, `in_proj ${inProj} vs ${xavier}`);
    assert.equal(maxAbs(get('layers.0.self_attn.in_proj_bias')), 0);
    assert.equal(maxAbs(get('layers.0.self_attn.out_proj.bias')), 0);
    const l1 = maxAbs(get('layers.0.linear1.bias'));
    assert.ok(l1 <= 1 / 8 && l1 > 0.9 / 8, `linear1 bias bound ${l1}`);
    assert.ok(get('layers.0.norm1.weight').every((v) => v === 1));
    assert.ok(get('layers.0.norm2.bias').every((v) => v === 0));
    const e = get('embedding.weight');
    const std = Math.sqrt(e.reduce((s, v) => s + v * v, 0) / e.length);
    assert.ok(Math.abs(std - 1) < 0.2, `embedding std ${std}`);
    assert.deepEqual(get('layers.1.linear2.weight'), get('layers.0.linear2.weight'));
    disposeModel(model);
  });

  it('rejects heads that do not divide dModel and datasets that are not sequences', () => {
    const ds = sequences([anbn(1, 5)]);
    assert.throws(
      () => build({ ...small, dModel: 10, heads: 4 }, ds),
      /heads \(4\).*dModel \(10\)/,
    );
    const pairs = { kind: 'pairs' } as PairDataset;
    const rngs = { embedding: createRng(1), mlp: createRng(2) };
    assert.throws(() => createModel(small, pairs, rngs), /transformer model needs a sequence task/);
  });

  for (const name of ['transformer-post', 'transformer-pre']) {
    it(`matches PyTorch's logits at every position (${name}, ≤ 1e-4)`, () => {
      const fixture = loadFixture();
      const c = fixture.cases.find((x) => x.name === name)!;
      const ds = fixtureDataset(fixture);
      const model = build(c.config, ds);
      loadTorchWeights(model, c.params);
      const logits = logitsOf(model, ds, [0, 1, 2]);
      assert.equal(logits.length, c.logits.rows * c.logits.cols);
      const diff = maxAbsDiff(logits, c.logits.data);
      assert.ok(diff <= 1e-4, `max |diff| ${diff}`);
      disposeModel(model);
    });

    it(`matches PyTorch's loss and gradients (${name}, ≤ 1e-5 abs)`, () => {
      const fixture = loadFixture();
      const c = fixture.cases.find((x) => x.name === name)!;
      const ds = fixtureDataset(fixture);
      const model = build(c.config, ds);
      loadTorchWeights(model, c.params);
      const { loss, grads } = lossAndGrads(model, ds);
      assert.ok(Math.abs(loss - c.loss) <= 1e-5, `loss ${loss} vs ${c.loss}`);
      for (const [pname, g] of grads) {
        const diff = maxAbsDiff(g, c.params[pname].grad);
        assert.ok(diff <= 1e-5, `${pname}: max |diff| ${diff}`);
      }
      disposeModel(model);
    });
  }

  it('is causal: a later token does not change earlier logits (≤ 1e-6)', () => {
    const a = [SOS, A, A, B, B, EOS, PAD, PAD];
    const b = [SOS, A, A, A, B, EOS, PAD, PAD];
    const ds = sequences([a, b]);
    const model = build(small, ds);
    const [la, lb] = [logitsOf(model, ds, [0]), logitsOf(model, ds, [1])];
    // positions 0..2 read only tokens 0..2, which agree; position 3 reads the differing token
    assert.ok(maxAbsDiff(la.subarray(0, 3 * V), lb.subarray(0, 3 * V)) <= 1e-6);
    assert.ok(maxAbsDiff(la.subarray(3 * V, 4 * V), lb.subarray(3 * V, 4 * V)) > 1e-3);
    disposeModel(model);
  });

  it('ignores PAD: extra padding and a different batch leave the non-PAD logits unchanged', () => {
    const short = sequences([anbn(2, 7), anbn(1, 7)]);
    const long = sequences([anbn(2, 11), anbn(3, 11)]);
    const model = build(small, short);
    const ls = logitsOf(model, short, [0]);
    const ll = logitsOf(model, long, [0, 1]);
    // row 0 reads SOS a a b b EOS (6 positions), the same in both batches
    assert.ok(maxAbsDiff(ls.subarray(0, 6 * V), ll.subarray(0, 6 * V)) <= 1e-5);
    disposeModel(model);
  });

  it('masks PAD keys: earlier PAD tokens do not change later logits; all-masked rows stay finite', () => {
    // Row 0 starts with PAD: its first queries see only masked keys (PyTorch gives NaN there).
    const ds = sequences([[PAD, PAD, SOS, A, B, EOS], anbn(1, 6)]);
    const model = build({ ...small, norm: 'pre' }, ds);
    const before = logitsOf(model, ds, [0, 1]);
    assert.ok(before.every((v) => Number.isFinite(v)));
    // Moving the PAD embedding changes nothing at the non-PAD positions 2..4 of row 0.
    const emb = model.params[0].variable;
    tf.tidy(() => emb.assign(tf.add(emb, tf.mul(tf.reshape(tf.oneHot([PAD], 5), [5, 1]), 3))));
    const after = logitsOf(model, ds, [0, 1]);
    assert.ok(maxAbsDiff(before.subarray(2 * V, 5 * V), after.subarray(2 * V, 5 * V)) <= 1e-5);
    assert.ok(maxAbsDiff(before.subarray(0, 2 * V), after.subarray(0, 2 * V)) > 1e-3);
    disposeModel(model);
  });

  it('weights count non-PAD targets from lossFrom, normalising ID and extra rows separately', () => {
    const ds = sequences([anbn(1, 6), anbn(2, 6), [SOS, A, A, B, B, EOS]], {
      lossFrom: [1, 1, 3],
      extra: [2],
    });
    const w = sequenceLossWeights(ds, Int32Array.from([0, 1, 2]));
    const P = 5;
    // row 0: targets a b EOS PAD PAD → 3 counted; row 1: a a b b EOS → 5 counted (ID: 8)
    assert.deepEqual(
      Array.from(w.subarray(0, P)),
      [1, 1, 1, 0, 0].map((x) => Math.fround(x / 8)),
    );
    assert.deepEqual(
      Array.from(w.subarray(P, 2 * P)),
      [1, 1, 1, 1, 1].map((x) => Math.fround(x / 8)),
    );
    // extra row: targets from position 3 on (b b EOS) → 3 counted, its own term
    assert.deepEqual(
      Array.from(w.subarray(2 * P)),
      [0, 0, 1, 1, 1].map((x) => Math.fround(x / 3)),
    );
    const only = sequenceLossWeights(ds, Int32Array.from([1]));
    assert.ok(Math.abs(only.reduce((s, v) => s + v, 0) - 1) < 1e-6);
    const model = build(small, ds);
    const batch = model.batch(ds, Int32Array.from([0, 1, 2]));
    assert.deepEqual(batch.inputs[0].shape, [3, 5]);
    assert.deepEqual(Array.from(batch.weights!.dataSync()), Array.from(w));
    assert.deepEqual(Array.from(batch.labels.dataSync().slice(0, 5)), [A, B, EOS, PAD, PAD]);
    tf.dispose([...batch.inputs, batch.labels, batch.targets, batch.weights!]);
    disposeModel(model);
  });

  it('applies dropout only in training, deterministically per seed', () => {
    const ds = sequences([anbn(2, 8), anbn(3, 8)]);
    const model = build({ ...small, dropout: 0.3 }, ds);
    const evalA = logitsOf(model, ds, [0, 1]);
    const evalB = logitsOf(model, ds, [0, 1], { training: false, seed: 9 });
    const s1 = logitsOf(model, ds, [0, 1], { training: true, seed: 1 });
    const s1again = logitsOf(model, ds, [0, 1], { training: true, seed: 1 });
    const s2 = logitsOf(model, ds, [0, 1], { training: true, seed: 2 });
    assert.deepEqual(evalA, evalB);
    assert.deepEqual(s1, s1again);
    assert.ok(maxAbsDiff(s1, s2) > 1e-3);
    assert.ok(maxAbsDiff(s1, evalA) > 1e-3);
    disposeModel(model);
    const noDrop = build({ ...small, dropout: 0 }, ds);
    const train0 = logitsOf(noDrop, ds, [0, 1], { training: true, seed: 1 });
    assert.deepEqual(train0, logitsOf(noDrop, ds, [0, 1]));
    disposeModel(noDrop);
  });

  it('captures embed, block outputs and logits as [B·(T−1), width]', () => {
    const ds = sequences([anbn(2, 8), anbn(1, 8)]);
    const model = build(small, ds);
    tf.tidy(() => {
      const batch = model.batch(ds, Int32Array.from([0, 1]));
      const { logits, activations } = model.forward(batch, model.layerNames);
      assert.deepEqual(activations.get('embed')?.shape, [14, 8]);
      assert.deepEqual(activations.get('layers.1')?.shape, [14, 8]);
      assert.equal(activations.get('logits'), logits);
    });
    disposeModel(model);
  });

  it('gives the last-position logits of prefixes through nextTokenLogits', () => {
    const ds = sequences([anbn(2, 8)]);
    const model = build(small, ds);
    const full = logitsOf(model, ds, [0]);
    const prefix = Int32Array.from([SOS, A, A, B]);
    const next = nextTokenLogits(model, prefix, 1, 4);
    assert.ok(maxAbsDiff(next, full.subarray(3 * V, 4 * V)) <= 1e-5);
    disposeModel(model);
  });

  it('learns a repeated sequence with AdamW (weighted loss decreases), without leaking', () => {
    const ds = sequences([anbn(2, 8), anbn(2, 8), anbn(1, 8)]);
    const model = build({ ...small, dropout: 0 }, ds);
    const losses = adamwLosses(model, ds, 30, 0.01);
    assert.ok(losses.every((l) => Number.isFinite(l)));
    assert.ok(losses[29] < 0.5 * losses[0], `losses ${losses[0]} → ${losses[29]}`);
    disposeModel(model);
  });
});
