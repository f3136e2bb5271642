/**
 * The pair-token tasks of the completeness study: modular addition, remainder equivalence and
 * multi-digit XOR. Each maps (x, y) to a class label.
 */
import type { TaskConfig } from '../../shared/experimentConfig';
import { type Rng, permutation } from '../rng';
import { randomSplit } from './split';
import type { PairDataset, TaskDefinition } from './types';

type ModAdd = Extract<TaskConfig, { kind: 'modular-addition' }>;
type RemEq = Extract<TaskConfig, { kind: 'remainder-equivalence' }>;
type Xor = Extract<TaskConfig, { kind: 'multi-digit-xor' }>;

/** (x + y) mod p over all p² ordered pairs. */
export const modularAddition: TaskDefinition<ModAdd> = {
  kind: 'modular-addition',
  describe: (c) => `modular addition mod ${c.p}`,
  build(c, rng) {
    const all = allPairs(c.p, (x, y) => (x + y) % c.p);
    return withSplit(all, c.p, c.p, c.trainFraction, rng, { token: range(c.p) });
  },
};

/**
 * [x ≡ y (mod m)] over tokens 0..n-1. All positive pairs are kept and the same number of negative
 * pairs is drawn without replacement, so the classes are balanced.
 */
export const remainderEquivalence: TaskDefinition<RemEq> = {
  kind: 'remainder-equivalence',
  describe: (c) => `remainder equivalence mod ${c.m} over ${c.n} tokens`,
  build(c, rng) {
    const all = allPairs(c.n, (x, y) => (x % c.m === y % c.m ? 1 : 0));
    const pos: number[] = [];
    const neg: number[] = [];
    all.labels.forEach((l, i) => (l === 1 ? pos : neg).push(i));
    const pick = permutation(neg.length, rng).slice(0, pos.length);
    const keep = Int32Array.from([...pos, ...Array.from(pick, (j) => neg[j])]).sort();
    const residue = Int32Array.from(range(c.n), (x) => x % c.m);
    return withSplit(subset(all, keep), c.n, 2, c.trainFraction, rng, { residue });
  },
};

/** x XOR y over all pairs of n-bit tokens. */
export const multiDigitXor: TaskDefinition<Xor> = {
  kind: 'multi-digit-xor',
  describe: (c) => `${c.bits}-bit XOR`,
  build(c, rng) {
    const v = 2 ** c.bits;
    const all = allPairs(v, (x, y) => x ^ y);
    const labels: Record<string, Int32Array> = { token: range(v) };
    for (let bit = 0; bit < c.bits; bit++) {
      labels[`bit${bit}`] = Int32Array.from(range(v), (x) => (x >> bit) & 1);
    }
    return withSplit(all, v, v, c.trainFraction, rng, labels);
  },
};

interface Pairs {
  a: Int32Array;
  b: Int32Array;
  labels: Int32Array;
}

function allPairs(v: number, label: (x: number, y: number) => number): Pairs {
  const n = v * v;
  const a = new Int32Array(n);
  const b = new Int32Array(n);
  const labels = new Int32Array(n);
  for (let x = 0; x < v; x++) {
    for (let y = 0; y < v; y++) {
      const i = x * v + y;
      a[i] = x;
      b[i] = y;
      labels[i] = label(x, y);
    }
  }
  return { a, b, labels };
}

function subset(p: Pairs, keep: Int32Array): Pairs {
  const take = (src: Int32Array): Int32Array => Int32Array.from(keep, (i) => src[i]);
  return { a: take(p.a), b: take(p.b), labels: take(p.labels) };
}

function withSplit(
  p: Pairs,
  vocab: number,
  numClasses: number,
  trainFraction: number,
  rng: Rng,
  tokenLabels: Record<string, Int32Array>,
): PairDataset {
  const { train, test } = randomSplit(p.labels.length, trainFraction, rng);
  return { kind: 'pairs', ...p, vocab, numClasses, train, test, tokenLabels };
}

function range(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}
