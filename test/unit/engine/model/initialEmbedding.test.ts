import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { dftSignal } from '../../../../src/engine/analysis/completeness/fourier';
import { initBackend } from '../../../../src/engine/backend';
import { initialEmbedding, scaleSpectrum } from '../../../../src/engine/model/initialEmbedding';
import { createModel } from '../../../../src/engine/model/registry';
import { createRng, normalArray } from '../../../../src/engine/rng';
import { buildDataset } from '../../../../src/engine/tasks/registry';
import { experimentConfigSchema } from '../../../../src/shared/experimentConfig';

const matrix = (e: Float32Array, rows: number, cols: number) => ({
  rows,
  cols,
  data: Float64Array.from(e),
});

describe('initial embedding', () => {
  it('scaling the spectrum multiplies S_k and S_{p−k} by α and leaves the rest', () => {
    const [p, d] = [13, 6];
    const e = normalArray(p * d, 1, createRng(4));
    const scaled = scaleSpectrum(e, p, d, [2, 5], 1.3);
    const before = dftSignal(matrix(e, p, d));
    const after = dftSignal(matrix(scaled, p, d));
    for (let k = 0; k < p; k++) {
      const factor = [2, 5, p - 2, p - 5].includes(k) ? 1.3 : 1;
      // float32 storage of the result bounds the agreement.
      assert.ok(Math.abs(after[k] - factor * before[k]) < 1e-5 * before[k], `k = ${k}`);
    }
  });

  it('α = 0 removes the frequency; out-of-range frequencies are refused', () => {
    const [p, d] = [11, 4];
    const e = normalArray(p * d, 1, createRng(5));
    assert.ok(dftSignal(matrix(scaleSpectrum(e, p, d, [3], 0), p, d))[3] < 1e-5);
    assert.throws(() => scaleSpectrum(e, p, d, [6], 2), /outside 1..5/);
  });

  it('is the embedding the model starts from, perturbation included', async () => {
    await initBackend('wasm');
    const config = experimentConfigSchema.parse({
      task: { kind: 'modular-addition', p: 11 },
      model: {
        kind: 'embed-mlp',
        embedDim: 4,
        hidden: [3],
        embedPerturbation: { frequencies: [1], scale: 1.5 },
      },
    });
    if (config.model.kind !== 'embed-mlp') {
      throw new Error('unexpected model kind');
    }
    const dataset = buildDataset(config.task, createRng(0));
    const model = createModel(config.model, dataset, {
      embedding: createRng(7),
      mlp: createRng(8),
    });
    const fromModel = model.params[0].variable.dataSync();
    assert.deepEqual(fromModel, initialEmbedding(config.model, 11, createRng(7)));
    tf.dispose(model.params.map((p) => p.variable));
  });
});
