import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { gaussianMatrix, relatedMatrix } from '../../../helpers/matrices';
import {
  type Float64Matrix,
  LinearCkaLayers,
  ShapeError,
  ckaMatrix,
} from '../../../../src/engine/analysis/cka';
import { initBackend } from '../../../../src/engine/backend';
import { createRng } from '../../../../src/engine/rng';

/** Layers added one at a time, products in row chunks, against the engine's own heatmap. */
describe('linear CKA of layers added one at a time', () => {
  before(async () => {
    await initBackend('wasm');
  });

  it('equals ckaMatrix within 1e-6, over several row chunks, and frees its tensors', () => {
    const rng = createRng(5);
    const x = gaussianMatrix(rng, 1000, 40, 2, 3);
    const layers: Float64Matrix[] = [x];
    for (const q of [30, 50, 20]) {
      layers.push(relatedMatrix(rng, layers[layers.length - 1], q, 0.6, Math.tanh));
    }
    const wanted = ckaMatrix(layers, undefined, { estimator: 'linear' }).values;
    const before = tf.memory().numTensors;
    const store = new LinearCkaLayers(300);
    layers.forEach((m) => store.add(m));
    layers.forEach((_, i) =>
      store.row(i).forEach((v, k) => {
        const w = wanted[i][i + k];
        assert.ok(Math.abs(v - w) <= 1e-6 * Math.abs(w), `[${i}][${i + k}] ${v} vs ${w}`);
      }),
    );
    assert.throws(() => store.add(gaussianMatrix(rng, 999, 4)), ShapeError);
    const bad = new Float32Array(1000 * 2);
    bad[7] = NaN;
    assert.throws(() => store.add({ rows: 1000, cols: 2, data: bad }), RangeError);
    store.dispose();
    assert.equal(tf.memory().numTensors, before);
  });
});
