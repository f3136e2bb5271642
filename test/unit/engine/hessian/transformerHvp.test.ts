import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../../src/engine/backend';
import { exactHvp, finiteDifferenceHvp } from '../../../../src/engine/hessian/hvp';
import { modelLossFn, trainableVariables } from '../../../../src/engine/hessian/loss';
import { recordedHvp } from '../../../../src/engine/hessian/recordedHvp';
import {
  type RecordedOp,
  enableSecondOrderGradients,
  firstOrderOnlyOps,
} from '../../../../src/engine/hessian/secondOrder';
import { dot } from '../../../../src/engine/hessian/vectors';
import type { Model, ModelBatch } from '../../../../src/engine/model/types';
import { crossEntropy } from '../../../../src/engine/train/loss';
import type { ModelConfig } from '../../../../src/shared/experimentConfig';
import { anbn, build, sequences } from '../model/sequenceModelHelpers';
import {
  assertMatchesReference,
  disposeBatch,
  disposeModel,
  fromTorchLayout,
  randomVector,
  relativeError,
} from './hessianHelpers';

/** A transformer's H·v by PyTorch double backward (make_hvp_fixture.py, "transformerCases"). */
interface TransformerCase {
  name: string;
  model: ModelConfig;
  rows: number[][];
  params: Record<string, { shape: number[]; data: number[] }>;
  v: Record<string, number[]>;
  loss: number;
  grad: Record<string, number[]>;
  hv: Record<string, number[]>;
}

function transformerCases(): TransformerCase[] {
  const file = path.join(__dirname, '..', '..', '..', 'fixtures', 'numeric', 'hvp.json');
  const json = JSON.parse(readFileSync(file, 'utf8')) as { transformerCases: TransformerCase[] };
  return json.transformerCases;
}

/** The fixture's model with its weights, and a batch of all its rows. */
function fixtureModel(c: TransformerCase): { model: Model; batch: ModelBatch } {
  const ds = sequences(c.rows);
  const model = build(c.model, ds);
  for (const p of model.params) {
    const stored = c.params[p.name];
    tf.tidy(() => {
      const t = tf.tensor(stored.data, stored.shape);
      p.variable.assign(p.storedTransposed ? tf.transpose(t) : t);
    });
  }
  return { model, batch: model.batch(ds, ds.train) };
}

interface Engine {
  state: { activeTape: (RecordedOp & { saved?: tf.Tensor[] })[] | null };
  startTape(): void;
  endTape(): void;
}

/**
 * Runs `fn` with `depth` tapes open, as the forward pass of a gradient runs inside `depth − 1`
 * enclosing ones; returns its result and the first-order-only ops recorded, then frees the tape.
 */
function underTapes<T>(depth: number, fn: () => T): { result: T; unsafe: string[] } {
  const engine = tf.engine() as unknown as Engine;
  for (let i = 0; i < depth; i++) {
    engine.startTape();
  }
  try {
    const result = fn();
    return { result, unsafe: firstOrderOnlyOps(engine.state.activeTape ?? []) };
  } finally {
    for (let i = 0; i < depth; i++) {
      engine.endTape();
    }
    (engine.state.activeTape ?? []).forEach((node) => tf.dispose(node.saved ?? []));
    engine.state.activeTape = null;
  }
}

/** The loss and its gradient (flat) as computed with `outer` enclosing tapes open. */
function lossAndGradient(
  lossFn: () => tf.Scalar,
  params: tf.Variable[],
  outer: number,
): { loss: number; grad: Float64Array } {
  return underTapes(outer, () => {
    const { value, grads } = tf.variableGrads(lossFn, params);
    const grad = Float64Array.from(params.flatMap((p) => Array.from(grads[p.name].dataSync())));
    const loss = value.dataSync()[0];
    tf.dispose([value, ...Object.values(grads)]);
    return { loss, grad };
  }).result;
}

/** Training-mode loss and gradients (dropout on, seeded) of the fixture models. */
function trainingResults(cases: TransformerCase[]): Float32Array[] {
  return cases.flatMap((c) => {
    const { model, batch } = fixtureModel(c);
    const vars = model.params.map((p) => p.variable);
    const { value, grads } = tf.variableGrads(() => {
      const { logits } = model.forward(batch, [], { training: true, seed: 5 });
      return crossEntropy(logits, batch.targets, batch.weights);
    }, vars);
    const out = [value, ...vars.map((v) => grads[v.name])].map((t) => t.dataSync() as Float32Array);
    tf.dispose([value, ...Object.values(grads)]);
    disposeBatch(batch);
    disposeModel(model);
    return out;
  });
}

describe('exact HVP of the transformer', () => {
  const cases = transformerCases();
  before(async () => {
    await initBackend('wasm');
  });

  it('leaves training losses and gradients bit-identical once second-order gradients are on', () => {
    assert.equal(tf.getGradient('Softmax')?.inputsToSave, undefined, 'stock gradients first');
    const stock = trainingResults(cases);
    enableSecondOrderGradients();
    const after = trainingResults(cases);
    assert.equal(after.length, stock.length);
    stock.forEach((s, i) => assert.deepEqual(after[i], s, `array ${i}`));
  });

  for (const c of cases) {
    it(`${c.name}: loss, gradient and H·v against PyTorch (float64 reference)`, () => {
      const { model, batch } = fixtureModel(c);
      const lossFn = modelLossFn(model, batch);
      const params = trainableVariables(model);
      const expectedGrad = fromTorchLayout(model, c.grad);
      // Fast path (no enclosing tape) and second-order path (one): measured 2e-7 and 1.4e-7.
      for (const outer of [0, 1]) {
        const { loss, grad } = lossAndGradient(lossFn, params, outer);
        assert.ok(Math.abs(loss - c.loss) < 1e-6 * c.loss, `loss ${loss} vs ${c.loss}`);
        const err = relativeError(grad, expectedGrad);
        assert.ok(err < 1e-5, `gradient relative error ${err} (${outer} enclosing tapes)`);
      }
      const v = fromTorchLayout(model, c.v);
      const before = tf.memory().numTensors;
      const hv = exactHvp(lossFn, params).apply(v);
      const recorded = recordedHvp(lossFn, params);
      assert.deepEqual(recorded.apply(v), hv, 'recordedHvp gives the same product, bit for bit');
      recorded.dispose();
      assert.equal(tf.memory().numTensors, before, 'no tensor leaks');
      // float32 against float64: measured 3.0e-7 (post-norm) and 2.0e-7 (pre-norm); with the
      // fused LayerNorm's first-order gradient on the tape instead it would be 0.5 and 0.2.
      assertMatchesReference(hv, fromTorchLayout(model, c.hv));
      disposeBatch(batch);
      disposeModel(model);
    });
  }

  it('takes the ordinary ops only under a higher-order recording, with the same loss', () => {
    const { model, batch } = fixtureModel(cases[0]);
    const lossFn = modelLossFn(model, batch);
    const params = trainableVariables(model);
    const forward = (depth: number): { result: number; unsafe: string[] } =>
      underTapes(depth, () => tf.tidy(() => lossFn().dataSync()[0]));
    const [first, second] = [forward(1), forward(2)];
    assert.equal(second.result, first.result, 'the same kernels, bit-identical loss');
    assert.deepEqual(first.unsafe.sort(), [
      'a tf.customGrad function with output [36, 8]',
      'a tf.customGrad function with output [4, 2, 9, 9]',
    ]);
    assert.deepEqual(second.unsafe, [], 'nothing first-order-only on a higher-order tape');
    const fast = lossAndGradient(lossFn, params, 0);
    const plain = lossAndGradient(lossFn, params, 1);
    const err = relativeError(plain.grad, fast.grad);
    // The two written-out gradients round differently: measured 8.7e-8.
    assert.ok(err > 0 && err < 1e-6, `gradient difference ${err}`);
    disposeBatch(batch);
    disposeModel(model);
  });

  it('is symmetric and agrees with central differences on a freshly initialised model', () => {
    const ds = sequences([anbn(1, 8), anbn(2, 8), anbn(3, 8)]);
    const config: ModelConfig = {
      kind: 'transformer',
      dModel: 8,
      heads: 2,
      layers: 1,
      dFF: 16,
      dropout: 0.1,
      layerNormEps: 1e-5,
      norm: 'post',
    };
    const model = build(config, ds);
    const batch = model.batch(ds, ds.train);
    const lossFn = modelLossFn(model, batch);
    const params = trainableVariables(model);
    const op = exactHvp(lossFn, params);
    assert.equal(op.method, 'exact');
    const [u, v] = [randomVector(op.dim, 1), randomVector(op.dim, 2)];
    const [hu, hv] = [op.apply(u), op.apply(v)];
    const [uHv, vHu] = [dot(u, hv), dot(v, hu)];
    // measured |uᵀHv − vᵀHu| = 4e-7 for uᵀHv ≈ −8.8
    assert.ok(Math.abs(uHv - vHu) < 1e-5 * Math.abs(uHv), `uᵀHv ${uHv} vs vᵀHu ${vHu}`);
    // measured 8e-5 at h = 0.01 (6e-3 at h = 0.1 from h², 1.2e-3 at h = 3e-4 from float32 noise)
    const fd = finiteDifferenceHvp(lossFn, params, 0.01).apply(v);
    const err = relativeError(fd, hv);
    assert.ok(err < 1e-3, `finite differences differ by ${err}`);
    disposeBatch(batch);
    disposeModel(model);
  });
});
