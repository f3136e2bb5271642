/**
 * The genealogy of the family-tree task: a rooted tree in which every person of generations
 * 0..G−2 has c children. Persons are numbered breadth-first (root 0, then generation 1, …) or by
 * a seeded permutation of those numbers, so that the ids carry no information about the tree.
 */
import { familyPersons } from '../../../shared/tasks/familyTreeSizes';
import { createRng, permutation } from '../../rng';

/** A generated family tree; every array is indexed by person id. */
export interface FamilyTree {
  persons: number;
  generations: number;
  children: number;
  /** Parent of every person, −1 for the root. */
  parent: Int32Array;
  /** Generation (depth) of every person, 0 for the root. */
  depth: Int32Array;
  /** Which child of the root (0..c−1) a person descends from; c for the root itself. */
  branch: Int32Array;
  /** Id of the person at every breadth-first position (position 0 is the root). */
  ids: Int32Array;
}

/**
 * Builds the tree. With `shuffleSeed` the breadth-first numbering is relabelled by a permutation
 * drawn from that seed (deterministic); without it, ids are the breadth-first positions.
 */
export function familyTree(
  generations: number,
  children: number,
  shuffleSeed?: number,
): FamilyTree {
  const persons = familyPersons(generations, children);
  const ids =
    shuffleSeed === undefined
      ? Int32Array.from({ length: persons }, (_, i) => i)
      : permutation(persons, createRng(shuffleSeed));
  const parent = new Int32Array(persons).fill(-1);
  const depth = new Int32Array(persons);
  const branch = new Int32Array(persons).fill(children);
  // Breadth-first position j ≥ 1 has parent position ⌊(j − 1)/c⌋.
  for (let j = 1; j < persons; j++) {
    const up = Math.floor((j - 1) / children);
    const [id, parentId] = [ids[j], ids[up]];
    parent[id] = parentId;
    depth[id] = depth[parentId] + 1;
    branch[id] = up === 0 ? j - 1 : branch[parentId];
  }
  return { persons, generations, children, parent, depth, branch, ids };
}

/** The ancestor `hops` generations above `person` (the person itself for 0; −1 above the root). */
export function ancestorAt(tree: FamilyTree, person: number, hops: number): number {
  let p = person;
  for (let k = 0; k < hops && p >= 0; k++) {
    p = tree.parent[p];
  }
  return p;
}
