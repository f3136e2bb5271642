import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRng } from '../../../../../src/engine/rng';
import { buildAddition } from '../../../../../src/engine/tasks/addition/dataset';
import {
  answerDigits,
  decimalDigits,
  encodeAddition,
} from '../../../../../src/engine/tasks/addition/generator';
import {
  additionLabelNames,
  digitSkills,
  positionLabels,
} from '../../../../../src/engine/tasks/addition/labels';
import type { SequenceDataset } from '../../../../../src/engine/tasks/types';
import { additionConfig, labelRow, row, text } from './helpers';

/** The labels of one example's row, by name (prompt positions −1). */
function labelsOf(a: number, b: number, reverse: boolean): Record<string, number[]> {
  const seqLen = 13;
  const labels = positionLabels([{ a, b }], 3, reverse, seqLen);
  return Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, Array.from(v)]));
}

/** Nine −1 for SOS, 3 digits, +, 3 digits, = (3-digit rows), then the answer labels. */
function answerLabels(answer: number[]): number[] {
  return [...new Array<number>(9).fill(-1), ...answer];
}

describe('addition encoding', () => {
  const cases: [number, number, string, string][] = [
    [999, 1, '^999+001=1000', '^999+001=0001'],
    [123, 877, '^123+877=1000', '^123+877=0001'],
    [0, 0, '^000+000=0000', '^000+000=0000'],
    [456, 789, '^456+789=1245', '^456+789=5421'],
    [50, 49, '^050+049=0099', '^050+049=9900'],
  ];
  for (const [a, b, forward, reversed] of cases) {
    it(`writes ${a} + ${b} in both answer orders`, () => {
      assert.equal(text(encodeAddition(a, b, 3, false)), forward);
      assert.equal(text(encodeAddition(a, b, 3, true)), reversed);
    });
  }

  it('pads operands with zeros and writes the final carry digit', () => {
    assert.deepEqual(decimalDigits(7, 4), [0, 0, 0, 7]);
    assert.deepEqual(answerDigits(9, 9, 1, false), [1, 8]);
    assert.deepEqual(answerDigits(9, 9, 1, true), [8, 1]);
    assert.equal(text(encodeAddition(3, 4, 1, true)), '^3+4=70');
  });
});

describe('addition labels of hand-worked examples', () => {
  it('999 + 001: carries run through the nines into a leading 1', () => {
    const r = labelsOf(999, 1, true);
    assert.deepEqual(r.digitIndex, answerLabels([0, 1, 2, 3]));
    assert.deepEqual(r.carryIn, answerLabels([0, 1, 1, 1]));
    assert.deepEqual(r.cascadingCarry, answerLabels([0, 1, 1, 0]));
    assert.deepEqual(r.leadingOne, answerLabels([0, 0, 0, 1]));
    const f = labelsOf(999, 1, false);
    assert.deepEqual(f.digitIndex, answerLabels([3, 2, 1, 0]));
    assert.deepEqual(f.carryIn, answerLabels([1, 1, 1, 0]));
    assert.deepEqual(f.cascadingCarry, answerLabels([0, 1, 1, 0]));
    assert.deepEqual(f.leadingOne, answerLabels([1, 0, 0, 0]));
  });

  it('123 + 877: digit sums 10, 9, 9 give the same cascade', () => {
    assert.deepEqual(labelsOf(123, 877, true), labelsOf(999, 1, true));
    assert.deepEqual(labelsOf(123, 877, false), labelsOf(999, 1, false));
  });

  it('000 + 000: no carries, leading digit 0', () => {
    for (const reverse of [true, false]) {
      const r = labelsOf(0, 0, reverse);
      assert.deepEqual(r.carryIn, answerLabels([0, 0, 0, 0]));
      assert.deepEqual(r.cascadingCarry, answerLabels([0, 0, 0, 0]));
      assert.deepEqual(r.leadingOne, answerLabels([0, 0, 0, 0]));
    }
  });

  it('456 + 789: carries into every digit, none cascading', () => {
    const r = labelsOf(456, 789, true);
    assert.deepEqual(r.carryIn, answerLabels([0, 1, 1, 1]));
    assert.deepEqual(r.cascadingCarry, answerLabels([0, 0, 0, 0]));
    assert.deepEqual(r.leadingOne, answerLabels([0, 0, 0, 1]));
  });

  it('050 + 049: digit sums of 9 without an incoming carry do not cascade', () => {
    const r = labelsOf(50, 49, true);
    assert.deepEqual(r.carryIn, answerLabels([0, 0, 0, 0]));
    assert.deepEqual(r.cascadingCarry, answerLabels([0, 0, 0, 0]));
    assert.deepEqual(r.leadingOne, answerLabels([0, 0, 0, 0]));
  });

  it('labels digit k of a + b by digit index, least significant first', () => {
    assert.deepEqual(
      digitSkills(95, 5, 2).map((s) => [s.digitIndex, s.carryIn, s.cascadingCarry, s.leadingOne]),
      [
        [0, 0, 0, 0],
        [1, 1, 1, 0],
        [2, 1, 0, 1],
      ],
    );
  });
});

/** Operands read back from a row of n-digit addition. */
function operands(r: Int32Array, n: number): { a: number; b: number } {
  const num = (from: number): number => Number(text(r.subarray(from, from + n)));
  return { a: num(1), b: num(n + 2) };
}

/**
 * Answer tokens and labels by brute force: the carry into digit k is whether the low k digits
 * of a and b overflow 10^k.
 */
function expectedRow(a: number, b: number, n: number, reverse: boolean) {
  const sum = String(a + b).padStart(n + 1, '0');
  const ks = Array.from({ length: n + 1 }, (_, j) => (reverse ? j : n - j));
  const digit = (x: number, k: number): number => Math.floor(x / 10 ** k) % 10;
  const carryIn = (k: number): number => ((a % 10 ** k) + (b % 10 ** k) >= 10 ** k ? 1 : 0);
  return {
    answer: ks.map((k) => Number(sum[n - k])),
    digitIndex: ks,
    carryIn: ks.map(carryIn),
    cascadingCarry: ks.map((k) => (digit(a, k) + digit(b, k) === 9 && carryIn(k) === 1 ? 1 : 0)),
    leadingOne: ks.map((k) => (k === n && a + b >= 10 ** n ? 1 : 0)),
  };
}

function checkAgainstBruteForce(ds: SequenceDataset, n: number, reverse: boolean): void {
  const start = 2 * n + 3;
  for (let i = 0; i < ds.count; i++) {
    const r = row(ds, i);
    const { a, b } = operands(r, n);
    const want = expectedRow(a, b, n, reverse);
    assert.equal(
      text(r.subarray(0, start)),
      text(encodeAddition(a, b, n, reverse).slice(0, start)),
    );
    assert.deepEqual(Array.from(r.subarray(start)), want.answer, `${a} + ${b}`);
    for (const name of additionLabelNames) {
      const labels = labelRow(ds, name, i);
      assert.ok(
        labels.slice(0, start).every((v) => v === -1),
        `${name} before the answer`,
      );
      assert.deepEqual(labels.slice(start), want[name], `${name} of ${a} + ${b}`);
    }
  }
}

describe('addition labels against brute force', () => {
  for (const [digits, reverse] of [
    [3, true],
    [3, false],
    [5, true],
    [1, false],
  ] as const) {
    it(`${digits}-digit operands, ${reverse ? 'reversed' : 'forward'} answers`, () => {
      const config = additionConfig({ digits, reverseAnswer: reverse, count: 300 });
      const ds = buildAddition(config, createRng(digits));
      assert.equal(ds.count, Math.min(300, 10 ** (2 * digits)));
      checkAgainstBruteForce(ds, digits, reverse);
    });
  }

  it('sees every label value in a few hundred 3-digit examples', () => {
    const ds = buildAddition(additionConfig({ count: 500 }), createRng(0));
    for (const name of ['carryIn', 'cascadingCarry', 'leadingOne']) {
      const seen = new Set(ds.positionLabels?.[name]);
      assert.deepEqual([...seen].sort(), [-1, 0, 1], name);
    }
  });
});
