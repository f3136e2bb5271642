/** Shared pieces of the transformer and LSTM tests: hand-made datasets, fixture weights, loss. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { createModel } from '../../../../src/engine/model/registry';
import type { Model } from '../../../../src/engine/model/types';
import { createRng } from '../../../../src/engine/rng';
import { AdamW } from '../../../../src/engine/train/adamw';
import { crossEntropy } from '../../../../src/engine/train/loss';
import type { SequenceDataset } from '../../../../src/engine/tasks/types';
import type { ModelConfig } from '../../../../src/shared/experimentConfig';

export const [SOS, EOS, PAD, A, B] = [0, 1, 2, 3, 4];

/** A SequenceDataset over SOS, EOS, PAD, a, b from rows of equal length. */
export function sequences(
  rows: number[][],
  opts: { lossFrom?: number[]; extra?: number[] } = {},
): SequenceDataset {
  const seqLen = rows[0].length;
  const all = Int32Array.from(rows.keys());
  const extra = Int32Array.from(opts.extra ?? []);
  return {
    kind: 'sequences',
    tokens: Int32Array.from(rows.flat()),
    count: rows.length,
    seqLen,
    vocab: 5,
    pad: PAD,
    sos: SOS,
    eos: EOS,
    tokenNames: ['SOS', 'EOS', 'PAD', 'a', 'b'],
    lossFrom: Int32Array.from(opts.lossFrom ?? rows.map(() => 1)),
    train: all.filter((i) => !extra.includes(i)),
    test: all,
    extra,
    tokenLabels: {},
    numClasses: 5,
  };
}

/** `SOS aⁿ bⁿ EOS PAD…` of total length `len`. */
export function anbn(n: number, len: number): number[] {
  const row = [SOS, ...Array<number>(n).fill(A), ...Array<number>(n).fill(B), EOS];
  return [...row, ...Array<number>(len - row.length).fill(PAD)];
}

export function build(config: ModelConfig, ds: SequenceDataset, seed = 1): Model {
  return createModel(config, ds, { embedding: createRng(seed, 2), mlp: createRng(seed, 3) });
}

export function disposeModel(model: Model): void {
  tf.dispose(model.params.map((p) => p.variable));
}

/** Logits [rows, vocab] of sequences `indices` (evaluation mode unless `mode` says otherwise). */
export function logitsOf(
  model: Model,
  ds: SequenceDataset,
  indices: number[],
  mode?: { training: boolean; seed: number },
): Float32Array {
  return tf
    .tidy(() => {
      const batch = model.batch(ds, Int32Array.from(indices));
      return model.forward(batch, [], mode).logits;
    })
    .dataSync() as Float32Array;
}

export interface FixtureCase {
  name: string;
  config: ModelConfig;
  params: Record<string, { shape: number[]; data: number[]; grad: number[] }>;
  logits: { rows: number; cols: number; data: number[] };
  loss: number;
}

export interface SequenceFixture {
  tokens: { pad: number; vocab: number; seqLen: number; rows: number[] };
  cases: FixtureCase[];
}

export function loadFixture(): SequenceFixture {
  const file = path.join(
    __dirname,
    '..',
    '..',
    '..',
    'fixtures',
    'numeric',
    'sequence_models.json',
  );
  return JSON.parse(readFileSync(file, 'utf8')) as SequenceFixture;
}

/** Copies PyTorch state_dict tensors into the model's variables by name (transposing as stored). */
export function loadTorchWeights(model: Model, params: FixtureCase['params']): void {
  const names = new Set(Object.keys(params));
  for (const p of model.params) {
    const stored = params[p.name];
    if (stored === undefined) {
      throw new Error(`the fixture has no ${p.name}`);
    }
    names.delete(p.name);
    tf.tidy(() => {
      const t = tf.tensor(stored.data, stored.shape);
      p.variable.assign(p.storedTransposed ? tf.transpose(t) : t);
    });
  }
  if (names.size > 0) {
    throw new Error(`the model has no parameters named ${[...names].join(', ')}`);
  }
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    m = Math.max(m, Math.abs(a[i] - b[i]));
  }
  return m;
}

/** The fixture's token rows as a dataset. */
export function fixtureDataset(fixture: SequenceFixture): SequenceDataset {
  const T = fixture.tokens.seqLen;
  const rows: number[][] = [];
  for (let i = 0; i < fixture.tokens.rows.length; i += T) {
    rows.push(fixture.tokens.rows.slice(i, i + T));
  }
  return sequences(rows);
}

/**
 * Loss Σ w·ce (evaluation mode) of all sequences and its gradient for every parameter, in
 * PyTorch layout ([out, in] for stored-transposed weights).
 */
export function lossAndGrads(
  model: Model,
  ds: SequenceDataset,
): { loss: number; grads: Map<string, Float32Array> } {
  const batch = model.batch(
    ds,
    Int32Array.from({ length: ds.count }, (_, i) => i),
  );
  const vars = model.params.map((p) => p.variable);
  const { value, grads } = tf.variableGrads(
    () => crossEntropy(model.forward(batch).logits, batch.targets, batch.weights),
    vars,
  );
  const out = new Map<string, Float32Array>();
  for (const p of model.params) {
    const g = grads[p.variable.name];
    const stored = tf.tidy(() => (p.storedTransposed ? tf.transpose(g) : g.clone()));
    out.set(p.name, stored.dataSync() as Float32Array);
    stored.dispose();
  }
  const loss = value.dataSync()[0];
  tf.dispose([value, ...Object.values(grads)]);
  tf.dispose([...batch.inputs, batch.labels, batch.targets, batch.weights!]);
  return { loss, grads: out };
}

/**
 * Trains all rows of `ds` for `steps` AdamW updates (training mode, dropout seeded by the step)
 * and returns the weighted loss of each update, failing if a step leaks a tensor.
 */
export function adamwLosses(
  model: Model,
  ds: SequenceDataset,
  steps: number,
  lr: number,
): number[] {
  const vars = model.params.map((p) => p.variable);
  const opt = new AdamW(model.params, { weightDecay: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8 });
  const batch = model.batch(
    ds,
    Int32Array.from({ length: ds.count }, (_, i) => i),
  );
  const before = tf.memory().numTensors;
  const losses: number[] = [];
  for (let step = 0; step < steps; step++) {
    const { value, grads } = tf.variableGrads(
      () =>
        crossEntropy(
          model.forward(batch, [], { training: true, seed: step }).logits,
          batch.targets,
          batch.weights,
        ),
      vars,
    );
    opt.apply(
      vars.map((v) => grads[v.name]),
      lr,
    );
    losses.push(value.dataSync()[0]);
    tf.dispose([value, ...Object.values(grads)]);
  }
  const leaked = tf.memory().numTensors - before;
  tf.dispose([...batch.inputs, batch.labels, batch.targets, batch.weights!]);
  opt.dispose();
  if (leaked !== 0) {
    throw new Error(`${leaked} tensors leaked over ${steps} steps`);
  }
  return losses;
}
