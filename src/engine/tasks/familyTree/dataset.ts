/**
 * The family-tree task: every ordered pair (A, B) of distinct persons, in id order (A major), with
 * a multi-hot target saying which of the chosen relations R(A, B) hold. Pair (a, b) of N persons
 * is example a·(N−1) + b − [b > a], the order a given split's train indices refer to.
 */
import type { Rng } from '../../rng';
import { givenSplit, randomSplit } from '../split';
import type { DatasetInputs, PairDataset, TaskDefinition } from '../types';
import { relationTargets, selectRelations } from './relations';
import { personSplit } from './split';
import { type FamilyTreeConfig, familyTreeSize } from '../../../shared/tasks/familyTreeSizes';
import { familyTree } from './tree';

/** Seed of the id relabelling: fixed, so every run (and seed) numbers the persons alike. */
export const PERSON_ID_SEED = 0x5eed;

/** The family-tree task kind, for the task registry. */
export const familyTreeTask: TaskDefinition<FamilyTreeConfig> = {
  kind: 'family-tree',
  describe: describeFamilyTree,
  build: buildFamilyTree,
};

/** E.g. "family tree G=6 c=2: 63 persons, 3906 pairs, 11 relations". */
export function describeFamilyTree(config: FamilyTreeConfig): string {
  const size = familyTreeSize(config);
  const held = config.split === 'persons' ? ', persons held out' : '';
  return (
    `family tree G=${config.generations} c=${config.children}: ${size.persons} persons, ` +
    `${size.examples} pairs, ${size.relations} relations${held}`
  );
}

/**
 * Builds the dataset. `rng` draws only the split (of pairs, or of persons); the id relabelling
 * uses its own fixed seed.
 */
export function buildFamilyTree(
  config: FamilyTreeConfig,
  rng: Rng,
  inputs: DatasetInputs = {},
): PairDataset {
  const shuffleSeed = config.shuffleIds ? PERSON_ID_SEED : undefined;
  const tree = familyTree(config.generations, config.children, shuffleSeed);
  const relations = selectRelations(config.relations);
  const { a, b } = orderedPairs(tree.persons);
  const targets = relationTargets(tree, relations, a, b);
  const split =
    typeof config.split === 'object'
      ? indexSplit(a, b, tree.persons, config.split.trainIndices, inputs)
      : config.split === 'persons'
        ? personSplit(a, b, tree.persons, config.trainFraction, rng)
        : { ...randomSplit(a.length, config.trainFraction, rng), heldOut: new Int32Array(0) };
  return {
    kind: 'pairs',
    a,
    b,
    labels: firstTrue(targets, relations.length),
    vocab: tree.persons,
    numClasses: relations.length,
    train: split.train,
    test: split.test,
    tokenLabels: { generation: tree.depth, branch: tree.branch },
    multiLabel: { targets, classNames: [...relations] },
    persons: { count: tree.persons, heldOut: split.heldOut },
    canonicalIds: canonicalIds(tree.ids),
  };
}

/** A given split of the pairs; persons in no train pair count as held out. */
function indexSplit(
  a: Int32Array,
  b: Int32Array,
  persons: number,
  file: string,
  inputs: DatasetInputs,
): { train: Int32Array; test: Int32Array; heldOut: Int32Array } {
  if (inputs.trainIndices === undefined) {
    throw new Error(`task.split.trainIndices (${file}) was not read`);
  }
  const { train, test } = givenSplit(a.length, inputs.trainIndices);
  const seen = new Uint8Array(persons);
  train.forEach((i) => (seen[a[i]] = seen[b[i]] = 1));
  const heldOut = Int32Array.from({ length: persons }, (_, p) => p).filter((p) => seen[p] === 0);
  return { train, test, heldOut };
}

/** Inverse of `ids` (person at each breadth-first position): the position of every person. */
function canonicalIds(ids: Int32Array): Int32Array {
  const out = new Int32Array(ids.length);
  ids.forEach((id, position) => {
    out[id] = position;
  });
  return out;
}

/** All ordered pairs (a, b) of distinct ids in 0..n−1, a major. */
function orderedPairs(n: number): { a: Int32Array; b: Int32Array } {
  const a = new Int32Array(n * (n - 1));
  const b = new Int32Array(n * (n - 1));
  let i = 0;
  for (let x = 0; x < n; x++) {
    for (let y = 0; y < n; y++) {
      if (x !== y) {
        [a[i], b[i]] = [x, y];
        i++;
      }
    }
  }
  return { a, b };
}

/** Display label of every row: its first set column, or `width` for a row of zeros. */
function firstTrue(targets: Uint8Array, width: number): Int32Array {
  const rows = targets.length / width;
  const out = new Int32Array(rows).fill(width);
  for (let i = 0; i < rows; i++) {
    const k = targets.subarray(i * width, (i + 1) * width).indexOf(1);
    out[i] = k < 0 ? width : k;
  }
  return out;
}
