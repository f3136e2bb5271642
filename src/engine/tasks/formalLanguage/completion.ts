/**
 * Metrics of completed prompts (ALGORITHMS.md §3.3). A completion is the generated continuation
 * cut at its first EOS (the recommended definition: tokens generated after EOS, which batched
 * greedy decoding keeps producing, do not count). The sequence scored is the prompt's word
 * (prompt without SOS) followed by that completion.
 */
import type { CompletionAccuracies } from '../../../shared/extrapolationResults';
import {
  A,
  B,
  C,
  CLOSE_BRACKET,
  EOS,
  type FormalLanguage,
  OPEN_BRACKET,
  grammatical,
  rule1,
  rule2,
} from './languages';
import { oracleCompletion, stripSos } from './prompts';

/** The rule checks of one completed prompt. */
export interface CompletionScore {
  /** The continuation up to (without) its first EOS. */
  completion: number[];
  /** R1 / R2 on prompt word + completion. */
  r1: boolean;
  r2: boolean;
  /** R2 on the completion alone. */
  r2Completion: boolean;
  /** Prompt word + completion is in the language (only letters, R1 ∧ R2, nested for Dyck). */
  grammatical: boolean;
  /** The continuation contains EOS. */
  finished: boolean;
}

/** The continuation up to its first EOS, and whether there was one. */
export function truncateAtEos(continuation: ArrayLike<number>): {
  completion: number[];
  finished: boolean;
} {
  const tokens = Array.from(continuation);
  const end = tokens.indexOf(EOS);
  return end < 0
    ? { completion: tokens, finished: false }
    : { completion: tokens.slice(0, end), finished: true };
}

/** Scores one prompt (SOS first) and its generated continuation. */
export function scoreCompletion(
  language: FormalLanguage,
  prompt: ArrayLike<number>,
  continuation: ArrayLike<number>,
): CompletionScore {
  const { completion, finished } = truncateAtEos(continuation);
  const word = [...stripSos(prompt), ...completion];
  return {
    completion,
    r1: rule1(language, word),
    r2: rule2(language, word),
    r2Completion: rule2(language, completion),
    grammatical: grammatical(language, word),
    finished,
  };
}

/**
 * Fractions of the prompts whose completion satisfies each predicate. `continuations[i]`
 * continues `prompts[i]`. An empty set gives 0 everywhere (with `prompts: 0`), keeping the
 * result JSON-safe.
 */
export function completionMetrics(
  language: FormalLanguage,
  prompts: readonly ArrayLike<number>[],
  continuations: readonly ArrayLike<number>[],
): CompletionAccuracies {
  if (prompts.length !== continuations.length) {
    throw new Error(`${prompts.length} prompts but ${continuations.length} continuations`);
  }
  const sums = { r1: 0, r2: 0, r2Completion: 0, grammatical: 0, finished: 0 };
  prompts.forEach((p, i) => {
    const s = scoreCompletion(language, p, continuations[i]);
    for (const key of Object.keys(sums) as (keyof typeof sums)[]) {
      sums[key] += s[key] ? 1 : 0;
    }
  });
  const n = prompts.length;
  const frac = (x: number): number => (n === 0 ? 0 : x / n);
  return {
    prompts: n,
    r1: frac(sums.r1),
    r2: frac(sums.r2),
    r2Completion: frac(sums.r2Completion),
    grammatical: frac(sums.grammatical),
    finished: frac(sums.finished),
  };
}

/**
 * Chance level of the rule-extrapolation accuracy: the mean over `prompts` of the exact
 * probability that a completion of `lengths[i]` letters, each uniform over the language's letters
 * (EOS, SOS and PAD excluded), makes R1 hold on prompt word + completion. `lengths` defaults to
 * the oracle completion lengths (the length a rule-following completion has), e.g. 2^−|#a−#b|
 * per aⁿbⁿ prompt. Pass the lengths of a model's truncated completions to match their length
 * distribution instead. Exact (binomial, multinomial, or a lazy-walk recursion for brackets).
 */
export function chanceBaseline(
  language: FormalLanguage,
  prompts: readonly ArrayLike<number>[],
  lengths?: readonly number[],
): number {
  if (prompts.length === 0) {
    return 0;
  }
  let total = 0;
  prompts.forEach((p, i) => {
    const len = lengths?.[i] ?? oracleCompletion(language, p).length - 1;
    total += randomR1Probability(language, stripSos(p), len);
  });
  return total / prompts.length;
}

/** P(R1 holds on word + ℓ uniform random letters). */
export function randomR1Probability(language: FormalLanguage, word: number[], len: number): number {
  const n = (t: number): number => word.filter((x) => x === t).length;
  switch (language) {
    case 'anbn': {
      // need x a's and ℓ − x b's with #a + x = #b + ℓ − x
      const twice = len + n(B) - n(A);
      const x = twice / 2;
      return twice % 2 !== 0 || x < 0 || x > len
        ? 0
        : Math.exp(logFactorial(len) - logFactorial(x) - logFactorial(len - x) - len * Math.LN2);
    }
    case 'anbncn': {
      const sum = len + n(A) + n(B) + n(C);
      const m = sum / 3;
      const need = [m - n(A), m - n(B), m - n(C)];
      if (sum % 3 !== 0 || need.some((k) => k < 0)) {
        return 0;
      }
      const logMultinomial = need.reduce((s, k) => s - logFactorial(k), logFactorial(len));
      return Math.exp(logMultinomial - len * Math.log(3));
    }
    case 'dyck':
    case 'cs-dyck':
      return bracketR1Probability(word, len);
  }
}

/**
 * Brackets after the word: depth d of the [] count (0 if it already went negative, since R1
 * then fails whatever follows). Each random letter is `[` or `]` with probability 1/4 each and a
 * parenthesis (no change) with 1/2; R1 holds if the depth never drops below 0 and ends at 0.
 */
function bracketR1Probability(word: number[], len: number): number {
  let depth = 0;
  for (const t of word) {
    depth += t === OPEN_BRACKET ? 1 : t === CLOSE_BRACKET ? -1 : 0;
    if (depth < 0) {
      return 0;
    }
  }
  let p = new Float64Array(depth + len + 2);
  p[depth] = 1;
  for (let step = 0; step < len; step++) {
    const q = new Float64Array(p.length);
    for (let d = 0; d < p.length - 1; d++) {
      q[d] += 0.5 * p[d];
      q[d + 1] += 0.25 * p[d];
      if (d > 0) {
        q[d - 1] += 0.25 * p[d];
      }
    }
    p = q;
  }
  return p[0];
}

const logFactorials = [0];

function logFactorial(k: number): number {
  for (let i = logFactorials.length; i <= k; i++) {
    logFactorials.push(logFactorials[i - 1] + Math.log(i));
  }
  return logFactorials[k];
}
