/**
 * Skill labels of the addition task, per answer position. With digit index k (0 = least
 * significant) and operand digits aₖ, bₖ (0 for k = n), the carry into digit k is
 *   carry₀ = 0,  carryₖ₊₁ = [aₖ + bₖ + carryₖ ≥ 10],
 * and the digit written for index k has
 * - `carryIn`:        carryₖ (a carry comes in from the less significant position);
 * - `cascadingCarry`: aₖ + bₖ = 9 and carryₖ = 1 (the incoming carry passes straight on);
 * - `leadingOne`:     k = n and the leading answer digit is 1 (= carryₙ);
 * - `digitIndex`:     k.
 * Labels sit at the row position of the answer token they describe (the target predicted from
 * the tokens before it) and are −1 at every other position.
 */
import { answerDigitIndex, answerStart } from '../../../shared/tasks/additionLayout';
import type { OperandPair } from './generator';

/** Names of the position labels, in the order they are stored. */
export const additionLabelNames = [
  'digitIndex',
  'carryIn',
  'cascadingCarry',
  'leadingOne',
] as const;

export type AdditionLabel = (typeof additionLabelNames)[number];

/** The labels of one answer digit (see the file comment). */
export type DigitSkills = Record<AdditionLabel, number>;

/** Skills of every answer digit of a + b, indexed by digit index k = 0..n (least significant first). */
export function digitSkills(a: number, b: number, digits: number): DigitSkills[] {
  const out: DigitSkills[] = [];
  let carry = 0;
  let ra = a;
  let rb = b;
  for (let k = 0; k <= digits; k++) {
    const ak = ra % 10;
    const bk = rb % 10;
    ra = Math.floor(ra / 10);
    rb = Math.floor(rb / 10);
    out.push({
      digitIndex: k,
      carryIn: carry,
      cascadingCarry: ak + bk === 9 && carry === 1 ? 1 : 0,
      leadingOne: k === digits && carry === 1 ? 1 : 0,
    });
    carry = ak + bk + carry >= 10 ? 1 : 0;
  }
  return out;
}

/**
 * Position labels of the rows of `pairs`: for every label name an Int8Array [count × seqLen],
 * row-major, the label of the answer token at each position and −1 elsewhere.
 */
export function positionLabels(
  pairs: readonly OperandPair[],
  digits: number,
  reverseAnswer: boolean,
  seqLen: number,
): Record<AdditionLabel, Int8Array> {
  const labels = Object.fromEntries(
    additionLabelNames.map((name) => [name, new Int8Array(pairs.length * seqLen).fill(-1)]),
  ) as Record<AdditionLabel, Int8Array>;
  const start = answerStart(digits);
  pairs.forEach(({ a, b }, i) => {
    const skills = digitSkills(a, b, digits);
    for (let j = 0; j <= digits; j++) {
      const at = i * seqLen + start + j;
      const s = skills[answerDigitIndex(digits, j, reverseAnswer)];
      for (const name of additionLabelNames) {
        labels[name][at] = s[name];
      }
    }
  });
  return labels;
}
