import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRng } from '../../../../src/engine/rng';
import { buildDataset } from '../../../../src/engine/tasks/registry';
import type { PairDataset } from '../../../../src/engine/tasks/types';
import { experimentConfigSchema } from '../../../../src/shared/experimentConfig';
import type { TaskConfig } from '../../../../src/shared/experimentConfig';
import { positivePairs, taskSize } from '../../../../src/shared/taskSizes';

/** The dataset of a pair task (these tasks always build pairs). */
function buildPairs(config: TaskConfig, rng: ReturnType<typeof createRng>): PairDataset {
  const ds = buildDataset(config, rng);
  if (ds.kind !== 'pairs') {
    throw new Error(`${config.kind} built a ${ds.kind} dataset`);
  }
  return ds;
}

function task(raw: object): TaskConfig {
  return experimentConfigSchema.parse({ task: raw }).task;
}

function checkSplit(ds: PairDataset): void {
  const all = new Set([...ds.train, ...ds.test]);
  assert.equal(all.size, ds.labels.length, 'train and test are disjoint and cover every example');
  assert.equal(ds.train.length + ds.test.length, ds.labels.length);
}

describe('modular addition', () => {
  const config = task({ kind: 'modular-addition', p: 7, trainFraction: 0.5 });
  const ds = buildPairs(config, createRng(1));

  it('labels every ordered pair with (x + y) mod p', () => {
    assert.equal(ds.labels.length, 49);
    for (let i = 0; i < ds.labels.length; i++) {
      assert.equal(ds.labels[i], (ds.a[i] + ds.b[i]) % 7);
    }
  });

  it('splits round(n·trainFraction) examples into train, matching taskSize', () => {
    checkSplit(ds);
    const size = taskSize(config);
    assert.equal(ds.train.length, size.train);
    assert.equal(ds.train.length, 25);
  });

  it('gives the same split for the same seed and a different one for another seed', () => {
    assert.deepEqual(buildPairs(config, createRng(1)).train, ds.train);
    assert.notDeepEqual(buildPairs(config, createRng(2)).train, ds.train);
  });
});

describe('remainder equivalence', () => {
  const config = task({ kind: 'remainder-equivalence', n: 20, m: 3 });
  const ds = buildPairs(config, createRng(5));

  it('labels x ≡ y (mod m) correctly', () => {
    for (let i = 0; i < ds.labels.length; i++) {
      assert.equal(ds.labels[i], ds.a[i] % 3 === ds.b[i] % 3 ? 1 : 0);
    }
  });

  it('keeps every positive pair and as many distinct negatives', () => {
    // residues of 0..19 mod 3 have 7, 7, 6 members: 49 + 49 + 36 positive ordered pairs
    assert.equal(positivePairs(20, 3), 134);
    const pos = ds.labels.reduce((s, l) => s + l, 0);
    assert.equal(pos, 134);
    assert.equal(ds.labels.length, 268);
    const keys = new Set(Array.from(ds.a, (x, i) => x * 20 + ds.b[i]));
    assert.equal(keys.size, 268, 'no pair drawn twice');
    assert.equal(taskSize(config).examples, 268);
    checkSplit(ds);
  });

  it('labels tokens by residue for analyses', () => {
    assert.deepEqual(Array.from(ds.tokenLabels.residue.slice(0, 5)), [0, 1, 2, 0, 1]);
  });
});

describe('multi-digit XOR', () => {
  const ds = buildPairs(task({ kind: 'multi-digit-xor', bits: 3 }), createRng(0));

  it('labels every pair of 3-bit tokens with x XOR y', () => {
    assert.equal(ds.labels.length, 64);
    assert.equal(ds.vocab, 8);
    assert.equal(ds.numClasses, 8);
    for (let i = 0; i < 64; i++) {
      assert.equal(ds.labels[i], ds.a[i] ^ ds.b[i]);
    }
    checkSplit(ds);
  });

  it('labels each token by its bits', () => {
    assert.deepEqual(Array.from(ds.tokenLabels.bit0), [0, 1, 0, 1, 0, 1, 0, 1]);
    assert.deepEqual(Array.from(ds.tokenLabels.bit2), [0, 0, 0, 0, 1, 1, 1, 1]);
  });
});
