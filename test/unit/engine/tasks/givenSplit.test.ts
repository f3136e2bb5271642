import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRng } from '../../../../src/engine/rng';
import { buildDataset } from '../../../../src/engine/tasks/registry';
import { givenSplit } from '../../../../src/engine/tasks/split';
import type { PairDataset } from '../../../../src/engine/tasks/types';
import { experimentConfigSchema } from '../../../../src/shared/experimentConfig';
import type { TaskConfig } from '../../../../src/shared/experimentConfig';
import { taskSize } from '../../../../src/shared/taskSizes';

function task(raw: object): TaskConfig {
  return experimentConfigSchema.parse({ task: raw }).task;
}

function pairs(config: TaskConfig, seed: number, trainIndices?: Int32Array): PairDataset {
  const ds = buildDataset(config, createRng(seed), { trainIndices });
  assert.equal(ds.kind, 'pairs');
  return ds;
}

const split = { trainIndices: '/nowhere/train.npy' };
const cases: { raw: object; v: number }[] = [
  { raw: { kind: 'modular-addition', p: 7 }, v: 7 },
  { raw: { kind: 'remainder-equivalence', n: 6, m: 3 }, v: 6 },
  { raw: { kind: 'multi-digit-xor', bits: 2 }, v: 4 },
];

describe('given splits of the pair tasks', () => {
  for (const { raw, v } of cases) {
    const config = task({ ...raw, split });
    const indices = Int32Array.from([9, 0, 4, v * v - 1, 2]);
    const ds = pairs(config, 1, indices);

    it(`${config.kind}: example a·v + b is the pair (a, b), over all v² pairs`, () => {
      assert.equal(ds.labels.length, v * v);
      assert.equal(taskSize(config).examples, v * v);
      for (let i = 0; i < v * v; i++) {
        assert.deepEqual([ds.a[i], ds.b[i]], [Math.floor(i / v), i % v], `example ${i}`);
      }
    });

    it(`${config.kind}: trains on exactly the given indices, tests on all others`, () => {
      assert.deepEqual([...ds.train], [0, 2, 4, 9, v * v - 1]);
      const rest = Array.from({ length: v * v }, (_, i) => i).filter((i) => !indices.includes(i));
      assert.deepEqual([...ds.test], rest);
    });

    it(`${config.kind}: the split does not depend on the seed`, () => {
      const other = pairs(config, 7, indices);
      assert.deepEqual(other.train, ds.train);
      assert.deepEqual(other.test, ds.test);
    });
  }

  it('the train indices of a random split give the same train and test sets', () => {
    for (const raw of [cases[0].raw, cases[2].raw]) {
      const random = pairs(task({ ...raw, trainFraction: 0.6 }), 3);
      const given = pairs(task({ ...raw, split }), 11, random.train);
      assert.deepEqual(given.train, random.train);
      assert.deepEqual(given.test, random.test);
      assert.deepEqual(given.a, random.a);
      assert.deepEqual(given.b, random.b);
      assert.deepEqual(given.labels, random.labels);
    }
  });

  it('refuses to build without the indices read from the file', () => {
    assert.throws(() => pairs(task({ kind: 'modular-addition', p: 5, split }), 1), /was not read/);
  });

  it('rejects out-of-range and repeated indices and an empty train or test set', () => {
    assert.throws(
      () => givenSplit(4, Int32Array.from([4])),
      /train index 4 is out of range 0\.\.3/,
    );
    assert.throws(() => givenSplit(4, Int32Array.from([-1])), /out of range/);
    assert.throws(() => givenSplit(4, Int32Array.from([1, 1])), /index 1 is listed twice/);
    assert.throws(() => givenSplit(4, new Int32Array(0)), /got 0 and 4/);
    assert.throws(() => givenSplit(2, Int32Array.from([1, 0])), /got 2 and 0/);
  });
});

describe('given splits of the family tree', () => {
  const config = task({
    kind: 'family-tree',
    generations: 3,
    children: 2,
    split: { trainIndices: '/nowhere/train.npy' },
  });
  const n = 7;

  it('pair (a, b) is example a·(N−1) + b − [b > a]', () => {
    const ds = pairs(config, 1, Int32Array.from([0]));
    assert.equal(ds.labels.length, n * (n - 1));
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        if (a !== b) {
          const i = a * (n - 1) + b - (b > a ? 1 : 0);
          assert.deepEqual([ds.a[i], ds.b[i]], [a, b]);
        }
      }
    }
  });

  it('trains on the given pairs and holds out the persons in none of them', () => {
    const ds = pairs(config, 1, Int32Array.from([5, 0]));
    assert.deepEqual([...ds.train], [0, 5]);
    assert.equal(ds.test.length, n * (n - 1) - 2);
    const inTrain = new Set([ds.a[0], ds.b[0], ds.a[5], ds.b[5]]);
    const held = Array.from({ length: n }, (_, p) => p).filter((p) => !inTrain.has(p));
    assert.deepEqual([...(ds.persons?.heldOut ?? [])], held);
  });

  it('the train indices of a random pair split give the same sets', () => {
    const random = pairs(task({ kind: 'family-tree', generations: 3, children: 2 }), 4);
    const given = pairs(config, 9, random.train);
    assert.deepEqual(given.train, random.train);
    assert.deepEqual(given.test, random.test);
  });
});
