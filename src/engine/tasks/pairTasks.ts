/**
 * The pair-token tasks of the completeness study: modular addition, remainder equivalence and
 * multi-digit XOR. Each maps (x, y) to a class label.
 *
 * Example order (what the indices of a given split, `task.split.trainIndices`, refer to): the
 * full example list of a task over v tokens is every ordered pair, example a·v + b being (a, b)
 * with a, b in 0..v−1 (v = p for modular addition, n for remainder equivalence, 2^bits for XOR).
 * Remainder equivalence keeps a balanced subset of that list only for its seeded random split.
 */
import type { TaskConfig } from '../../shared/experimentConfig';
import { type Rng, permutation } from '../rng';
import { givenSplit, randomSplit } from './split';
import type { DatasetInputs, PairDataset, TaskDefinition } from './types';

type ModAdd = Extract<TaskConfig, { kind: 'modular-addition' }>;
type RemEq = Extract<TaskConfig, { kind: 'remainder-equivalence' }>;
type Xor = Extract<TaskConfig, { kind: 'multi-digit-xor' }>;

/** (x + y) mod p over all p² ordered pairs; example a·p + b is (a, b). */
export const modularAddition: TaskDefinition<ModAdd> = {
  kind: 'modular-addition',
  describe: (c) => `modular addition mod ${c.p}`,
  build(c, rng, inputs) {
    const all = allPairs(c.p, (x, y) => (x + y) % c.p);
    const split = splitOf(c, all, rng, inputs);
    return { ...all, vocab: c.p, numClasses: c.p, ...split, tokenLabels: { token: range(c.p) } };
  },
};

/**
 * [x ≡ y (mod m)] over tokens 0..n-1. All positive pairs are kept and the same number of negative
 * pairs is drawn without replacement, so the classes are balanced. A given split instead uses all
 * n² ordered pairs, example a·n + b being (a, b), and draws nothing.
 */
export const remainderEquivalence: TaskDefinition<RemEq> = {
  kind: 'remainder-equivalence',
  describe: (c) => `remainder equivalence mod ${c.m} over ${c.n} tokens`,
  build(c, rng, inputs) {
    const all = allPairs(c.n, (x, y) => (x % c.m === y % c.m ? 1 : 0));
    const residue = Int32Array.from(range(c.n), (x) => x % c.m);
    if (c.split !== undefined) {
      const split = splitOf(c, all, rng, inputs);
      return { ...all, vocab: c.n, numClasses: 2, ...split, tokenLabels: { residue } };
    }
    const pos: number[] = [];
    const neg: number[] = [];
    all.labels.forEach((l, i) => (l === 1 ? pos : neg).push(i));
    const pick = permutation(neg.length, rng).slice(0, pos.length);
    const keep = Int32Array.from([...pos, ...Array.from(pick, (j) => neg[j])]).sort();
    const kept = subset(all, keep);
    const split = splitOf(c, kept, rng, inputs);
    return { ...kept, vocab: c.n, numClasses: 2, ...split, tokenLabels: { residue } };
  },
};

/** x XOR y over all pairs of n-bit tokens; example a·2^n + b is (a, b). */
export const multiDigitXor: TaskDefinition<Xor> = {
  kind: 'multi-digit-xor',
  describe: (c) => `${c.bits}-bit XOR`,
  build(c, rng, inputs) {
    const v = 2 ** c.bits;
    const all = allPairs(v, (x, y) => x ^ y);
    const labels: Record<string, Int32Array> = { token: range(v) };
    for (let bit = 0; bit < c.bits; bit++) {
      labels[`bit${bit}`] = Int32Array.from(range(v), (x) => (x >> bit) & 1);
    }
    return {
      ...all,
      vocab: v,
      numClasses: v,
      ...splitOf(c, all, rng, inputs),
      tokenLabels: labels,
    };
  },
};

interface Pairs {
  a: Int32Array;
  b: Int32Array;
  labels: Int32Array;
}

/** All ordered pairs over v tokens, example x·v + y being (x, y). */
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

/**
 * The train/test split of a pair task: the given train indices when the config has
 * `split.trainIndices` (then trainFraction and splitSeed play no part), else a seeded random split.
 */
function splitOf(
  c: ModAdd | RemEq | Xor,
  p: Pairs,
  rng: Rng,
  inputs: DatasetInputs = {},
): Pick<PairDataset, 'kind' | 'train' | 'test'> {
  const n = p.labels.length;
  if (c.split === undefined) {
    return { kind: 'pairs', ...randomSplit(n, c.trainFraction, rng) };
  }
  if (inputs.trainIndices === undefined) {
    throw new Error(`task.split.trainIndices (${c.split.trainIndices}) was not read`);
  }
  return { kind: 'pairs', ...givenSplit(n, inputs.trainIndices) };
}

function range(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}
