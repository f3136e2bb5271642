import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sequenceLossWeights } from '../../../../../src/engine/model/sequenceBatch';
import { createRng } from '../../../../../src/engine/rng';
import { additionTask, buildAddition } from '../../../../../src/engine/tasks/addition/dataset';
import { sampleOperandPairs } from '../../../../../src/engine/tasks/addition/generator';
import {
  accuracyByPositionLabel,
  answersCorrect,
  argmaxTokens,
  exactMatchAccuracy,
} from '../../../../../src/engine/tasks/addition/metrics';
import { buildDataset, describeTask } from '../../../../../src/engine/tasks/registry';
import type { SequenceDataset } from '../../../../../src/engine/tasks/types';
import { taskSize } from '../../../../../src/shared/taskSizes';
import { additionConfig, row, text } from './helpers';

describe('addition dataset', () => {
  const config = additionConfig({ count: 400, trainFraction: 0.75 });
  const ds = buildAddition(config, createRng(4));

  it('lays out rows of 3n + 4 tokens with the special tokens and names', () => {
    assert.equal(ds.kind, 'sequences');
    assert.equal(ds.seqLen, 13);
    assert.equal(ds.count, 400);
    assert.equal(ds.vocab, 15);
    assert.equal(ds.numClasses, 15);
    assert.deepEqual(ds.tokenNames, [
      '0',
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '+',
      '=',
      'SOS',
      'EOS',
      'PAD',
    ]);
    assert.deepEqual([ds.sos, ds.eos, ds.pad], [12, 13, 14]);
    assert.match(text(row(ds, 0)), /^\^\d{3}\+\d{3}=\d{4}$/);
    assert.ok(ds.lossFrom.every((x) => x === 9));
    assert.equal(ds.extra.length, 0);
    assert.ok(!ds.tokens.includes(ds.pad) && !ds.tokens.includes(ds.eos));
  });

  it('holds distinct operand pairs', () => {
    const prompts = new Set(Array.from({ length: ds.count }, (_, i) => text(row(ds, i))));
    assert.equal(prompts.size, 400);
  });

  it('splits disjoint and covering, reproducibly per seed', () => {
    assert.equal(ds.train.length, 300);
    assert.equal(ds.test.length, 100);
    assert.equal(new Set([...ds.train, ...ds.test]).size, 400);
    assert.deepEqual(buildAddition(config, createRng(4)), ds);
    const other = buildAddition(config, createRng(5));
    assert.notDeepEqual(other.tokens, ds.tokens);
    assert.notDeepEqual(other.train, ds.train);
  });

  it('uses every pair, in a seeded order, when count reaches 10^(2n)', () => {
    const all = buildAddition(additionConfig({ digits: 1, count: 500 }), createRng(0));
    assert.equal(all.count, 100);
    const sums = new Set(Array.from({ length: 100 }, (_, i) => text(row(all, i).subarray(1, 4))));
    assert.equal(sums.size, 100);
    assert.equal(all.train.length, 80);
    const pairs = sampleOperandPairs(2, 6000, createRng(1));
    assert.equal(new Set(pairs.map((p) => p.a * 100 + p.b)).size, 6000);
    assert.throws(() => sampleOperandPairs(1, 101, createRng(1)), /do not exist/);
  });

  it('agrees with the closed-form sizes and the registry', () => {
    const size = taskSize(config);
    assert.deepEqual(
      [size.examples, size.train, size.test, size.vocab, size.classes, size.seqLen],
      [ds.count, ds.train.length, ds.test.length, ds.vocab, ds.numClasses, ds.seqLen],
    );
    const small = additionConfig({ digits: 2, count: 50, reverseAnswer: false });
    const built = buildDataset(small, createRng(2));
    assert.equal(built.kind, 'sequences');
    assert.equal(taskSize(small).seqLen, 10);
    assert.equal(
      describeTask(small),
      '2-digit addition, answer most significant digit first; 50 of 10^4 pairs',
    );
    assert.equal(
      additionTask.describe(additionConfig({ digits: 1, count: 100 })),
      '1-digit addition, answer least significant digit first; all 100 pairs',
    );
  });
});

describe('addition loss weights', () => {
  const ds = buildAddition(additionConfig({ digits: 2, count: 60 }), createRng(0));

  it('weigh the n + 1 answer targets only, each 1 / (B·(n + 1))', () => {
    const indices = Int32Array.from([0, 7, 31]);
    const w = sequenceLossWeights(ds, indices);
    const P = ds.seqLen - 1;
    assert.equal(w.length, 3 * P);
    for (let b = 0; b < 3; b++) {
      for (let t = 0; t < P; t++) {
        // Row t predicts token t + 1; the answer is tokens 7..9 of "^ab+cd=xyz".
        const want = t + 1 >= 7 ? 1 / 9 : 0;
        assert.ok(Math.abs(w[b * P + t] - want) < 1e-7, `b ${b} t ${t}: ${w[b * P + t]}`);
      }
    }
  });
});

/** Teacher-forced predictions that are all right: the next token of every row. */
function perfect(ds: SequenceDataset, indices: Int32Array): Int32Array {
  const P = ds.seqLen - 1;
  const out = new Int32Array(indices.length * P);
  indices.forEach((i, b) =>
    out.set(ds.tokens.subarray(i * ds.seqLen + 1, (i + 1) * ds.seqLen), b * P),
  );
  return out;
}

describe('addition answer metrics', () => {
  const ds = buildAddition(additionConfig({ digits: 2, count: 200 }), createRng(3));
  const indices = ds.test;
  const P = ds.seqLen - 1;

  it('count an answer right only when all its digits are', () => {
    const predicted = perfect(ds, indices);
    assert.equal(exactMatchAccuracy(ds, indices, predicted), 1);
    predicted[0 * P + 2] = 11; // a prompt token: outside the loss, ignored
    predicted[1 * P + P - 1] = (predicted[1 * P + P - 1] + 1) % 10; // last answer digit
    predicted[2 * P + 6] = (predicted[2 * P + 6] + 1) % 10; // first answer digit
    const correct = answersCorrect(ds, indices, predicted);
    assert.deepEqual(Array.from(correct.subarray(0, 4)), [1, 0, 0, 1]);
    assert.equal(exactMatchAccuracy(ds, indices, predicted), (indices.length - 2) / indices.length);
    assert.throws(() => exactMatchAccuracy(ds, indices, predicted.subarray(1)), /predictions/);
  });

  it('tally answer tokens by a position label', () => {
    const predicted = perfect(ds, indices);
    const byDigit = accuracyByPositionLabel(ds, indices, predicted, 'digitIndex');
    assert.deepEqual([...byDigit.keys()].sort(), [0, 1, 2]);
    for (const t of byDigit.values()) {
      assert.deepEqual(t, { right: indices.length, total: indices.length });
    }
    predicted[6] = (predicted[6] + 1) % 10; // sequence 0, answer digit 0 (reversed answers)
    assert.deepEqual(accuracyByPositionLabel(ds, indices, predicted, 'digitIndex').get(0), {
      right: indices.length - 1,
      total: indices.length,
    });
    const carry = accuracyByPositionLabel(ds, indices, predicted, 'carryIn');
    const total = [...carry.values()].reduce((s, t) => s + t.total, 0);
    assert.equal(total, 3 * indices.length);
    assert.throws(() => accuracyByPositionLabel(ds, indices, predicted, 'nope'), /no position/);
  });

  it('take the argmax of logit rows, first on ties', () => {
    assert.deepEqual(Array.from(argmaxTokens([0, 2, 1, 5, 5, -1], 3)), [1, 0]);
  });
});
