/**
 * The relations of the family-tree task, computed from the tree. R(A, B) reads "A is the R of B":
 * parent(A, B) means A is B's parent. Cousins and aunts/uncles are first-degree.
 */
import type { FamilyRelation } from '../../../shared/experimentConfig';
import { familyRelations } from '../../../shared/experimentConfig';
import { type FamilyTree, ancestorAt } from './tree';

type RelationTest = (t: FamilyTree, a: number, b: number) => boolean;

/** A is an ancestor of B: B's ancestor at their generation difference is A. */
const isAncestor: RelationTest = (t, a, b) =>
  t.depth[a] < t.depth[b] && ancestorAt(t, b, t.depth[b] - t.depth[a]) === a;

/** A and B are distinct children of the same parent. */
const isSibling: RelationTest = (t, a, b) =>
  a !== b && t.parent[a] >= 0 && t.parent[a] === t.parent[b];

/** A is a sibling of B's parent. */
const isAuntUncle: RelationTest = (t, a, b) => t.parent[b] >= 0 && isSibling(t, a, t.parent[b]);

const tests: Record<FamilyRelation, RelationTest> = {
  parent: (t, a, b) => t.parent[b] === a,
  child: (t, a, b) => t.parent[a] === b,
  sibling: isSibling,
  grandparent: (t, a, b) => t.depth[b] - t.depth[a] === 2 && ancestorAt(t, b, 2) === a,
  grandchild: (t, a, b) => t.depth[a] - t.depth[b] === 2 && ancestorAt(t, a, 2) === b,
  ancestor: isAncestor,
  descendant: (t, a, b) => isAncestor(t, b, a),
  cousin: (t, a, b) =>
    t.parent[a] >= 0 && t.parent[b] >= 0 && isSibling(t, t.parent[a], t.parent[b]),
  aunt_uncle: isAuntUncle,
  niece_nephew: (t, a, b) => isAuntUncle(t, b, a),
  same_generation: (t, a, b) => a !== b && t.depth[a] === t.depth[b],
};

/** Whether `relation`(a, b) holds in the tree. */
export function relationHolds(
  tree: FamilyTree,
  relation: FamilyRelation,
  a: number,
  b: number,
): boolean {
  return tests[relation](tree, a, b);
}

/** The chosen relations, each once, in the canonical output order of `familyRelations`. */
export function selectRelations(chosen: readonly FamilyRelation[]): FamilyRelation[] {
  return familyRelations.filter((r) => chosen.includes(r));
}

/**
 * Multi-hot targets of the examples (a[i], b[i]): row i, column r is 1 when relations[r] holds.
 * @returns [count, relations.length] row-major.
 */
export function relationTargets(
  tree: FamilyTree,
  relations: readonly FamilyRelation[],
  a: Int32Array,
  b: Int32Array,
): Uint8Array {
  const r = relations.length;
  const out = new Uint8Array(a.length * r);
  const checks = relations.map((name) => tests[name]);
  for (let i = 0; i < a.length; i++) {
    checks.forEach((holds, k) => {
      out[i * r + k] = holds(tree, a[i], b[i]) ? 1 : 0;
    });
  }
  return out;
}
