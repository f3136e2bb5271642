/**
 * A training session: the dataset, the model and the optimizer built from a config, plus the
 * conversion of their state to and from checkpoint tensors.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ExperimentConfig } from '../../shared/experimentConfig';
import { createModel } from '../model/registry';
import type { Model } from '../model/types';
import { createRng, streams } from '../rng';
import { buildDataset } from '../tasks/registry';
import type { Dataset, DatasetInputs } from '../tasks/types';
import { AdamW } from './adamw';
import { type RunSeeds, resolveSeeds } from './seeds';
import { type CheckpointData, type TensorData, optimizerPrefixes } from '../../shared/checkpoint';

export type { CheckpointData, TensorData };

export interface Session {
  config: ExperimentConfig;
  dataset: Dataset;
  model: Model;
  optimizer: AdamW;
  /** Seeds actually used per component. */
  seeds: RunSeeds;
  dispose(): void;
}

const { expAvg: expAvgPrefix, expAvgSq: expAvgSqPrefix } = optimizerPrefixes;

/**
 * Builds dataset, model (initial weights) and optimizer for a resolved config. `inputs` carries
 * what the dataset reads from files (the train indices of a given split).
 */
export function createSession(config: ExperimentConfig, inputs: DatasetInputs = {}): Session {
  const seeds = resolveSeeds(config);
  const dataset = buildDataset(config.task, createRng(seeds.data, streams.data), inputs);
  const model = createModel(config.model, dataset, {
    embedding: createRng(seeds.embedding, streams.embedding),
    mlp: createRng(seeds.mlp, streams.mlp),
  });
  const trainable = model.params.filter((p) => p.trainable);
  const { weightDecay, beta1, beta2, eps } = config.train.optimizer;
  const optimizer = new AdamW(trainable, { weightDecay, beta1, beta2, eps });
  const dispose = (): void => {
    optimizer.dispose();
    tf.dispose(model.params.map((p) => p.variable));
  };
  return { config, dataset, model, optimizer, seeds, dispose };
}

/** Snapshot of parameters and optimizer state at `step`. */
export function captureCheckpoint(session: Session, step: number): CheckpointData {
  const tensors = new Map<string, TensorData>();
  const byName = new Map(session.model.params.map((p) => [p.name, p]));
  const put = (name: string, paramName: string, data: Float32Array): void => {
    const p = byName.get(paramName);
    if (p !== undefined) {
      tensors.set(name, toStored(data, p.variable.shape, p.storedTransposed));
    }
  };
  for (const p of session.model.params) {
    put(p.name, p.name, p.variable.dataSync() as Float32Array);
  }
  const opt = session.optimizer.getState();
  opt.expAvg.forEach((d, name) => put(expAvgPrefix + name, name, d));
  opt.expAvgSq.forEach((d, name) => put(expAvgSqPrefix + name, name, d));
  return { step, tensors, optimizerStep: opt.step };
}

/** Loads parameters and optimizer state into a session. Throws on missing or misshapen tensors. */
export function restoreCheckpoint(session: Session, ckpt: CheckpointData): void {
  const load = (name: string, shape: number[], transposed: boolean): Float32Array => {
    const t = ckpt.tensors.get(name);
    if (t === undefined) {
      throw new Error(`checkpoint at step ${ckpt.step} has no tensor "${name}"`);
    }
    return fromStored(t, shape, transposed, name);
  };
  const expAvg = new Map<string, Float32Array>();
  const expAvgSq = new Map<string, Float32Array>();
  for (const p of session.model.params) {
    const shape = p.variable.shape;
    const value = load(p.name, shape, p.storedTransposed);
    tf.tidy(() => p.variable.assign(tf.tensor(value, shape)));
    if (p.trainable) {
      expAvg.set(p.name, load(expAvgPrefix + p.name, shape, p.storedTransposed));
      expAvgSq.set(p.name, load(expAvgSqPrefix + p.name, shape, p.storedTransposed));
    }
  }
  session.optimizer.setState({ step: ckpt.optimizerStep, expAvg, expAvgSq });
}

/** A parameter's values (of `shape`) in the stored (PyTorch) layout. */
export function toStored(data: Float32Array, shape: number[], transposed: boolean): TensorData {
  if (!transposed) {
    return { shape: [...shape], data: Float32Array.from(data) };
  }
  const [r, c] = shape;
  return { shape: [c, r], data: transpose2d(data, r, c) };
}

/** A stored (PyTorch-layout) tensor as the values of a parameter of `shape`; throws on a shape mismatch. */
export function fromStored(
  t: TensorData,
  shape: number[],
  transposed: boolean,
  name: string,
): Float32Array {
  const expected = transposed ? [shape[1], shape[0]] : shape;
  if (t.shape.length !== expected.length || t.shape.some((n, i) => n !== expected[i])) {
    throw new Error(
      `tensor "${name}" has shape [${t.shape.join(', ')}], expected [${expected.join(', ')}]`,
    );
  }
  return transposed ? transpose2d(t.data, expected[0], expected[1]) : t.data;
}

/** Transposes a row-major [r, c] matrix into [c, r]. */
function transpose2d(x: Float32Array, r: number, c: number): Float32Array {
  const out = new Float32Array(r * c);
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      out[j * r + i] = x[i * c + j];
    }
  }
  return out;
}
