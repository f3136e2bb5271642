/** Shared pieces of the Hessian tests: small pair models, vectors in the flat layout, errors. */
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { createModel } from '../../../../src/engine/model/registry';
import type { Model, ModelBatch } from '../../../../src/engine/model/types';
import { createRng } from '../../../../src/engine/rng';
import type { PairDataset } from '../../../../src/engine/tasks/types';
import { modelSchema } from '../../../../src/shared/modelSchemas';

/** A pair dataset over `vocab` tokens whose examples are all in the training split. */
export function pairDataset(
  a: number[],
  b: number[],
  labels: number[],
  vocab: number,
): PairDataset {
  return {
    kind: 'pairs',
    a: Int32Array.from(a),
    b: Int32Array.from(b),
    labels: Int32Array.from(labels),
    vocab,
    numClasses: vocab,
    train: Int32Array.from(a.keys()),
    test: new Int32Array(0),
    tokenLabels: {},
  };
}

/** Modular addition mod p on every pair (a, b). */
export function modularAddition(p: number): PairDataset {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) {
      a.push(i);
      b.push(j);
    }
  }
  return pairDataset(
    a,
    b,
    a.map((x, i) => (x + b[i]) % p),
    p,
  );
}

/** A model from a (partial) model config section, initialised from `seed`. */
export function buildModel(
  model: Record<string, unknown>,
  dataset: Parameters<typeof createModel>[1],
  seed = 1,
): Model {
  return createModel(modelSchema.parse(model), dataset, {
    embedding: createRng(seed, 2),
    mlp: createRng(seed, 3),
  });
}

/** Every training example of a dataset as one batch. */
export function fullBatch(model: Model, dataset: Parameters<Model['batch']>[0]): ModelBatch {
  return model.batch(dataset, dataset.train);
}

export function disposeBatch(batch: ModelBatch): void {
  tf.dispose([
    ...batch.inputs,
    batch.labels,
    batch.targets,
    ...(batch.weights ? [batch.weights] : []),
  ]);
}

export function disposeModel(model: Model): void {
  tf.dispose(model.params.map((p) => p.variable));
}

/** A seeded standard normal vector. */
export function randomVector(n: number, seed: number): Float64Array {
  const rng = createRng(seed, 77);
  return Float64Array.from({ length: n }, () => rng.normal());
}

/** |a − e| / |e| in the Euclidean norm. */
export function relativeError(a: ArrayLike<number>, e: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < e.length; i++) {
    num += (a[i] - e[i]) ** 2;
    den += e[i] ** 2;
  }
  return Math.sqrt(num / den);
}

/**
 * Asserts that a float32 H·v agrees with a float64 reference: relative error below 1e-5 overall
 * and every element within 1e-5 of the largest reference entry.
 */
export function assertMatchesReference(hv: ArrayLike<number>, expected: ArrayLike<number>): void {
  const err = relativeError(hv, expected);
  assert.ok(err < 1e-5, `H·v relative error ${err}`);
  const scale = Math.max(...Array.from(expected, Math.abs));
  for (let i = 0; i < expected.length; i++) {
    assert.ok(Math.abs(hv[i] - expected[i]) < 1e-5 * scale, `element ${i}`);
  }
}

/**
 * Per-parameter arrays in PyTorch layout ([out, in] for stored-transposed weights) as one vector
 * in the model's flat layout (its parameter order, each variable row-major).
 */
export function fromTorchLayout(model: Model, values: Record<string, number[]>): Float64Array {
  const parts = model.params
    .filter((p) => p.trainable)
    .map((p) => {
      const data = values[p.name];
      if (!p.storedTransposed) {
        return data;
      }
      const [inDim, outDim] = p.variable.shape;
      const out: number[] = new Array<number>(data.length);
      for (let i = 0; i < inDim; i++) {
        for (let o = 0; o < outDim; o++) {
          out[i * outDim + o] = data[o * inDim + i];
        }
      }
      return out;
    });
  return Float64Array.from(parts.flat());
}
