/** The person-held-out split of the family-tree task. */
import { type Rng, permutation } from '../../rng';
import { trainPersons } from '../../../shared/tasks/familyTreeSizes';

/**
 * Draws round(N·trainFraction) train persons; an example (a[i], b[i]) trains when both persons are
 * train persons and is a test example otherwise, so every test pair involves a held-out person.
 * Index lists and held-out persons are sorted.
 */
export function personSplit(
  a: Int32Array,
  b: Int32Array,
  persons: number,
  trainFraction: number,
  rng: Rng,
): { train: Int32Array; test: Int32Array; heldOut: Int32Array } {
  const perm = permutation(persons, rng);
  const k = trainPersons(persons, trainFraction);
  const isTrain = new Uint8Array(persons);
  perm.subarray(0, k).forEach((p) => (isTrain[p] = 1));
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < a.length; i++) {
    (isTrain[a[i]] === 1 && isTrain[b[i]] === 1 ? train : test).push(i);
  }
  return {
    train: Int32Array.from(train),
    test: Int32Array.from(test),
    heldOut: perm.slice(k).sort(),
  };
}
