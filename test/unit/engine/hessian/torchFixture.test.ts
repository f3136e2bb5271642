import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../../src/engine/backend';
import { exactHvp } from '../../../../src/engine/hessian/hvp';
import { modelLossFn, trainableVariables } from '../../../../src/engine/hessian/loss';
import { numericCases } from '../../../helpers/numeric';
import {
  assertMatchesReference,
  buildModel,
  disposeBatch,
  disposeModel,
  fromTorchLayout,
  fullBatch,
  pairDataset,
  relativeError,
} from './hessianHelpers';

/** H·v of small embed-mlps by PyTorch double backward; see test/fixtures/numeric/make_hvp_fixture.py. */
interface HvpCase {
  name: string;
  model: Record<string, unknown>;
  vocab: number;
  a: number[];
  b: number[];
  labels: number[];
  weights: number[] | null;
  params: Record<string, { shape: number[]; data: number[] }>;
  v: Record<string, number[]>;
  loss: number;
  grad: Record<string, number[]>;
  hv: Record<string, number[]>;
}

const cases = numericCases<HvpCase>('hvp.json');

describe('exact HVP against PyTorch double backward', () => {
  before(async () => {
    await initBackend('wasm');
  });

  for (const c of cases) {
    it(`${c.name}: loss, gradient and H·v (float64 reference)`, () => {
      const dataset = pairDataset(c.a, c.b, c.labels, c.vocab);
      const model = buildModel(c.model, dataset);
      for (const p of model.params) {
        const stored = c.params[p.name];
        tf.tidy(() => {
          const t = tf.tensor(stored.data, stored.shape);
          p.variable.assign(p.storedTransposed ? tf.transpose(t) : t);
        });
      }
      const batch = fullBatch(model, dataset);
      if (c.weights !== null) {
        batch.weights = tf.tensor1d(c.weights);
      }
      const lossFn = modelLossFn(model, batch);
      const params = trainableVariables(model);
      const loss = tf.tidy(() => lossFn().dataSync()[0]);
      assert.ok(Math.abs(loss - c.loss) < 1e-6 * Math.abs(c.loss), `loss ${loss} vs ${c.loss}`);
      const grad = tf.tidy(() =>
        tf
          .grads(() => lossFn())(params)
          .map((g) => Array.from(g.dataSync())),
      );
      const gradErr = relativeError(grad.flat(), fromTorchLayout(model, c.grad));
      assert.ok(gradErr < 1e-5, `gradient relative error ${gradErr}`);

      const before = tf.memory().numTensors;
      const hv = exactHvp(lossFn, params).apply(fromTorchLayout(model, c.v));
      assert.equal(tf.memory().numTensors, before, 'no tensor leaks');
      // float32 forward and backward against a float64 reference: measured about 1.2e-7.
      assertMatchesReference(hv, fromTorchLayout(model, c.hv));
      disposeBatch(batch);
      disposeModel(model);
    });
  }
});
