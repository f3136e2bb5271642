import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../../src/engine/backend';
import { enableSecondOrderGradients } from '../../../../src/engine/hessian/secondOrder';
import type { Model, ModelBatch } from '../../../../src/engine/model/types';
import { crossEntropy } from '../../../../src/engine/train/loss';
import { anbn, build, sequences } from '../model/sequenceModelHelpers';
import {
  buildModel,
  disposeBatch,
  disposeModel,
  fullBatch,
  modularAddition,
} from './hessianHelpers';

/** Training loss and gradients (dropout on, fixed seed) of fresh copies of every model kind. */
function firstOrderResults(): Float32Array[] {
  const pairs = modularAddition(7);
  const seq = sequences([anbn(1, 8), anbn(2, 8), anbn(3, 8)]);
  const cases: [Model, ModelBatch][] = [];
  for (const activation of ['relu', 'silu', 'gelu']) {
    const m = buildModel({ kind: 'embed-mlp', embedDim: 4, hidden: [8, 6], activation }, pairs);
    cases.push([m, fullBatch(m, pairs)]);
  }
  const lstm = build({ kind: 'lstm', embedDim: 4, hidden: 6, layers: 2, dropout: 0.2 }, seq);
  const transformer = build(
    {
      kind: 'transformer',
      dModel: 8,
      heads: 2,
      layers: 2,
      dFF: 16,
      dropout: 0.1,
      layerNormEps: 1e-5,
      norm: 'pre',
    },
    seq,
  );
  cases.push([lstm, lstm.batch(seq, seq.train)], [transformer, transformer.batch(seq, seq.train)]);
  const out: Float32Array[] = [];
  for (const [model, batch] of cases) {
    const vars = model.params.map((p) => p.variable);
    const { value, grads } = tf.variableGrads(() => {
      const { logits } = model.forward(batch, [], { training: true, seed: 11 });
      return crossEntropy(logits, batch.targets, batch.weights);
    }, vars);
    out.push(
      value.dataSync() as Float32Array,
      ...vars.map((v) => grads[v.name].dataSync() as Float32Array),
    );
    tf.dispose([value, ...Object.values(grads)]);
    disposeBatch(batch);
    disposeModel(model);
  }
  return out;
}

describe('second-order gradients', () => {
  before(async () => {
    await initBackend('wasm');
  });

  it('leave first-order losses and gradients of every model bit-identical', () => {
    const stock = firstOrderResults();
    assert.equal(tf.getGradient('Tanh')?.inputsToSave, undefined);
    enableSecondOrderGradients();
    enableSecondOrderGradients();
    assert.deepEqual(tf.getGradient('Tanh')?.inputsToSave, ['x'], 'the gradients were replaced');
    const after = firstOrderResults();
    assert.equal(after.length, stock.length);
    stock.forEach((s, i) => assert.deepEqual(after[i], s, `array ${i}`));
  });
});
