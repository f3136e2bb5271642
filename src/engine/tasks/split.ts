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
