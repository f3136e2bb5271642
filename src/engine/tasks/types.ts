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

export type Dataset = PairDataset;

/** A task kind: builds its dataset from its config. */
export interface TaskDefinition<C extends TaskConfig = TaskConfig> {
  kind: C['kind'];
  /** One line for logs and previews. */
  describe(config: C): string;
  /** Builds the full dataset; `rng` drives sampling and the split. */
  build(config: C, rng: Rng): Dataset;
}
