/**
 * `embed-mlp`: a shared token embedding E [vocab, d] read for both tokens of a pair, combined by
 * concatenation ([B, 2d]) or sum ([B, d]), then Linear–activation blocks and a Linear head.
 *
 * Layers that analyses can capture: `embed` (the combined embedding), `hidden.<i>` (after the
 * i-th activation) and `logits`. Parameters: `embedding.weight`, `layers.<i>.weight`,
 * `layers.<i>.bias` (the last i is the head).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ModelConfig } from '../../shared/experimentConfig';
import { type Rng, uniformArray } from '../rng';
import type { Dataset, PairDataset } from '../tasks/types';
import { activate } from './activations';
import { initialEmbedding } from './initialEmbedding';
import {
  type ForwardResult,
  type Model,
  type ModelBatch,
  type Parameter,
  activationCapture,
} from './types';

type EmbedMlpConfig = Extract<ModelConfig, { kind: 'embed-mlp' }>;

/** Random-init streams: the embedding and the MLP draw from separate generators. */
export interface InitRngs {
  embedding: Rng;
  mlp: Rng;
}

/**
 * Builds the model with its initial weights: E from `initialEmbedding` (N(0, embedInitStd²), then
 * the optional spectrum perturbation); Linear layers use PyTorch's
 * default init, weight and bias ~ U(-1/√fan_in, 1/√fan_in).
 */
export function createEmbedMlp(config: EmbedMlpConfig, dataset: Dataset, rngs: InitRngs): Model {
  const { vocab, numClasses } = pairsOf(dataset);
  const d = config.embedDim;
  const params: Parameter[] = [];
  const initE = initialEmbedding(config, vocab, rngs.embedding);
  // tidy frees each initial tensor; the variable keeps its own reference to the data.
  const embedding = tf.tidy(() =>
    tf.variable(tf.tensor2d(initE, [vocab, d]), !config.freezeEmbedding),
  );
  params.push({
    name: 'embedding.weight',
    variable: embedding,
    trainable: !config.freezeEmbedding,
    storedTransposed: false,
  });
  const widths = [config.combine === 'concat' ? 2 * d : d, ...config.hidden, numClasses];
  const linears: { w: tf.Variable; b: tf.Variable }[] = [];
  for (let i = 0; i + 1 < widths.length; i++) {
    const [fanIn, fanOut] = [widths[i], widths[i + 1]];
    const bound = 1 / Math.sqrt(fanIn);
    // Draw in PyTorch's [out, in] order, then hold as [in, out].
    const initW = uniformArray(fanOut * fanIn, bound, rngs.mlp);
    const initB = uniformArray(fanOut, bound, rngs.mlp);
    const w = tf.tidy(() => tf.variable(tf.transpose(tf.tensor2d(initW, [fanOut, fanIn])), true));
    const b = tf.tidy(() => tf.variable(tf.tensor1d(initB), true));
    linears.push({ w, b });
    params.push({
      name: `layers.${i}.weight`,
      variable: w,
      trainable: true,
      storedTransposed: true,
    });
    params.push({
      name: `layers.${i}.bias`,
      variable: b,
      trainable: true,
      storedTransposed: false,
    });
  }
  const layerNames = ['embed', ...config.hidden.map((_, i) => `hidden.${i}`), 'logits'];

  const forward = (batch: ModelBatch, capture: readonly string[] = []): ForwardResult => {
    const { activations, keep } = activationCapture(capture);
    let h = embed(embedding, batch, config);
    keep('embed', h);
    linears.forEach(({ w, b }, i) => {
      const z = tf.add<tf.Tensor2D>(tf.matMul(h, w), b);
      if (i === linears.length - 1) {
        h = z;
      } else {
        h = activate(z, config.activation);
        keep(`hidden.${i}`, h);
      }
    });
    keep('logits', h);
    return { logits: h, activations };
  };

  return { params, layerNames, batch: (ds, idx) => pairBatch(ds, idx, config.combine), forward };
}

/**
 * The combined embedding [B, 2d] (concat) or [B, d] (sum). Row lookups (gather; its gradient is
 * a segment sum) instead of one-hot matmuls: no multiply-adds with zeros, and for concat a single
 * gather of the interleaved ids (a₀, b₀, a₁, b₁, …) whose [2B, d] result, read as [B, 2d], is
 * the concatenation itself.
 */
function embed(embedding: tf.Variable, batch: ModelBatch, config: EmbedMlpConfig): tf.Tensor2D {
  const rows = (ids: tf.Tensor): tf.Tensor2D => tf.gather(embedding as tf.Tensor2D, ids);
  if (config.combine === 'concat') {
    const [pairIds] = batch.inputs;
    return tf.reshape(rows(pairIds), [batch.size, 2 * config.embedDim]);
  }
  const [idsA, idsB] = batch.inputs;
  return tf.add<tf.Tensor2D>(rows(idsA), rows(idsB));
}

/**
 * Token ids (int32) per `embed`'s needs: interleaved pairs [2B] for concat, else a [B] and b [B].
 * Targets are one-hot labels, or the multi-hot rows of a multi-label dataset.
 */
function pairBatch(
  dataset: Dataset,
  idx: Int32Array,
  combine: EmbedMlpConfig['combine'],
): ModelBatch {
  const ds = pairsOf(dataset);
  const take = (src: Int32Array): Int32Array => Int32Array.from(idx, (i) => src[i]);
  const [a, b] = [take(ds.a), take(ds.b)];
  const ids = combine === 'concat' ? [interleave(a, b)] : [a, b];
  const multi = ds.multiLabel;
  return tf.tidy(() => {
    const labels = tf.tensor1d(take(ds.labels), 'int32');
    const inputs = ids.map((x) => tf.tensor1d(x, 'int32'));
    if (multi !== undefined) {
      const targets = tf.tensor2d(multiHotRows(multi.targets, ds.numClasses, idx), [
        idx.length,
        ds.numClasses,
      ]);
      return { inputs, labels, targets, multiLabel: true, size: idx.length };
    }
    return {
      inputs,
      labels,
      targets: tf.cast(tf.oneHot(labels, ds.numClasses), 'float32') as tf.Tensor2D,
      size: idx.length,
    };
  });
}

/** Rows `idx` of multi-hot targets [count, width] as float32 [idx.length · width]. */
function multiHotRows(targets: Uint8Array, width: number, idx: Int32Array): Float32Array {
  const out = new Float32Array(idx.length * width);
  idx.forEach((row, i) => {
    for (let c = 0; c < width; c++) {
      out[i * width + c] = targets[row * width + c];
    }
  });
  return out;
}

function interleave(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(2 * a.length);
  a.forEach((x, i) => {
    out[2 * i] = x;
    out[2 * i + 1] = b[i];
  });
  return out;
}

/** embed-mlp reads pairs of tokens; other datasets are a configuration error. */
function pairsOf(dataset: Dataset): PairDataset {
  if (dataset.kind !== 'pairs') {
    throw new Error(`embed-mlp needs a pair-token task, not a ${dataset.kind} dataset`);
  }
  return dataset;
}
