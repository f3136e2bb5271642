/** Seeded train/test splits shared by all tasks. */
import { type Rng, permutation } from '../rng';

/**
 * Splits n examples at random: round(n·trainFraction) go to train. Index lists are sorted so the
 * example order inside each split does not depend on the permutation.
 */
export function randomSplit(
  n: number,
  trainFraction: number,
  rng: Rng,
): { train: Int32Array; test: Int32Array } {
  const perm = permutation(n, rng);
  const nTrain = Math.round(n * trainFraction);
  const train = perm.slice(0, nTrain).sort();
  const test = perm.slice(nTrain).sort();
  return { train, test };
}

/**
 * A split given by its train indices (into the task's full example list); the test set is every
 * other example. Both lists come out sorted. Throws when an index is out of range or repeated, or
 * when either set would be empty (the runner reports these with the file's name first).
 */
export function givenSplit(
  n: number,
  trainIndices: Int32Array,
): { train: Int32Array; test: Int32Array } {
  const inTrain = new Uint8Array(n);
  for (const i of trainIndices) {
    if (i < 0 || i >= n) {
      throw new Error(`train index ${i} is out of range 0..${n - 1}`);
    }
    if (inTrain[i] === 1) {
      throw new Error(`train index ${i} is listed twice`);
    }
    inTrain[i] = 1;
  }
  const train = Int32Array.from(trainIndices).sort();
  const test = Int32Array.from({ length: n }, (_, i) => i).filter((i) => inTrain[i] === 0);
  if (train.length === 0 || test.length === 0) {
    throw new Error(
      `a split needs train and test examples, got ${train.length} and ${test.length}`,
    );
  }
  return { train, test };
}
