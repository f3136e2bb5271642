import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { gaussianMatrix, relatedLayers } from '../../../helpers/matrices';
import {
  type Float64Matrix,
  LinearCkaLayers,
  ShapeError,
  ckaMatrix,
} from '../../../../src/engine/analysis/cka';
import { LocalRowShard } from '../../../../src/engine/analysis/cka/rowShard';
import { ThreadRowShard } from '../../../../src/engine/analysis/cka/threadShard';
import { initBackend } from '../../../../src/engine/backend';
import { createRng } from '../../../../src/engine/rng';

const layersOf = relatedLayers;

/** Every row of the store against the engine's own heatmap, within 1e-6 relative. */
async function agrees(store: LinearCkaLayers, layers: Float64Matrix[]): Promise<void> {
  const wanted = ckaMatrix(layers, undefined, { estimator: 'linear' }).values;
  for (const m of layers) {
    await store.add(m);
  }
  for (let i = 0; i < layers.length; i++) {
    (await store.row(i)).forEach((v, k) => {
      const w = wanted[i][i + k];
      assert.ok(Math.abs(v - w) <= 1e-6 * Math.abs(w), `[${i}][${i + k}] ${v} vs ${w}`);
    });
  }
}

/** Layers added one at a time, products in row chunks, against the engine's own heatmap. */
describe('linear CKA of layers added one at a time', () => {
  before(async () => {
    // The tfjs shares (the native BLAS share: cka.native.test.ts).
    process.env.REPLENS_NATIVE = '0';
    await initBackend('wasm');
  });

  it('equals ckaMatrix within 1e-6, over several row chunks, and frees its tensors', async () => {
    const layers = layersOf(5);
    const before = tf.memory().numTensors;
    const store = LinearCkaLayers.open(1, 300);
    assert.equal(store.shareCount, 1);
    await agrees(store, layers);
    const rng = createRng(6);
    await assert.rejects(store.add(gaussianMatrix(rng, 999, 4)), ShapeError);
    const bad = new Float32Array(1000 * 2);
    bad[7] = NaN;
    await assert.rejects(store.add({ rows: 1000, cols: 2, data: bad }), RangeError);
    await store.dispose();
    assert.equal(tf.memory().numTensors, before);
  });

  it('sums the partial products of row shares (three shares of 333–334 rows)', async () => {
    const store = new LinearCkaLayers([300, 300, 300].map((r) => new LocalRowShard(r)));
    await agrees(store, layersOf(7));
    await store.dispose();
  });

  it('splits the rows between two threads, each with its own wasm backend', async () => {
    const store = LinearCkaLayers.open(2, 300);
    assert.equal(store.shareCount, 2);
    try {
      await agrees(store, layersOf(8));
    } finally {
      await store.dispose();
    }
  });

  it('reports an error raised in a thread instead of hanging', async () => {
    const shard = new ThreadRowShard(300);
    try {
      // Products of layers the thread never received fail there.
      await assert.rejects(
        shard.partials(0, [1], () => assert.fail('no product expected')),
        /TypeError/,
      );
      assert.throws(() => shard.add(2, 1, new Float32Array(2)), /TypeError/);
    } finally {
      await shard.dispose();
    }
    const store = LinearCkaLayers.open(1);
    await assert.rejects(store.row(0), /no layer 0: 0 added/);
    await store.dispose();
  });
});
