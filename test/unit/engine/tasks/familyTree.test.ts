import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRng } from '../../../../src/engine/rng';
import { familyPersons } from '../../../../src/shared/tasks/familyTreeSizes';
import { familyTree } from '../../../../src/engine/tasks/familyTree/tree';
import { buildDataset, describeTask } from '../../../../src/engine/tasks/registry';
import type { PairDataset } from '../../../../src/engine/tasks/types';
import { experimentConfigSchema, familyRelations } from '../../../../src/shared/experimentConfig';
import type { TaskConfig } from '../../../../src/shared/experimentConfig';
import { taskSize } from '../../../../src/shared/taskSizes';

function task(raw: object): TaskConfig {
  return experimentConfigSchema.parse({ task: { kind: 'family-tree', ...raw } }).task;
}

function build(raw: object, seed = 0): PairDataset {
  const ds = buildDataset(task(raw), createRng(seed));
  assert.equal(ds.kind, 'pairs');
  assert.ok(ds.kind === 'pairs' && ds.multiLabel !== undefined, 'family trees are multi-label');
  return ds;
}

/** Positive pairs of every relation, by name. */
function relationCounts(ds: PairDataset): Record<string, number> {
  const ml = ds.multiLabel;
  assert.ok(ml);
  const out: Record<string, number> = {};
  ml.classNames.forEach((name, k) => {
    let n = 0;
    for (let i = 0; i < ds.a.length; i++) {
      n += ml.targets[i * ds.numClasses + k];
    }
    out[name] = n;
  });
  return out;
}

type Matrix = boolean[][];

/** Relation `name` as an N×N matrix: m[a][b] is whether name(a, b) holds. */
function matrix(ds: PairDataset, name: string): Matrix {
  const k = ds.multiLabel?.classNames.indexOf(name) ?? -1;
  assert.ok(k >= 0, `${name} is a class`);
  const m: Matrix = Array.from({ length: ds.vocab }, () =>
    new Array<boolean>(ds.vocab).fill(false),
  );
  for (let i = 0; i < ds.a.length; i++) {
    m[ds.a[i]][ds.b[i]] = ds.multiLabel?.targets[i * ds.numClasses + k] === 1;
  }
  return m;
}

/** (x ∘ y)(a, b) = ∃ m: x(a, m) ∧ y(m, b). */
function compose(x: Matrix, y: Matrix): Matrix {
  const n = x.length;
  return x.map((row) =>
    Array.from({ length: n }, (_, b) => row.some((held, m) => held && y[m][b])),
  );
}

function transpose(x: Matrix): Matrix {
  return x.map((row, a) => row.map((_, b) => x[b][a]));
}

/** Transitive closure (Warshall). */
function closure(x: Matrix): Matrix {
  const c = x.map((row) => [...row]);
  const n = c.length;
  for (let m = 0; m < n; m++) {
    for (let a = 0; a < n; a++) {
      if (c[a][m]) {
        for (let b = 0; b < n; b++) {
          c[a][b] ||= c[m][b];
        }
      }
    }
  }
  return c;
}

describe('family tree: the tree', () => {
  it('has Σ c^g persons', () => {
    assert.equal(familyPersons(6, 2), 63);
    assert.equal(familyPersons(3, 2), 7);
    assert.equal(familyPersons(5, 3), 121);
    assert.equal(familyPersons(4, 1), 4);
  });

  it('numbers persons breadth-first without a shuffle', () => {
    const t = familyTree(3, 2);
    assert.deepEqual(Array.from(t.parent), [-1, 0, 0, 1, 1, 2, 2]);
    assert.deepEqual(Array.from(t.depth), [0, 1, 1, 2, 2, 2, 2]);
    // Branch: which child of the root a person descends from; the root has its own value c.
    assert.deepEqual(Array.from(t.branch), [2, 0, 1, 0, 0, 1, 1]);
  });

  it('relabels persons by a seeded permutation, deterministically', () => {
    const [x, y] = [familyTree(4, 3, 7), familyTree(4, 3, 7)];
    assert.deepEqual(x.ids, y.ids);
    assert.notDeepEqual(Array.from(x.ids), Array.from(familyTree(4, 3).ids));
    assert.deepEqual(
      [...x.ids].sort((p, q) => p - q),
      Array.from(familyTree(4, 3).ids),
    );
  });
});

describe('family tree: relations on G = 3, c = 2', () => {
  // Root r (0); its children p (1) and q (2); p's children a (3), b (4); q's children c (5), d (6).
  const ds = build({ generations: 3, children: 2, shuffleIds: false });

  it('labels every ordered pair of distinct persons', () => {
    assert.equal(ds.a.length, 7 * 6);
    assert.equal(ds.vocab, 7);
    assert.equal(ds.numClasses, 11);
    assert.deepEqual(ds.multiLabel?.classNames, [...familyRelations]);
    assert.ok(Array.from(ds.a).every((a, i) => a !== ds.b[i]));
  });

  it('counts each relation as worked out by hand', () => {
    assert.deepEqual(relationCounts(ds), {
      parent: 6, // r→p, r→q, p→a, p→b, q→c, q→d
      child: 6, // the same edges reversed
      sibling: 6, // p↔q, a↔b, c↔d, both directions
      grandparent: 4, // r→a, r→b, r→c, r→d
      grandchild: 4,
      ancestor: 10, // 6 parent edges + 4 grandparent pairs
      descendant: 10,
      cousin: 8, // {a, b} × {c, d}, both directions
      aunt_uncle: 4, // p→c, p→d, q→a, q→b
      niece_nephew: 4,
      same_generation: 14, // p↔q: 2, plus 4·3 ordered pairs among a, b, c, d
    });
  });

  it('sets the right relations for chosen pairs', () => {
    const holds = (a: number, b: number): string[] => {
      const i = Array.from(ds.a).findIndex((x, k) => x === a && ds.b[k] === b);
      return familyRelations.filter((_, k) => ds.multiLabel?.targets[i * 11 + k] === 1);
    };
    assert.deepEqual(holds(0, 1), ['parent', 'ancestor']);
    assert.deepEqual(holds(3, 0), ['grandchild', 'descendant']);
    assert.deepEqual(holds(3, 5), ['cousin', 'same_generation']);
    assert.deepEqual(holds(1, 5), ['aunt_uncle']);
    assert.deepEqual(holds(6, 1), ['niece_nephew']);
    assert.deepEqual(holds(3, 4), ['sibling', 'same_generation']);
  });

  it('gives display labels: the first relation that holds, or numClasses for none', () => {
    const i = Array.from(ds.a).findIndex((x, k) => x === 1 && ds.b[k] === 5);
    assert.equal(ds.labels[i], familyRelations.indexOf('aunt_uncle'));
    const none = build({ generations: 4, children: 2, shuffleIds: false });
    // Person 1 (generation 1) and 11 (a grandchild of 2, so a grand-nephew): no relation.
    const j = Array.from(none.a).findIndex((x, k) => x === 1 && none.b[k] === 11);
    assert.equal(none.labels[j], 11);
  });

  it('keeps the chosen relations only, in the canonical order', () => {
    const sub = build({ generations: 3, relations: ['cousin', 'parent'], shuffleIds: false });
    assert.deepEqual(sub.multiLabel?.classNames, ['parent', 'cousin']);
    assert.equal(sub.numClasses, 2);
    assert.deepEqual(relationCounts(sub), { parent: 6, cousin: 8 });
  });

  it('labels tokens by generation and branch', () => {
    assert.deepEqual(Array.from(ds.tokenLabels.generation), [0, 1, 1, 2, 2, 2, 2]);
    assert.deepEqual(Array.from(ds.tokenLabels.branch), [2, 0, 1, 0, 0, 1, 1]);
  });
});

describe('family tree: relation invariants on G = 5, c = 3', () => {
  const ds = build({ generations: 5, children: 3 });
  const m = Object.fromEntries(familyRelations.map((r) => [r, matrix(ds, r)]));

  it('has 121 persons, one parent each but the root', () => {
    assert.equal(ds.vocab, 121);
    const parents = transpose(m.parent).map((row) => row.filter(Boolean).length);
    assert.deepEqual([...parents].sort((x, y) => x - y).slice(0, 2), [0, 1]);
    assert.equal(parents.filter((k) => k === 1).length, 120);
  });

  it('pairs each relation with its inverse', () => {
    assert.deepEqual(m.child, transpose(m.parent));
    assert.deepEqual(m.grandchild, transpose(m.grandparent));
    assert.deepEqual(m.descendant, transpose(m.ancestor));
    assert.deepEqual(m.niece_nephew, transpose(m.aunt_uncle));
  });

  it('has symmetric sibling, cousin and same_generation', () => {
    for (const r of ['sibling', 'cousin', 'same_generation']) {
      assert.deepEqual(m[r], transpose(m[r]), r);
    }
  });

  it('composes grandparent, aunt_uncle and cousin from parent and sibling', () => {
    assert.deepEqual(m.grandparent, compose(m.parent, m.parent));
    assert.deepEqual(m.aunt_uncle, compose(m.sibling, m.parent));
    assert.deepEqual(m.cousin, compose(compose(m.child, m.sibling), m.parent));
    assert.deepEqual(
      m.sibling,
      compose(m.child, m.parent).map((row, a) => row.map((x, b) => x && a !== b)),
    );
  });

  it('makes ancestor the transitive closure of parent', () => {
    assert.deepEqual(m.ancestor, closure(m.parent));
    assert.deepEqual(closure(m.ancestor), m.ancestor);
  });

  it('makes same_generation equal depth', () => {
    const g = ds.tokenLabels.generation;
    m.same_generation.forEach((row, a) =>
      row.forEach((x, b) => assert.equal(x, a !== b && g[a] === g[b])),
    );
  });
});

describe('family tree: id shuffle', () => {
  const plain = build({ generations: 4, children: 3, shuffleIds: false });
  const shuffled = build({ generations: 4, children: 3 });

  it('is a relabelling: same relation counts, targets follow canonicalIds', () => {
    assert.deepEqual(relationCounts(shuffled), relationCounts(plain));
    const canon = shuffled.canonicalIds;
    assert.ok(canon);
    assert.notDeepEqual(Array.from(canon), Array.from(plain.canonicalIds ?? []));
    const n = plain.vocab;
    // Rows are (a, b) in id order with a ≠ b: row of (x, y) is x·(n − 1) + y − [y > x].
    const row = (x: number, y: number): number => x * (n - 1) + y - (y > x ? 1 : 0);
    for (let i = 0; i < shuffled.a.length; i++) {
      const j = row(canon[shuffled.a[i]], canon[shuffled.b[i]]);
      assert.deepEqual(
        shuffled.multiLabel?.targets.subarray(i * 11, i * 11 + 11),
        plain.multiLabel?.targets.subarray(j * 11, j * 11 + 11),
      );
    }
  });

  it('is deterministic and the same for every data seed', () => {
    const other = build({ generations: 4, children: 3 }, 99);
    assert.deepEqual(other.canonicalIds, shuffled.canonicalIds);
    assert.deepEqual(other.multiLabel?.targets, shuffled.multiLabel?.targets);
    assert.deepEqual(other.tokenLabels, shuffled.tokenLabels);
    assert.notDeepEqual(other.train, shuffled.train, 'the split still follows the seed');
  });
});

describe('family tree: splits', () => {
  const checkCover = (ds: PairDataset): void => {
    const all = new Set([...ds.train, ...ds.test]);
    assert.equal(all.size, ds.a.length, 'disjoint and covering');
    assert.equal(ds.train.length + ds.test.length, ds.a.length);
  };

  it('splits pairs at random, matching taskSize', () => {
    const config = { generations: 4, children: 2, trainFraction: 0.7 };
    const ds = build(config, 3);
    checkCover(ds);
    assert.equal(ds.train.length, Math.round(210 * 0.7));
    assert.equal(taskSize(task(config)).train, ds.train.length);
    assert.equal(ds.persons?.heldOut.length, 0);
    assert.deepEqual(build(config, 3).train, ds.train);
  });

  it('holds persons out: test pairs each involve a held-out person, train pairs none', () => {
    const config = { generations: 5, children: 2, split: 'persons', trainFraction: 0.75 };
    const ds = build(config, 5);
    checkCover(ds);
    const held = new Set(ds.persons?.heldOut);
    assert.equal(held.size, 31 - Math.round(31 * 0.75));
    for (const i of ds.train) {
      assert.ok(!held.has(ds.a[i]) && !held.has(ds.b[i]));
    }
    for (const i of ds.test) {
      assert.ok(held.has(ds.a[i]) || held.has(ds.b[i]));
    }
    const size = taskSize(task(config));
    assert.deepEqual([size.train, size.test], [ds.train.length, ds.test.length]);
    assert.equal(ds.train.length, 23 * 22);
    assert.deepEqual(build(config, 5).persons?.heldOut, ds.persons?.heldOut);
    assert.notDeepEqual(build(config, 6).persons?.heldOut, ds.persons?.heldOut);
  });
});

describe('family tree: sizes and description', () => {
  it('describes the default task in one line', () => {
    assert.equal(
      describeTask(task({})),
      'family tree G=6 c=2: 63 persons, 3906 pairs, 11 relations',
    );
  });

  it('reports vocabulary and classes as persons and relations', () => {
    const size = taskSize(task({ generations: 3, children: 3, relations: ['parent', 'sibling'] }));
    assert.deepEqual(size, { examples: 156, train: 125, test: 31, vocab: 13, classes: 2 });
  });
});
