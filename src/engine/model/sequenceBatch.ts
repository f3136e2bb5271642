/**
 * Batches of next-token prediction for the sequence models (transformer, LSTM). A sequence of T
 * tokens gives T − 1 rows: the model reads tokens 0..T−2 and row (b, t), flattened as
 * b·(T−1) + t, predicts token t + 1 of sequence b.
 *
 * Loss weights make the loss Σ_r w_r·ce_r equal to
 *   mean over the counted targets of the in-language rows
 *   + mean over the counted targets of the extra rows (`dataset.extra`, OOD prompt completions),
 * each term normalised by its own count within the batch (a term with no counted target is 0).
 * A target counts when it is not PAD and its position j = t + 1 is at least the row's
 * `lossFrom`. Without extra rows this is the plain mean over counted targets.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset, SequenceDataset } from '../tasks/types';
import type { ModelBatch } from './types';

/** The dataset as a SequenceDataset, or a clear error naming the mismatch. */
export function requireSequences(dataset: Dataset, model: string): SequenceDataset {
  if (dataset.kind !== 'sequences') {
    throw new Error(
      `the ${model} model needs a sequence task (next-token prediction), ` +
        `but the task gives a "${dataset.kind}" dataset`,
    );
  }
  return dataset;
}

const extraSets = new WeakMap<SequenceDataset, Set<number>>();

function extraSet(ds: SequenceDataset): Set<number> {
  let set = extraSets.get(ds);
  if (set === undefined) {
    set = new Set(ds.extra);
    extraSets.set(ds, set);
  }
  return set;
}

/** Loss weight of every row [indices.length·(T−1)] (see the file comment). */
export function sequenceLossWeights(ds: SequenceDataset, indices: Int32Array): Float32Array {
  const T = ds.seqLen;
  const P = T - 1;
  const extra = extraSet(ds);
  const w = new Float32Array(indices.length * P);
  const isExtra = new Uint8Array(indices.length);
  const counts = [0, 0];
  indices.forEach((i, b) => {
    isExtra[b] = extra.has(i) ? 1 : 0;
    for (let t = Math.max(0, ds.lossFrom[i] - 1); t < P; t++) {
      if (ds.tokens[i * T + t + 1] !== ds.pad) {
        w[b * P + t] = 1;
        counts[isExtra[b]] += 1;
      }
    }
  });
  const scale = counts.map((c) => (c > 0 ? 1 / c : 0));
  for (let b = 0; b < indices.length; b++) {
    const s = scale[isExtra[b]];
    for (let t = 0; t < P; t++) {
      w[b * P + t] *= s;
    }
  }
  return w;
}

/** Input tokens [B, T−1] and target tokens [B·(T−1)] of the given sequences. */
export function sequenceTokens(
  ds: SequenceDataset,
  indices: Int32Array,
): { inputs: Int32Array; labels: Int32Array } {
  const T = ds.seqLen;
  const P = T - 1;
  const inputs = new Int32Array(indices.length * P);
  const labels = new Int32Array(indices.length * P);
  indices.forEach((i, b) => {
    inputs.set(ds.tokens.subarray(i * T, i * T + P), b * P);
    labels.set(ds.tokens.subarray(i * T + 1, (i + 1) * T), b * P);
  });
  return { inputs, labels };
}

/**
 * The batch of sequences `indices`: inputs [tokens int32 [B, T−1]], labels [B·(T−1)], one-hot
 * targets, loss weights, size = B.
 */
export function sequenceBatch(dataset: Dataset, indices: Int32Array, model: string): ModelBatch {
  const ds = requireSequences(dataset, model);
  if (ds.seqLen < 2) {
    throw new Error(`sequences of length ${ds.seqLen} have nothing to predict`);
  }
  const { inputs, labels } = sequenceTokens(ds, indices);
  const weights = sequenceLossWeights(ds, indices);
  return tf.tidy(() => {
    const labelT = tf.tensor1d(labels, 'int32');
    return {
      inputs: [tf.tensor2d(inputs, [indices.length, ds.seqLen - 1], 'int32')],
      labels: labelT,
      targets: tf.cast(tf.oneHot(labelT, ds.numClasses), 'float32') as tf.Tensor2D,
      weights: tf.tensor1d(weights),
      size: indices.length,
    };
  });
}
