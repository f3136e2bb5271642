/**
 * Answer-level metrics of sequence tasks whose loss covers a whole answer (addition), from the
 * model's argmax predictions. Pure functions: the caller runs the model and passes the predicted
 * token of every batch row, laid out as `sequenceBatch` lays out its rows, i.e. [B × (T − 1)]
 * where row (b, t) predicts token t + 1 of sequence indices[b].
 *
 * Exact match counts a sequence when every counted target (position ≥ `lossFrom`, not PAD) is
 * predicted right under teacher forcing. That equals greedy decoding of the answer from the
 * prompt: if every step's argmax is right, greedy decoding only ever sees the true prefix and
 * writes the true answer; if one is wrong, the first wrong one is also made by greedy decoding.
 */
import type { SequenceDataset } from '../types';

/** Argmax class of every row of logits [rows × classes] (the first one on a tie). */
export function argmaxTokens(logits: ArrayLike<number>, classes: number): Int32Array {
  const rows = Math.floor(logits.length / classes);
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 1; c < classes; c++) {
      if (logits[r * classes + c] > logits[r * classes + best]) {
        best = c;
      }
    }
    out[r] = best;
  }
  return out;
}

/** Calls `visit(b, j, right)` for every counted target: sequence b of the batch, row position j. */
function forEachCounted(
  ds: SequenceDataset,
  indices: Int32Array,
  predicted: Int32Array,
  visit: (b: number, j: number, right: boolean) => void,
): void {
  const T = ds.seqLen;
  if (predicted.length !== indices.length * (T - 1)) {
    throw new Error(
      `${predicted.length} predictions are not ${indices.length} sequences of ${T - 1} targets`,
    );
  }
  indices.forEach((i, b) => {
    for (let j = Math.max(1, ds.lossFrom[i]); j < T; j++) {
      const target = ds.tokens[i * T + j];
      if (target !== ds.pad) {
        visit(b, j, predicted[b * (T - 1) + j - 1] === target);
      }
    }
  });
}

/** Per sequence of `indices`: 1 when every answer token is predicted right, else 0. */
export function answersCorrect(
  ds: SequenceDataset,
  indices: Int32Array,
  predicted: Int32Array,
): Uint8Array {
  const correct = new Uint8Array(indices.length).fill(1);
  forEachCounted(ds, indices, predicted, (b, _j, right) => {
    if (!right) {
      correct[b] = 0;
    }
  });
  return correct;
}

/** Fraction of the sequences whose whole answer is right (exact match; 0 for no sequences). */
export function exactMatchAccuracy(
  ds: SequenceDataset,
  indices: Int32Array,
  predicted: Int32Array,
): number {
  const correct = answersCorrect(ds, indices, predicted);
  return correct.length === 0 ? 0 : correct.reduce((s, x) => s + x, 0) / correct.length;
}

/** Right and counted answer tokens of one label value. */
export interface LabelTally {
  right: number;
  total: number;
}

/**
 * Token accuracy over the answer tokens grouped by the value of a position label (e.g.
 * `carryIn` 0 vs 1, or `digitIndex`), as value → tally. Positions where the label is −1 are
 * skipped. Throws when the dataset has no such label.
 */
export function accuracyByPositionLabel(
  ds: SequenceDataset,
  indices: Int32Array,
  predicted: Int32Array,
  label: string,
): Map<number, LabelTally> {
  const values = ds.positionLabels?.[label];
  if (values === undefined) {
    throw new Error(`the dataset has no position label "${label}"`);
  }
  const tallies = new Map<number, LabelTally>();
  forEachCounted(ds, indices, predicted, (b, j, right) => {
    const v = values[indices[b] * ds.seqLen + j];
    if (v < 0) {
      return;
    }
    const t = tallies.get(v) ?? { right: 0, total: 0 };
    t.right += right ? 1 : 0;
    t.total += 1;
    tallies.set(v, t);
  });
  return tallies;
}
