/**
 * Token ids, row layout and closed-form sizes of the addition task. Pure (no tfjs, no Rng), so
 * shared code (config checks, previews) can import it; the dataset builder and the unit tests
 * check that these sizes match what is generated.
 *
 * A row of n-digit addition is `SOS a₁…aₙ + b₁…bₙ = answer` with 3n + 4 tokens:
 *   position 0           SOS
 *   positions 1..n       the digits of a, most significant first (zero-padded)
 *   position n + 1       +
 *   positions n+2..2n+1  the digits of b
 *   position 2n + 2      =
 *   positions 2n+3..3n+3 the n + 1 answer digits c₀c₁…cₙ (c₀ the final carry), in writing order:
 *                        least significant first with `reverseAnswer`, else most significant first.
 * Rows have one length, so no PAD occurs and no EOS is written (the answer length is known); both
 * keep an id so the sequence machinery has them.
 */
import type { TaskConfig } from '../experimentConfig';

export type AdditionConfig = Extract<TaskConfig, { kind: 'addition' }>;

/** Token ids: the digits 0..9 are their own ids, then the operators and the special tokens. */
export const PLUS = 10;
export const EQUALS = 11;
export const SOS = 12;
export const EOS = 13;
export const PAD = 14;

/** Token names by id: "0".."9", "+", "=", SOS, EOS, PAD. */
export const additionTokenNames: readonly string[] = [
  ...Array.from({ length: 10 }, (_, d) => `${d}`),
  '+',
  '=',
  'SOS',
  'EOS',
  'PAD',
];

/** Vocabulary size (15): every token the model reads or predicts. */
export const ADDITION_VOCAB = additionTokenNames.length;

/** Tokens per row: 3n + 4 (see the file comment). */
export function additionSequenceLength(digits: number): number {
  return 3 * digits + 4;
}

/** Row position of the first answer token: 2n + 3 (the `lossFrom` of every row). */
export function answerStart(digits: number): number {
  return 2 * digits + 3;
}

/**
 * Digit index (0 = least significant) of the answer token written at offset j (0..n) after
 * `=`: j itself for a reversed answer, n − j otherwise.
 */
export function answerDigitIndex(digits: number, j: number, reverseAnswer: boolean): number {
  return reverseAnswer ? j : digits - j;
}

/** Operand pairs there are: 10^(2n). */
export function additionPairTotal(digits: number): number {
  return 10 ** (2 * digits);
}

/** Examples of a config: `count`, capped at the number of operand pairs. */
export function additionExampleCount(config: AdditionConfig): number {
  return Math.min(config.count, additionPairTotal(config.digits));
}
