import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../../src/engine/backend';
import { exactHvp, finiteDifferenceHvp } from '../../../../src/engine/hessian/hvp';
import { lanczos, orthonormalizeAgainst } from '../../../../src/engine/hessian/lanczos';
import {
  modelLossFn,
  trainableVariables,
  twiceDifferentiableCrossEntropy,
} from '../../../../src/engine/hessian/loss';
import type { PairDataset } from '../../../../src/engine/tasks/types';
import { dot } from '../../../../src/engine/hessian/vectors';
import { binaryCrossEntropy, crossEntropy } from '../../../../src/engine/train/loss';
import { anbn, build, sequences } from '../model/sequenceModelHelpers';
import { disposeAll, operatorOf, tinyTransformer } from '../../../helpers/hvpModels';
import {
  buildModel,
  fullBatch,
  modularAddition,
  randomVector,
  relativeError,
} from './hessianHelpers';

/** A float32 tfjs loss ½θᵀQθ over two variables (θ = [vec(A) (3×4), b (5)]) with known spectrum. */
function tfjsQuadratic(lambda: number[]): {
  lossFn: () => tf.Scalar;
  params: tf.Variable[];
  q: Float64Array[];
  eig: Float64Array[];
  dispose: () => void;
} {
  const n = 17;
  const eig = orthonormalizeAgainst(
    Array.from({ length: n }, (_, i) => randomVector(n, 100 + i)),
    [],
  );
  const q = Array.from({ length: n }, (_, r) =>
    Float64Array.from({ length: n }, (_, c) =>
      eig.reduce((s, u, i) => s + lambda[i] * u[r] * u[c], 0),
    ),
  );
  const qt = tf.tensor2d(Float32Array.from(q.flatMap((row) => [...row])), [n, n]);
  const params = [
    tf.variable(tf.randomNormal([3, 4], 0, 1, 'float32', 1)),
    tf.variable(tf.zeros([5])),
  ];
  const lossFn = (): tf.Scalar =>
    tf.tidy(() => {
      const theta = tf.concat(params.map((p) => tf.reshape(p, [-1, 1])));
      return tf.mul(0.5, tf.sum(tf.mul(theta, tf.matMul(qt, theta))));
    });
  return { lossFn, params, q, eig, dispose: () => tf.dispose([qt, ...params]) };
}

const lambda17 = [9, 6, 4, ...Array.from({ length: 13 }, (_, i) => -1 + i / 6), -5];

describe('exactHvp', () => {
  before(async () => {
    await initBackend('wasm');
  });

  it('gives Q·v for a quadratic loss, and Lanczos on it the spectrum of Q', () => {
    const quad = tfjsQuadratic(lambda17);
    const op = exactHvp(quad.lossFn, quad.params);
    assert.deepEqual([op.dim, op.method], [17, 'exact']);
    const v = randomVector(17, 5);
    const expected = quad.q.map((row) => dot(row, v));
    assert.ok(relativeError(op.apply(v), expected) < 1e-6);
    const r = lanczos(op, { iterations: 17, k: 3 });
    [9, 6, 4].forEach((l, i) => {
      assert.ok(Math.abs(r.values[i] - l) / l < 1e-5, `λ${i} = ${r.values[i]}`);
      assert.ok(Math.abs(dot(r.vectors[i], quad.eig[i])) > 0.999);
    });
    quad.dispose();
  });

  for (const activation of ['silu', 'gelu']) {
    it(`agrees with finite differences on a smooth (${activation}) embed-mlp`, () => {
      const ds = modularAddition(11);
      const model = buildModel({ kind: 'embed-mlp', embedDim: 8, hidden: [16], activation }, ds);
      const batch = fullBatch(model, ds);
      const { lossFn, params, exact } = operatorOf(model, batch);
      const fd = finiteDifferenceHvp(lossFn, params);
      assert.equal(fd.method, 'finite-difference');
      for (const seed of [1, 2]) {
        const v = randomVector(exact.dim, seed);
        // Measured about 5e-5 (the float32 noise of the differenced gradients).
        const err = relativeError(exact.apply(v), fd.apply(v));
        assert.ok(err < 5e-4, `relative error ${err}`);
      }
      disposeAll(model, batch);
    });
  }

  it('agrees with finite differences on an LSTM with PAD-weighted loss', () => {
    const ds = sequences([anbn(1, 8), anbn(2, 8), anbn(3, 8)]);
    const model = build({ kind: 'lstm', embedDim: 6, hidden: 8, layers: 2, dropout: 0.3 }, ds);
    const batch = model.batch(ds, ds.train);
    assert.ok(batch.weights !== undefined);
    const { lossFn, params, exact } = operatorOf(model, batch);
    const v = randomVector(exact.dim, 3);
    const err = relativeError(exact.apply(v), finiteDifferenceHvp(lossFn, params).apply(v));
    assert.ok(err < 5e-4, `relative error ${err}`);
    disposeAll(model, batch);
  });

  it('is symmetric on a ReLU net, where finite differences fail', () => {
    const ds = modularAddition(7);
    const model = buildModel(
      { kind: 'embed-mlp', embedDim: 6, hidden: [12, 10], activation: 'relu' },
      ds,
    );
    const batch = fullBatch(model, ds);
    const { exact } = operatorOf(model, batch);
    const [u, v] = [randomVector(exact.dim, 7), randomVector(exact.dim, 8)];
    const [uHv, vHu] = [dot(u, exact.apply(v)), dot(v, exact.apply(u))];
    assert.ok(Math.abs(uHv - vHu) < 1e-5 * Math.abs(uHv), `${uHv} vs ${vHu}`);
    disposeAll(model, batch);
  });

  it('leaks no tensors, exact or finite-difference, and restores the parameters exactly', () => {
    const ds = modularAddition(7);
    const model = buildModel({ kind: 'embed-mlp', embedDim: 4, hidden: [8] }, ds);
    const batch = fullBatch(model, ds);
    const { lossFn, params, exact } = operatorOf(model, batch);
    const values = params.map((p) => p.dataSync().slice());
    const v = randomVector(exact.dim, 4);
    const before = tf.memory().numTensors;
    exact.apply(v);
    finiteDifferenceHvp(lossFn, params).apply(v);
    lanczos(exact, { iterations: 3 });
    assert.equal(tf.memory().numTensors, before);
    params.forEach((p, i) => assert.deepEqual(p.dataSync(), values[i]));
    disposeAll(model, batch);
  });

  it('accepts the transformer (LayerNorm and attention softmax as ordinary ops on its tape)', () => {
    const { model, batch } = tinyTransformer('post');
    const { lossFn, params, exact } = operatorOf(model, batch);
    const before = tf.memory().numTensors;
    const v = randomVector(exact.dim, 1);
    const hv = exact.apply(v);
    assert.equal(tf.memory().numTensors, before, 'no tensors left behind');
    const fd = finiteDifferenceHvp(lossFn, params).apply(v);
    const err = relativeError(fd, hv);
    assert.ok(
      err < 1e-2,
      `finite differences differ by ${err} (transformerHvp.test.ts checks more)`,
    );
    disposeAll(model, batch);
  });

  it("refuses the training loss's customGrad cross-entropy", () => {
    const ds = modularAddition(5);
    const model = buildModel({ kind: 'embed-mlp', embedDim: 4, hidden: [6] }, ds);
    const batch = fullBatch(model, ds);
    const lossFn = (): tf.Scalar => crossEntropy(model.forward(batch).logits, batch.targets);
    const op = exactHvp(lossFn, trainableVariables(model));
    assert.throws(
      () => op.apply(new Float64Array(op.dim)),
      /tf\.customGrad function with output \[\]/,
    );
    disposeAll(model, batch);
  });

  it('checks its inputs', () => {
    const quad = tfjsQuadratic(lambda17);
    const unused = tf.variable(tf.zeros([2]));
    assert.throws(() => exactHvp(quad.lossFn, quad.params).apply(new Float64Array(3)), /length 3/);
    assert.throws(() => finiteDifferenceHvp(quad.lossFn, quad.params, 0), /positive/);
    assert.throws(() => exactHvp(quad.lossFn, []), /at least one variable/);
    const op = exactHvp(quad.lossFn, [...quad.params, unused]);
    const before = tf.memory().numTensors;
    assert.throws(() => op.apply(new Float64Array(19)), /Cannot compute gradient/);
    assert.equal(tf.memory().numTensors, before);
    tf.dispose(unused);
    quad.dispose();
  });
});

describe('modelLossFn', () => {
  before(async () => {
    await initBackend('wasm');
  });

  it('equals the training cross-entropy, with and without batch weights', () => {
    const ds = modularAddition(7);
    const mlp = buildModel({ kind: 'embed-mlp', embedDim: 4, hidden: [8] }, ds);
    const seq = sequences([anbn(1, 8), anbn(3, 8)]);
    const lstm = build({ kind: 'lstm', embedDim: 4, hidden: 6, layers: 1, dropout: 0 }, seq);
    for (const [model, batch] of [
      [mlp, fullBatch(mlp, ds)],
      [lstm, lstm.batch(seq, seq.train)],
    ] as const) {
      const [ours, reference] = tf.tidy(() => {
        const { logits } = model.forward(batch);
        return [
          twiceDifferentiableCrossEntropy(logits, batch.targets, batch.weights).dataSync()[0],
          crossEntropy(logits, batch.targets, batch.weights).dataSync()[0],
        ];
      });
      assert.ok(Math.abs(ours - reference) < 1e-6 * reference, `${ours} vs ${reference}`);
      assert.equal(
        tf.tidy(() => modelLossFn(model, batch)().dataSync()[0]),
        ours,
      );
      disposeAll(model, batch);
    }
  });

  it('is the binary cross-entropy for a multi-label batch, and differentiates twice', () => {
    const base = modularAddition(7);
    const classes = 5;
    const targets = new Uint8Array(base.a.length * classes);
    targets.forEach((_, k) => {
      const [i, c] = [Math.floor(k / classes), k % classes];
      targets[k] = (base.a[i] + 2 * base.b[i] + c) % 3 === 0 ? 1 : 0;
    });
    const ds: PairDataset = {
      ...base,
      numClasses: classes,
      multiLabel: { targets, classNames: ['c0', 'c1', 'c2', 'c3', 'c4'] },
    };
    const model = buildModel({ kind: 'embed-mlp', embedDim: 4, hidden: [8] }, ds);
    const batch = fullBatch(model, ds);
    assert.equal(batch.multiLabel, true);
    const { lossFn, params, exact } = operatorOf(model, batch);
    const [ours, reference] = tf.tidy(() => [
      lossFn().dataSync()[0],
      binaryCrossEntropy(model.forward(batch).logits, batch.targets).dataSync()[0],
    ]);
    assert.ok(Math.abs(ours - reference) < 1e-6 * reference, `${ours} vs ${reference}`);
    const v = randomVector(exact.dim, 2);
    const err = relativeError(exact.apply(v), finiteDifferenceHvp(lossFn, params).apply(v));
    assert.ok(err < 5e-4, `relative error ${err}`);
    disposeAll(model, batch);
  });
});
