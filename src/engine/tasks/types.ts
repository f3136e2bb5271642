/**
 * The task interface: a task turns its config section and a seeded Rng into a dataset with a
 * train/test split. Pair-token tasks (this file's `PairDataset`, single- or multi-label) feed
 * `embed-mlp`; sequence tasks have their own dataset kind in the `Dataset` union, and each model
 * states the dataset kinds it accepts.
 */
import type { TaskConfig } from '../../shared/experimentConfig';
import type { Rng } from '../rng';

/**
 * Classification of a pair of tokens (x, y) into one of `numClasses` labels or, with
 * `multiLabel`, a yes/no answer for each of `numClasses` classes (e.g. family relations).
 */
export interface PairDataset {
  kind: 'pairs';
  /** First and second token of every example, ids in 0..vocab-1 (persons for a family tree). */
  a: Int32Array;
  b: Int32Array;
  /**
   * Class label of every example, in 0..numClasses-1. With `multiLabel` it is for display only:
   * the first class that holds, or numClasses when none does.
   */
  labels: Int32Array;
  vocab: number;
  /** Classes, i.e. model outputs (relations of a multi-label task). */
  numClasses: number;
  /** Indices into the examples; disjoint, together all examples. */
  train: Int32Array;
  test: Int32Array;
  /** Per-token labels for colouring analyses (e.g. residue mod m, a bit of the token). */
  tokenLabels: Record<string, Int32Array>;
  /** Multi-hot targets; when present the task is multi-label (sigmoid outputs, BCE loss). */
  multiLabel?: MultiLabelTargets;
  /** Tokens are persons (family tree): their count and those held out of training. */
  persons?: PersonInfo;
  /**
   * Canonical id of every token id, for tasks that relabel their tokens (family tree: the
   * breadth-first position of every person); absent means the identity.
   */
  canonicalIds?: Int32Array;
}

/** The targets of a multi-label pair task. */
export interface MultiLabelTargets {
  /** 1 where class c holds for example i, at i·numClasses + c ([count, numClasses] row-major). */
  targets: Uint8Array;
  /** Name of every class (column), numClasses of them. */
  classNames: string[];
}

/** The persons of a task whose tokens are persons. */
export interface PersonInfo {
  /** Persons (= vocab). */
  count: number;
  /**
   * Persons that occur in no training pair, sorted: the held-out persons of a person split,
   * empty for a split of pairs.
   */
  heldOut: Int32Array;
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
  /**
   * Labels per (sequence, position), for analyses that group predictions (e.g. the carry skills
   * of addition): for every label name an Int8Array [count, seqLen], row-major. Entry (i, j)
   * describes token j of row i, the target predicted from tokens 0..j−1 (batch row (i, j − 1));
   * −1 where the label does not apply (positions outside the loss). Absent for tasks without
   * such labels.
   */
  positionLabels?: Record<string, Int8Array>;
}

export type Dataset = PairDataset | SequenceDataset;

/**
 * What a dataset needs besides its config: the train indices of a given split (`task.split`), as
 * read from its file by the runner. Tasks without given splits ignore it.
 */
export interface DatasetInputs {
  trainIndices?: Int32Array;
}

/** A task kind: builds its dataset from its config. */
export interface TaskDefinition<C extends TaskConfig = TaskConfig> {
  kind: C['kind'];
  /** One line for logs and previews. */
  describe(config: C): string;
  /** Builds the full dataset; `rng` drives sampling and the split. */
  build(config: C, rng: Rng, inputs?: DatasetInputs): Dataset;
}
