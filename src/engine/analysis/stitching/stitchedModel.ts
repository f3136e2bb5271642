/**
 * The frozen target side of a stitched embed-mlp: given a representation at one of the target's
 * layers, the rest of the target network up to its logits. Layer `embedding` is the token
 * embedding (per token rows, combined for each pair as the target combines them); `hidden.<k>`
 * is the activation after the k-th hidden layer (per example rows).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Activation } from '../../../shared/experimentConfig';
import { activate } from '../../model/activations';
import type { Model, ModelBatch } from '../../model/types';

/** The layers a bridge can start from or feed. */
export const tokenLayer = 'embedding';

/** The target network's linear layers and how it combines the two token embeddings. */
export interface StitchTarget {
  linears: { w: tf.Tensor2D; b: tf.Tensor1D }[];
  activation: Activation;
  combine: 'concat' | 'sum';
  /** Width of each stitchable layer: `embedding` and `hidden.<k>`. */
  widths: Map<string, number>;
}

/** Reads an embed-mlp's layers by parameter name (`layers.<i>.weight`, `layers.<i>.bias`). */
export function stitchTargetOf(
  model: Model,
  activation: Activation,
  combine: 'concat' | 'sum',
): StitchTarget {
  const byName = new Map(model.params.map((p) => [p.name, p.variable]));
  const linears: StitchTarget['linears'] = [];
  for (let i = 0; byName.has(`layers.${i}.weight`); i++) {
    linears.push({
      w: byName.get(`layers.${i}.weight`) as tf.Tensor2D,
      b: byName.get(`layers.${i}.bias`) as tf.Tensor1D,
    });
  }
  const embedding = byName.get('embedding.weight');
  if (embedding === undefined || linears.length === 0) {
    throw new Error('stitching needs an embed-mlp (embedding.weight and layers.<i>.weight)');
  }
  const widths = new Map<string, number>([[tokenLayer, embedding.shape[1] as number]]);
  linears.slice(0, -1).forEach((l, k) => widths.set(`hidden.${k}`, l.w.shape[1]));
  return { linears, activation, combine, widths };
}

/** Index of the first linear layer after a stitchable layer. */
function firstLinearAfter(layer: string): number {
  if (layer === tokenLayer) {
    return 0;
  }
  const m = /^hidden\.(\d+)$/.exec(layer);
  if (m === null) {
    throw new Error(`cannot stitch into layer "${layer}"`);
  }
  return Number(m[1]) + 1;
}

/**
 * Logits of the target from representation `h` at `layer`: per token [vocab, d] for
 * `embedding` (combined per pair of `batch`), else per example [R, width].
 */
export function tailLogits(
  target: StitchTarget,
  layer: string,
  h: tf.Tensor2D,
  batch: ModelBatch,
): tf.Tensor2D {
  let x = layer === tokenLayer ? combinePairs(target, h, batch) : h;
  const from = firstLinearAfter(layer);
  target.linears.slice(from).forEach(({ w, b }, i, rest) => {
    const z = tf.add<tf.Tensor2D>(tf.matMul(x, w), b);
    x = i === rest.length - 1 ? z : activate(z, target.activation);
  });
  return x;
}

/** The pair inputs of an embed-mlp batch read from per-token rows (as embed-mlp's `embed`). */
function combinePairs(target: StitchTarget, rows: tf.Tensor2D, batch: ModelBatch): tf.Tensor2D {
  if (target.combine === 'concat') {
    const [pairIds] = batch.inputs;
    return tf.reshape(tf.gather(rows, pairIds), [batch.size, 2 * rows.shape[1]]);
  }
  const [a, b] = batch.inputs;
  return tf.add<tf.Tensor2D>(tf.gather(rows, a), tf.gather(rows, b));
}
