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
import { type Rng, normalArray, uniformArray } from '../rng';
import type { Dataset } from '../tasks/types';
import { activate } from './activations';
import type { ForwardResult, Model, ModelBatch, Parameter } from './types';

type EmbedMlpConfig = Extract<ModelConfig, { kind: 'embed-mlp' }>;

/** Random-init streams: the embedding and the MLP draw from separate generators. */
export interface InitRngs {
  embedding: Rng;
  mlp: Rng;
}

/**
 * Builds the model with its initial weights: E ~ N(0, embedInitStd²); Linear layers use PyTorch's
 * default init, weight and bias ~ U(-1/√fan_in, 1/√fan_in).
 */
export function createEmbedMlp(
  config: EmbedMlpConfig,
  dataset: Dataset,
  rngs: InitRngs,
): Model {
  const { vocab, numClasses } = dataset;
  const d = config.embedDim;
  const params: Parameter[] = [];
  const initE = normalArray(vocab * d, config.embedInitStd, rngs.embedding);
  // tidy frees each initial tensor; the variable keeps its own reference to the data.
  const embedding = tf.tidy(() => tf.variable(tf.tensor2d(initE, [vocab, d]), !config.freezeEmbedding));
  params.push({ name: 'embedding.weight', variable: embedding, trainable: !config.freezeEmbedding, storedTransposed: false });
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
    params.push({ name: `layers.${i}.weight`, variable: w, trainable: true, storedTransposed: true });
    params.push({ name: `layers.${i}.bias`, variable: b, trainable: true, storedTransposed: false });
  }
  const layerNames = ['embed', ...config.hidden.map((_, i) => `hidden.${i}`), 'logits'];

  const forward = (batch: ModelBatch, capture: readonly string[] = []): ForwardResult => {
    const activations = new Map<string, tf.Tensor2D>();
    const keep = (name: string, t: tf.Tensor2D): void => {
      if (capture.includes(name)) {
        activations.set(name, t);
      }
    };
    const [oneHotA, oneHotB] = batch.inputs as tf.Tensor2D[];
    // One-hot matmul instead of gather: its gradient is a plain matmul on every backend.
    const ea = tf.matMul<tf.Tensor2D>(oneHotA, embedding);
    const eb = tf.matMul<tf.Tensor2D>(oneHotB, embedding);
    let h: tf.Tensor2D = config.combine === 'concat' ? tf.concat2d([ea, eb], 1) : tf.add<tf.Tensor2D>(ea, eb);
    keep('embed', h);
    linears.forEach(({ w, b }, i) => {
      const z = tf.add<tf.Tensor2D>(tf.matMul(h, w as tf.Tensor2D), b);
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

  return { params, layerNames, batch: (ds, idx) => pairBatch(ds, idx), forward };
}

function pairBatch(ds: Dataset, idx: Int32Array): ModelBatch {
  return tf.tidy(() => {
    const gather = (src: Int32Array): tf.Tensor1D => tf.tensor1d(Int32Array.from(idx, (i) => src[i]), 'int32');
    const labels = gather(ds.labels);
    return {
      inputs: [tf.cast(tf.oneHot(gather(ds.a), ds.vocab), 'float32'), tf.cast(tf.oneHot(gather(ds.b), ds.vocab), 'float32')],
      labels,
      targets: tf.cast(tf.oneHot(labels, ds.numClasses), 'float32') as tf.Tensor2D,
      size: idx.length,
    };
  });
}
