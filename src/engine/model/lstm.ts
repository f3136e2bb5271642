/**
 * `lstm`: token embedding, stacked LSTM layers, a Linear head — PyTorch's nn.Embedding,
 * nn.LSTM(batch_first=True) and nn.Linear. Gates in PyTorch's order (i, f, g, o):
 *   [i f g o] = x·W_ih + b_ih + h·W_hh + b_hh,  c' = σ(f)·c + σ(i)·tanh(g),  h' = σ(o)·tanh(c'),
 * from h = c = 0. Dropout (training only) applies to the output of every layer but the last, as
 * nn.LSTM's `dropout` does.
 *
 * Parameters: `embedding.weight` [vocab, E]; per layer k `lstm.weight_ih_l<k>` [4H, in],
 * `lstm.weight_hh_l<k>` [4H, H] (both held as [in, 4H], `storedTransposed`), `lstm.bias_ih_l<k>`,
 * `lstm.bias_hh_l<k>` [4H]; `head.weight` [vocab, H] / `head.bias`. Init as PyTorch: embedding
 * N(0, 1) from `rngs.embedding`; every LSTM weight and bias U(±1/√H) in state_dict order, then
 * the head's Linear default, from `rngs.mlp`.
 *
 * The input projection x·W_ih runs once for all time steps; only h·W_hh and the gates run per
 * step (`lstmCell`). Capturable layers (each [B·(T−1), ·]): `embed`, `layers.<k>` (the output of
 * LSTM layer k) and `logits`.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ModelConfig } from '../../shared/experimentConfig';
import { uniformArray } from '../rng';
import type { Dataset } from '../tasks/types';
import { dropoutFor } from './dropout';
import type { InitRngs } from './embedMlp';
import { ParamList, applyLinear, embeddingInit, linearInit } from './layers';
import { lstmCell } from './lstmCell';
import { requireSequences, sequenceBatch } from './sequenceBatch';
import {
  type ForwardMode,
  type ForwardResult,
  type Model,
  type ModelBatch,
  activationCapture,
} from './types';

type LstmConfig = Extract<ModelConfig, { kind: 'lstm' }>;

interface LstmLayer {
  wIh: tf.Variable;
  wHh: tf.Variable;
  bIh: tf.Variable;
  bHh: tf.Variable;
}

/** Builds the LSTM language model for a sequence dataset, with PyTorch's initialisation. */
export function createLstm(config: LstmConfig, dataset: Dataset, rngs: InitRngs): Model {
  const ds = requireSequences(dataset, 'lstm');
  const { embedDim: E, hidden: H } = config;
  const ps = new ParamList();
  const embedding = ps.add('embedding.weight', embeddingInit(ds.vocab, E, rngs.embedding), [
    ds.vocab,
    E,
  ]);
  const bound = 1 / Math.sqrt(H);
  const layers: LstmLayer[] = [];
  for (let k = 0; k < config.layers; k++) {
    const inDim = k === 0 ? E : H;
    const draw = (n: number): Float32Array => uniformArray(n, bound, rngs.mlp);
    layers.push({
      wIh: ps.add(`lstm.weight_ih_l${k}`, draw(4 * H * inDim), [inDim, 4 * H], true),
      wHh: ps.add(`lstm.weight_hh_l${k}`, draw(4 * H * H), [H, 4 * H], true),
      bIh: ps.add(`lstm.bias_ih_l${k}`, draw(4 * H), [4 * H]),
      bHh: ps.add(`lstm.bias_hh_l${k}`, draw(4 * H), [4 * H]),
    });
  }
  const head = ps.linear('head', linearInit(H, ds.numClasses, rngs.mlp), H, ds.numClasses);
  const layerNames = ['embed', ...layers.map((_, k) => `layers.${k}`), 'logits'];

  const forward = (
    batch: ModelBatch,
    capture: readonly string[] = [],
    mode?: ForwardMode,
  ): ForwardResult => {
    const { activations, keep } = activationCapture(capture);
    const tokens = batch.inputs[0] as tf.Tensor2D;
    const [B, T] = tokens.shape;
    const drop = dropoutFor(mode);
    let x: tf.Tensor2D = tf.gather(embedding as tf.Tensor2D, tf.reshape(tokens, [-1]));
    keep('embed', x);
    layers.forEach((layer, k) => {
      x = runLayer(x, layer, B, T, H);
      keep(`layers.${k}`, x);
      if (k + 1 < layers.length) {
        x = drop(x, config.dropout);
      }
    });
    const logits = applyLinear(x, head);
    keep('logits', logits);
    return { logits, activations };
  };

  return {
    params: ps.params,
    layerNames,
    batch: (data, indices) => sequenceBatch(data, indices, 'lstm'),
    forward,
  };
}

/** One LSTM layer over x [B·T, in] (rows b·T + t); returns h for every step, [B·T, H]. */
function runLayer(x: tf.Tensor2D, layer: LstmLayer, B: number, T: number, H: number): tf.Tensor2D {
  const bias = tf.add(layer.bIh, layer.bHh);
  const projected = tf.add(tf.matMul(x, layer.wIh as tf.Tensor2D), bias);
  // Time-major [T·B, 4H], split into contiguous steps: split and concat (its gradient) copy
  // blocks, where tfjs-wasm's Unpack and Pack (unstack, stack) are about 100x slower.
  const timeMajor = tf.reshape(tf.transpose(tf.reshape(projected, [B, T, 4 * H]), [1, 0, 2]), [
    T * B,
    4 * H,
  ]);
  const steps = tf.split<tf.Tensor2D>(timeMajor, T, 0);
  let h: tf.Tensor2D | undefined;
  let c: tf.Tensor2D | undefined;
  const outputs: tf.Tensor2D[] = [];
  for (const xw of steps) {
    const gates = h === undefined ? xw : tf.add<tf.Tensor2D>(xw, tf.matMul(h, layer.wHh));
    [h, c] = lstmCell(gates, c);
    outputs.push(h);
  }
  const hs = tf.reshape(tf.concat(outputs, 0), [T, B, H]);
  return tf.reshape<tf.Rank.R2>(tf.transpose(hs, [1, 0, 2]), [B * T, H]);
}
