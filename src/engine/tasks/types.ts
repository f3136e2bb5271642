/**
 * The task interface: a task turns its config section and a seeded Rng into a dataset with a
 * train/test split. Pair-token tasks (this file's `PairDataset`) feed `embed-mlp`; sequence and
 * multi-label tasks add their own dataset kinds to the `Dataset` union, and each model states the
 * dataset kinds it accepts.
 */
import type { TaskConfig } from '../../shared/experimentConfig';
import type { Rng } from '../rng';

/** Classification of a pair of tokens (x, y) into one of `numClasses` labels. */
export interface PairDataset {
  kind: 'pairs';
  /** First and second token of every example, ids in 0..vocab-1. */
  a: Int32Array;
  b: Int32Array;
  /** Class label of every example, in 0..numClasses-1. */
  labels: Int32Array;
  vocab: number;
  numClasses: number;
  /** Indices into the examples; disjoint, together all examples. */
  train: Int32Array;
  test: Int32Array;
  /** Per-token labels for colouring analyses (e.g. residue mod m, a bit of the token). */
  tokenLabels: Record<string, Int32Array>;
}

/**
 * Next-token prediction on sequences `SOS w EOS PAD…` of one fixed length (formal languages).
 * Row i of `tokens` is sequence i; the model sees positions 0..T−2 and predicts 1..T−1.
 */
export interface SequenceDataset {
  kind: 'sequences';
  /** Token ids [count, seqLen], row-major. */
  tokens: Int32Array;
  count: number;
  seqLen: number;
  vocab: number;
  /** Special token ids. */
  pad: number;
  sos: number;
  eos: number;
  /** Token names by id (e.g. SOS, EOS, PAD, a, b), for display. */
  tokenNames: string[];
  /**
   * First target position (1-based index into the row) whose prediction counts in the loss: 1
   * for in-language sequences (everything after SOS), the completion start for the oracle or
   * adversarial completions of OOD prompts. Targets equal to PAD never count.
   */
  lossFrom: Int32Array;
  /** Indices of in-language sequences used for training, and the validation set. */
  train: Int32Array;
  test: Int32Array;
  /** Indices of extra training sequences (OOD prompt completions), empty for normal training. */
  extra: Int32Array;
  /** Per-token labels for colouring analyses (none for formal languages). */
  tokenLabels: Record<string, Int32Array>;
  /** numClasses = vocab: the model predicts a token. */
  numClasses: number;
}

export type Dataset = PairDataset | SequenceDataset;

/** A task kind: builds its dataset from its config. */
export interface TaskDefinition<C extends TaskConfig = TaskConfig> {
  kind: C['kind'];
  /** One line for logs and previews. */
  describe(config: C): string;
  /** Builds the full dataset; `rng` drives sampling and the split. */
  build(config: C, rng: Rng): Dataset;
}
