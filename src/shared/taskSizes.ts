/**
 * Closed-form sizes of the tasks, shared by config checks, code-lens previews and the
 * engine's dataset builders (which assert they agree).
 */
import {
  ADDITION_VOCAB,
  additionExampleCount,
  additionSequenceLength,
} from './tasks/additionLayout';
import { familyTreeSize } from './tasks/familyTreeSizes';
import { vocabSize } from './tasks/formalLanguageTokens';
import {
  formalPromptCounts,
  formalSequenceLength,
  formalWordCount,
} from './tasks/formalLanguageSizes';
import type { TaskConfig } from './experimentConfig';

export interface TaskSize {
  /** Examples in the whole dataset. */
  examples: number;
  train: number;
  test: number;
  vocab: number;
  classes: number;
  /** Tokens per sequence (sequence tasks only). */
  seqLen?: number;
  /** ID and OOD test prompts (formal languages only). */
  prompts?: { id: number; ood: number };
  /** Extra training rows besides `train` (completions of OOD prompts in oracle/adversarial). */
  extraRows?: number;
}

/** Number of examples, split sizes, vocabulary and classes a task config produces. */
export function taskSize(task: TaskConfig): TaskSize {
  if (task.kind === 'formal-language') {
    return formalLanguageSize(task);
  }
  if (task.kind === 'family-tree') {
    // Tokens are persons, classes are relations (one sigmoid output each).
    const { examples, train, test, persons, relations } = familyTreeSize(task);
    return { examples, train, test, vocab: persons, classes: relations };
  }
  if (task.kind === 'addition') {
    return additionSize(task);
  }
  const { examples, vocab, classes } = taskShape(task);
  const train = Math.round(examples * task.trainFraction);
  return { examples, train, test: examples - train, vocab, classes };
}

/**
 * Words of a formal language (every n up to the longest word for aⁿbⁿ and aⁿbⁿcⁿ, `count` random
 * words for Dyck). With trainFraction 1 the validation set is the training set itself.
 */
function formalLanguageSize(task: Extract<TaskConfig, { kind: 'formal-language' }>): TaskSize {
  const examples = formalWordCount(task);
  const vocab = vocabSize(task.language);
  const train = task.trainFraction === 1 ? examples : Math.round(examples * task.trainFraction);
  const test = task.trainFraction === 1 ? examples : examples - train;
  const prompts = formalPromptCounts(task.language, task.promptLength);
  return {
    examples,
    train,
    test,
    vocab,
    classes: vocab,
    seqLen: formalSequenceLength(task),
    prompts,
    extraRows: task.training === 'normal' ? 0 : prompts.ood,
  };
}

/** Distinct operand pairs (count capped at 10^(2n)), one sequence of 3n + 4 tokens each. */
function additionSize(task: Extract<TaskConfig, { kind: 'addition' }>): TaskSize {
  const examples = additionExampleCount(task);
  const train = Math.round(examples * task.trainFraction);
  return {
    examples,
    train,
    test: examples - train,
    vocab: ADDITION_VOCAB,
    classes: ADDITION_VOCAB,
    seqLen: additionSequenceLength(task.digits),
  };
}

function taskShape(
  task: Exclude<TaskConfig, { kind: 'formal-language' | 'family-tree' | 'addition' }>,
): {
  examples: number;
  vocab: number;
  classes: number;
} {
  switch (task.kind) {
    case 'modular-addition':
      return { examples: task.p * task.p, vocab: task.p, classes: task.p };
    case 'remainder-equivalence':
      // A given split uses every ordered pair; otherwise the classes are balanced.
      return {
        examples: task.split ? task.n * task.n : 2 * positivePairs(task.n, task.m),
        vocab: task.n,
        classes: 2,
      };
    case 'multi-digit-xor': {
      const v = 2 ** task.bits;
      return { examples: v * v, vocab: v, classes: v };
    }
  }
}

/** Ordered pairs (x, y) in 0..n-1 with x ≡ y (mod m), x = y included. */
export function positivePairs(n: number, m: number): number {
  let total = 0;
  for (let r = 0; r < m; r++) {
    const c = Math.floor((n - 1 - r) / m) + 1;
    total += r < n ? c * c : 0;
  }
  return total;
}

/** Whether n is prime (trial division; n is a modulus of at most a few thousand). */
export function isPrime(n: number): boolean {
  if (n < 2) {
    return false;
  }
  for (let k = 2; k * k <= n; k++) {
    if (n % k === 0) {
      return false;
    }
  }
  return true;
}
