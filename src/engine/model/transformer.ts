/**
 * `transformer`: a decoder-only transformer as the rule-extrapolation reference builds it from
 * PyTorch parts: token embedding × √d_model + sinusoidal positions, dropout, a stack of
 * nn.TransformerEncoderLayer blocks run with a causal mask and a PAD key mask, a Linear head.
 *
 * Blocks (ReLU feed-forward FF = linear2(dropout(relu(linear1(x))))):
 *   post-norm (PyTorch's default): x = norm1(x + dropout(SA(x))); x = norm2(x + dropout(FF(x)))
 *   pre-norm (norm_first=True):    x = x + dropout(SA(norm1(x))); x = x + dropout(FF(norm2(x)))
 * Neither variant has a final LayerNorm (nn.TransformerEncoder without `norm`).
 *
 * Parameters carry PyTorch's state_dict names: `embedding.weight`,
 * `layers.<i>.self_attn.in_proj_weight` [3d, d] / `in_proj_bias`, `layers.<i>.self_attn.out_proj.*`,
 * `layers.<i>.linear1.*`, `layers.<i>.linear2.*`, `layers.<i>.norm1.*`, `layers.<i>.norm2.*`,
 * `head.weight` / `head.bias`. Linear weights are held as [in, out] (`storedTransposed`).
 *
 * Initialisation follows PyTorch, including one quirk: nn.TransformerEncoder deep-copies the
 * layer it is given, so every block starts from the same weights. Embedding N(0, 1); in_proj
 * xavier-uniform with zero bias; out_proj U(±1/√d) with zero bias; linear1, linear2 and the head
 * PyTorch's Linear default; LayerNorm weight 1, bias 0. The embedding draws from `rngs.embedding`,
 * everything else from `rngs.mlp` (the block, then the head).
 *
 * Capturable layers (each [B·(T−1), ·]): `embed` (after positions and dropout), `layers.<i>` (the
 * output of block i) and `logits`.
 *
 * Second derivatives (exact Hessian-vector products, hessian/hvp.ts): while a higher-order
 * gradient records, LayerNorm (layers.ts) and the attention softmax (attention.ts) run as
 * ordinary ops instead of their first-order-only customGrads; every other op is safe with the
 * gradients of hessian/secondOrder.ts: the embedding gather, the masks and positions (constants),
 * matMuls, reshapes, splits and transposes, and ReLU (second derivative 0 off its kink). Dropout
 * is the identity in evaluation mode, which the Hessian loss uses.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ModelConfig } from '../../shared/experimentConfig';
import type { Rng } from '../rng';
import type { Dataset } from '../tasks/types';
import { type AttentionShape, attentionMask, selfAttention } from './attention';
import { type DropoutFn, dropoutFor } from './dropout';
import type { InitRngs } from './embedMlp';
import {
  type Linear,
  ParamList,
  applyLinear,
  embeddingInit,
  layerNorm,
  linearInit,
  sinusoidalPositions,
  xavierUniform,
} from './layers';
import { requireSequences, sequenceBatch } from './sequenceBatch';
import {
  type ForwardMode,
  type ForwardResult,
  type Model,
  type ModelBatch,
  activationCapture,
} from './types';

type TransformerConfig = Extract<ModelConfig, { kind: 'transformer' }>;

interface Norm {
  w: tf.Variable;
  b: tf.Variable;
}

interface Block {
  inProj: Linear;
  outProj: Linear;
  linear1: Linear;
  linear2: Linear;
  norm1: Norm;
  norm2: Norm;
}

/** Initial values of one block in PyTorch layout (shared by all blocks, see the file comment). */
interface BlockInit {
  inProj: Float32Array;
  outProj: Float32Array;
  linear1: { w: Float32Array; b: Float32Array };
  linear2: { w: Float32Array; b: Float32Array };
}

function blockInit(d: number, dFF: number, rng: Rng): BlockInit {
  const inProj = xavierUniform(d, 3 * d, rng);
  const outProj = linearInit(d, d, rng).w;
  return { inProj, outProj, linear1: linearInit(d, dFF, rng), linear2: linearInit(dFF, d, rng) };
}

function addBlock(ps: ParamList, i: number, init: BlockInit, d: number, dFF: number): Block {
  const name = `layers.${i}`;
  const zeros = (n: number): Float32Array => new Float32Array(n);
  const ones = (n: number): Float32Array => new Float32Array(n).fill(1);
  const inProj = {
    w: ps.add(`${name}.self_attn.in_proj_weight`, init.inProj, [d, 3 * d], true),
    b: ps.add(`${name}.self_attn.in_proj_bias`, zeros(3 * d), [3 * d]),
  };
  const outProj = ps.linear(`${name}.self_attn.out_proj`, { w: init.outProj, b: zeros(d) }, d, d);
  const linear1 = ps.linear(`${name}.linear1`, init.linear1, d, dFF);
  const linear2 = ps.linear(`${name}.linear2`, init.linear2, dFF, d);
  const norm = (n: string): Norm => ({
    w: ps.add(`${name}.${n}.weight`, ones(d), [d]),
    b: ps.add(`${name}.${n}.bias`, zeros(d), [d]),
  });
  return { inProj, outProj, linear1, linear2, norm1: norm('norm1'), norm2: norm('norm2') };
}

/** Builds the transformer for a sequence dataset, with PyTorch's initialisation from `rngs`. */
export function createTransformer(
  config: TransformerConfig,
  dataset: Dataset,
  rngs: InitRngs,
): Model {
  const ds = requireSequences(dataset, 'transformer');
  const { dModel: d, heads, dFF } = config;
  if (d % heads !== 0) {
    throw new Error(`transformer: heads (${heads}) must divide dModel (${d})`);
  }
  const ps = new ParamList();
  const embedding = ps.add('embedding.weight', embeddingInit(ds.vocab, d, rngs.embedding), [
    ds.vocab,
    d,
  ]);
  const init = blockInit(d, dFF, rngs.mlp);
  const blocks = Array.from({ length: config.layers }, (_, i) => addBlock(ps, i, init, d, dFF));
  const head = ps.linear('head', linearInit(d, ds.numClasses, rngs.mlp), d, ds.numClasses);
  const layerNames = ['embed', ...blocks.map((_, i) => `layers.${i}`), 'logits'];
  const positions = new Map<number, Float32Array>();
  const positionsOf = (len: number): Float32Array => {
    let pe = positions.get(len);
    if (pe === undefined) {
      pe = sinusoidalPositions(len, d);
      positions.set(len, pe);
    }
    return pe;
  };

  const forward = (
    batch: ModelBatch,
    capture: readonly string[] = [],
    mode?: ForwardMode,
  ): ForwardResult => {
    const { activations, keep } = activationCapture(capture);
    const tokens = batch.inputs[0] as tf.Tensor2D;
    const [B, T] = tokens.shape;
    const shape: AttentionShape = { batch: B, len: T, heads, dModel: d };
    const drop = dropoutFor(mode);
    const mask = attentionMask(tokens, ds.pad);
    const scaled = tf.mul(
      tf.gather(embedding as tf.Tensor2D, tf.reshape(tokens, [-1])),
      Math.sqrt(d),
    );
    const placed = tf.add(tf.reshape(scaled, [B, T, d]), tf.tensor2d(positionsOf(T), [T, d]));
    let x = drop(tf.reshape<tf.Rank.R2>(placed, [B * T, d]), config.dropout);
    keep('embed', x);
    blocks.forEach((block, i) => {
      x = runBlock(x, block, mask, shape, drop, config);
      keep(`layers.${i}`, x);
    });
    const logits = applyLinear(x, head);
    keep('logits', logits);
    return { logits, activations };
  };

  return {
    params: ps.params,
    layerNames,
    batch: (data, indices) => sequenceBatch(data, indices, 'transformer'),
    forward,
  };
}

/** One encoder block (post- or pre-norm, see the file comment). */
function runBlock(
  x: tf.Tensor2D,
  blk: Block,
  mask: tf.Tensor4D,
  shape: AttentionShape,
  drop: DropoutFn,
  config: TransformerConfig,
): tf.Tensor2D {
  const p = config.dropout;
  const eps = config.layerNormEps;
  const sa = (h: tf.Tensor2D): tf.Tensor2D =>
    drop(selfAttention(h, blk.inProj, blk.outProj, mask, shape, drop, p), p);
  const ff = (h: tf.Tensor2D): tf.Tensor2D =>
    drop(applyLinear(drop(tf.relu<tf.Tensor2D>(applyLinear(h, blk.linear1)), p), blk.linear2), p);
  const norm1 = (h: tf.Tensor2D): tf.Tensor2D => layerNorm(h, blk.norm1.w, blk.norm1.b, eps);
  const norm2 = (h: tf.Tensor2D): tf.Tensor2D => layerNorm(h, blk.norm2.w, blk.norm2.b, eps);
  if (config.norm === 'pre') {
    const h = tf.add<tf.Tensor2D>(x, sa(norm1(x)));
    return tf.add<tf.Tensor2D>(h, ff(norm2(h)));
  }
  const h = norm1(tf.add<tf.Tensor2D>(x, sa(x)));
  return norm2(tf.add<tf.Tensor2D>(h, ff(h)));
}
