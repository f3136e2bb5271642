import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../../src/engine/backend';
import { exactHvp } from '../../../../src/engine/hessian/hvp';
import { lanczos } from '../../../../src/engine/hessian/lanczos';
import { modelLossFn, trainableVariables } from '../../../../src/engine/hessian/loss';
import { recordedHvp } from '../../../../src/engine/hessian/recordedHvp';
import { anbn, build, sequences } from '../model/sequenceModelHelpers';
import { disposeAll, operatorOf, tinyTransformer } from '../../../helpers/hvpModels';
import { buildModel, fullBatch, modularAddition, randomVector } from './hessianHelpers';

describe('recordedHvp', () => {
  before(async () => {
    await initBackend('wasm');
  });

  it('gives the same products as exactHvp, bit for bit, from one recording', () => {
    const ds = modularAddition(11);
    const model = buildModel(
      { kind: 'embed-mlp', embedDim: 8, hidden: [16, 12], activation: 'gelu' },
      ds,
    );
    const batch = fullBatch(model, ds);
    const { lossFn, params, exact } = operatorOf(model, batch);
    const before = tf.memory().numTensors;
    const recorded = recordedHvp(lossFn, params);
    for (const seed of [1, 2, 3]) {
      const v = randomVector(exact.dim, seed);
      assert.deepEqual(recorded.apply(v), exact.apply(v));
    }
    assert.equal(recorded.recordings, 1);
    const a = lanczos(recorded, { iterations: 6 });
    const b = lanczos(exact, { iterations: 6 });
    assert.deepEqual(a.alpha, b.alpha);
    recorded.dispose();
    assert.equal(tf.memory().numTensors, before, 'dispose frees the recording');
    disposeAll(model, batch);
  });

  it('records again after a variable changed, and works on an LSTM', () => {
    const ds = sequences([anbn(1, 8), anbn(2, 8), anbn(3, 8)]);
    const model = build({ kind: 'lstm', embedDim: 4, hidden: 6, layers: 2, dropout: 0 }, ds);
    const batch = model.batch(ds, ds.train);
    const lossFn = modelLossFn(model, batch);
    const params = trainableVariables(model);
    const recorded = recordedHvp(lossFn, params);
    const v = randomVector(recorded.dim, 4);
    const first = recorded.apply(v);
    tf.tidy(() => params[1].assign(tf.mul(params[1], 1.5)));
    const second = recorded.apply(v);
    assert.equal(recorded.recordings, 2);
    assert.notDeepEqual(second, first);
    assert.deepEqual(second, exactHvp(lossFn, params).apply(v));
    recorded.dispose();
    disposeAll(model, batch);
  });

  it('works on the transformer, and fails on an unused variable, without leaking', () => {
    const { model, batch } = tinyTransformer('pre');
    const before = tf.memory().numTensors;
    const op = recordedHvp(modelLossFn(model, batch), trainableVariables(model));
    const v = randomVector(op.dim, 2);
    const exact = exactHvp(modelLossFn(model, batch), trainableVariables(model));
    assert.deepEqual(op.apply(v), exact.apply(v));
    op.dispose();
    assert.equal(tf.memory().numTensors, before);
    const unused = tf.tidy(() => tf.variable(tf.zeros([2])));
    const partial = recordedHvp(modelLossFn(model, batch), [...trainableVariables(model), unused]);
    assert.throws(() => partial.apply(new Float64Array(partial.dim)), /Cannot compute gradient/);
    assert.equal(tf.memory().numTensors, before + 1, 'only the new variable remains');
    unused.dispose();
    disposeAll(model, batch);
  });
});
