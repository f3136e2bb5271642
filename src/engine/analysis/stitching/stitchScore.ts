/**
 * Accuracy of stitched models: a bridge from a source representation into a frozen target's
 * layer, trained on the target's task loss over some examples or fixed (an affine fit), scored
 * by the target's accuracy measure (balanced accuracy for multi-label tasks) on other examples.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Model, ModelBatch } from '../../model/types';
import type { PairDataset } from '../../tasks/types';
import { batchAccuracy, batchLoss } from '../../train/loss';
import type { Float64Matrix } from '../cka';
import { disposeBatch } from '../layerActivations';
import { type AffineInit, type BridgeOptions, createBridge, trainBridge } from './bridge';
import { type StitchTarget, tailLogits } from './stitchedModel';

/** The frozen target side: its model and examples, its tail and the layer fed by the bridge. */
export interface StitchProblem {
  model: Model;
  dataset: PairDataset;
  tail: StitchTarget;
  toLayer: string;
}

/** Source rows: one per target token (`perToken`) or one per target example. */
export interface BridgeInput {
  perToken: boolean;
  rows: Float64Matrix;
}

/** Trains a bridge from `init` on the examples `fit`, then scores it on `evaluate`. */
export function trainedBridgeAccuracy(
  p: StitchProblem,
  input: BridgeInput,
  fit: Int32Array,
  evaluate: Int32Array,
  init: AffineInit,
  options: BridgeOptions,
): number {
  const bridge = createBridge(input.rows.cols, outDim(p), options, init);
  try {
    const batch = p.model.batch(p.dataset, fit);
    const z = inputRows(input, fit);
    try {
      const loss = (): tf.Scalar =>
        batchLoss(tailLogits(p.tail, p.toLayer, bridge.apply(z), batch), batch);
      trainBridge(bridge, loss, options);
    } finally {
      disposeBatch(batch);
      z.dispose();
    }
    return bridgeAccuracy(p, input, evaluate, (h) => bridge.apply(h));
  } finally {
    bridge.dispose();
  }
}

/** Scores the affine bridge `init` as it is (no training). */
export function affineBridgeAccuracy(
  p: StitchProblem,
  input: BridgeInput,
  evaluate: Int32Array,
  init: AffineInit,
  options: BridgeOptions,
): number {
  const bridge = createBridge(input.rows.cols, outDim(p), { ...options, epsilon: 0 }, init);
  try {
    return bridgeAccuracy(p, input, evaluate, (h) => bridge.apply(h));
  } finally {
    bridge.dispose();
  }
}

/** The model's own accuracy on some examples. */
export function modelAccuracy(model: Model, dataset: PairDataset, indices: Int32Array): number {
  return accuracyOf(model, dataset, indices, (batch) => model.forward(batch).logits);
}

function outDim(p: StitchProblem): number {
  const width = p.tail.widths.get(p.toLayer);
  if (width === undefined) {
    throw new Error(`cannot stitch into layer "${p.toLayer}"`);
  }
  return width;
}

function bridgeAccuracy(
  p: StitchProblem,
  input: BridgeInput,
  evaluate: Int32Array,
  map: (h: tf.Tensor2D) => tf.Tensor2D,
): number {
  const z = inputRows(input, evaluate);
  try {
    return accuracyOf(p.model, p.dataset, evaluate, (batch) =>
      tailLogits(p.tail, p.toLayer, map(z), batch),
    );
  } finally {
    z.dispose();
  }
}

function accuracyOf(
  model: Model,
  dataset: PairDataset,
  indices: Int32Array,
  logitsOf: (batch: ModelBatch) => tf.Tensor2D,
): number {
  const batch = model.batch(dataset, indices);
  try {
    const acc = tf.tidy(() => batchAccuracy(logitsOf(batch), batch));
    const value = acc.dataSync()[0];
    acc.dispose();
    return value;
  } finally {
    disposeBatch(batch);
  }
}

/** The bridge's input: every token row (per token) or the rows of the examples. */
function inputRows(input: BridgeInput, examples: Int32Array): tf.Tensor2D {
  const { rows, cols, data } = input.rows;
  if (input.perToken) {
    return tf.tensor2d(Float32Array.from(data), [rows, cols]);
  }
  const out = new Float32Array(examples.length * cols);
  examples.forEach((e, i) => out.set(data.subarray(e * cols, (e + 1) * cols), i * cols));
  return tf.tensor2d(out, [examples.length, cols]);
}
