/**
 * Operand sampling and row encoding of the addition task. Operands are uniform over 0..10ⁿ − 1
 * and every pair (a, b) occurs at most once; a pair is ordered, so (a, b) and (b, a) are two
 * examples.
 */
import type { Rng } from '../../rng';
import { permutation } from '../../rng';
import { EQUALS, PLUS, SOS, answerDigitIndex } from '../../../shared/tasks/additionLayout';

/** An example's operands. */
export interface OperandPair {
  a: number;
  b: number;
}

/**
 * `count` distinct operand pairs of n-digit numbers in draw order (count ≤ 10^(2n)). When they
 * are at least half of all pairs they are the first `count` of a seeded permutation of every
 * pair; otherwise pairs are drawn (a, then b) and a repeat is drawn again.
 */
export function sampleOperandPairs(digits: number, count: number, rng: Rng): OperandPair[] {
  const base = 10 ** digits;
  const total = base * base;
  if (count > total) {
    throw new Error(`addition: ${count} distinct pairs of ${digits}-digit numbers do not exist`);
  }
  if (2 * count >= total) {
    const order = permutation(total, rng).subarray(0, count);
    return Array.from(order, (key) => ({ a: Math.floor(key / base), b: key % base }));
  }
  const seen = new Set<number>();
  const pairs: OperandPair[] = [];
  while (pairs.length < count) {
    const a = rng.int(base);
    const b = rng.int(base);
    const key = a * base + b;
    if (!seen.has(key)) {
      seen.add(key);
      pairs.push({ a, b });
    }
  }
  return pairs;
}

/** The `width` decimal digits of x, most significant first (zero-padded). */
export function decimalDigits(x: number, width: number): number[] {
  const out = new Array<number>(width);
  let rest = x;
  for (let i = width - 1; i >= 0; i--) {
    out[i] = rest % 10;
    rest = Math.floor(rest / 10);
  }
  return out;
}

/**
 * The n + 1 answer digits of a + b in writing order: least significant first when
 * `reverseAnswer`, else most significant first (the leading digit is the final carry).
 */
export function answerDigits(
  a: number,
  b: number,
  digits: number,
  reverseAnswer: boolean,
): number[] {
  const sum = decimalDigits(a + b, digits + 1);
  return Array.from({ length: digits + 1 }, (_, j) => {
    const k = answerDigitIndex(digits, j, reverseAnswer);
    return sum[digits - k];
  });
}

/** The token row `SOS a₁…aₙ + b₁…bₙ = answer` of one example (3n + 4 tokens). */
export function encodeAddition(
  a: number,
  b: number,
  digits: number,
  reverseAnswer: boolean,
): number[] {
  return [
    SOS,
    ...decimalDigits(a, digits),
    PLUS,
    ...decimalDigits(b, digits),
    EQUALS,
    ...answerDigits(a, b, digits, reverseAnswer),
  ];
}
