/**
 * Test prompts of the rule-extrapolation study (ALGORITHMS.md §3.2) and the completions of S2's
 * non-identifiability manipulations (§3.4). Every prompt is a token array starting with SOS.
 *
 * - aⁿbⁿ and aⁿbⁿcⁿ: every string of length L over the letters, in lexicographic order, split by
 *   `canComplete`: the ones that cannot be completed in-language are OOD.
 * - Dyck and cs-Dyck: w runs over the words of the language of length L (L rounded down to
 *   even): all of them if at most 256, else 256 distinct words drawn uniformly (seeded; a fixed
 *   seed by default, so every run sees the same prompts). Each w gives one ID and one OOD
 *   prompt. Scheme 'bracket' (default, S2b's choice for the two-bracket grammars):
 *   ID = SOS ( [ w, OOD = SOS ) [ w. The OOD prompt breaks R2 for good (a `)` with nothing
 *   open) while R1 still needs the `[` closed, so OOD R1 measures extrapolation; the ID prompt
 *   is a prefix of a primitive word like the training words. Scheme 'paren' (S2's
 *   single-parenthesis choice): ID = SOS ( ) w, OOD = SOS ) ( w; its OOD prompts satisfy R1
 *   already, and for non-empty w its ID prompts are no prefix of any (primitive) Dyck training
 *   word.
 */
import { createRng, type Rng } from '../../rng';
import {
  A,
  B,
  C,
  CLOSE_BRACKET,
  CLOSE_PAREN,
  EOS,
  type FormalLanguage,
  OPEN_BRACKET,
  OPEN_PAREN,
  SOS,
  applyBracket,
  bracketMoves,
  canComplete,
  closerOf,
  isBracketLanguage,
  letters,
  openBrackets,
} from './languages';
import {
  MAX_DYCK_PROMPT_WORDS,
  bracketWordCount,
  dyckWordLength,
} from '../../../shared/tasks/formalLanguageSizes';

/** ID prompts (completable in-language) and OOD prompts, each starting with SOS. */
export interface TestPrompts {
  id: Int32Array[];
  ood: Int32Array[];
}

export type DyckPromptScheme = 'bracket' | 'paren';

/** The two tokens before w in the Dyck prompts of each scheme. */
export const DYCK_PROMPT_PREFIXES: Record<DyckPromptScheme, { id: number[]; ood: number[] }> = {
  bracket: { id: [OPEN_PAREN, OPEN_BRACKET], ood: [CLOSE_PAREN, OPEN_BRACKET] },
  paren: { id: [OPEN_PAREN, CLOSE_PAREN], ood: [CLOSE_PAREN, OPEN_PAREN] },
};

/** Seed of the default Dyck prompt sample (the same prompts for every run and seed). */
export const PROMPT_SEED = 0x5eed;

export interface PromptOptions {
  /** Draws the Dyck sample when there are more than 256 words; default: `PROMPT_SEED`. */
  rng?: Rng;
  scheme?: DyckPromptScheme;
}

/** The ID and OOD test prompts of a language at prompt length L (see the file comment). */
export function testPrompts(
  language: FormalLanguage,
  promptLength: number,
  options: PromptOptions = {},
): TestPrompts {
  if (isBracketLanguage(language)) {
    const rng = options.rng ?? createRng(PROMPT_SEED);
    const prefixes = DYCK_PROMPT_PREFIXES[options.scheme ?? 'bracket'];
    const words = bracketPromptWords(language, dyckWordLength(promptLength), rng);
    return {
      id: words.map((w) => withSos([...prefixes.id, ...w])),
      ood: words.map((w) => withSos([...prefixes.ood, ...w])),
    };
  }
  const out: TestPrompts = { id: [], ood: [] };
  for (const s of allStrings(letters(language), promptLength)) {
    (canComplete(language, s) ? out.id : out.ood).push(withSos(Array.from(s)));
  }
  return out;
}

/** Every string of `length` over `alphabet`, in lexicographic order (alphabet order). */
export function allStrings(alphabet: number[], length: number): Int32Array[] {
  const k = alphabet.length;
  const total = k ** length;
  const out: Int32Array[] = [];
  for (let code = 0; code < total; code++) {
    const s = new Int32Array(length);
    for (let i = length - 1, c = code; i >= 0; i--, c = Math.floor(c / k)) {
      s[i] = alphabet[c % k];
    }
    out.push(s);
  }
  return out;
}

/**
 * Words of an even length of a bracket language: all of them in token order if at most 256,
 * else 256 distinct ones drawn uniformly (each next token with probability proportional to the
 * number of words it can still complete to), then sorted in token order.
 */
export function bracketPromptWords(
  language: FormalLanguage,
  length: number,
  rng: Rng,
): Int32Array[] {
  if (bracketWordCount(language, length) <= MAX_DYCK_PROMPT_WORDS) {
    return enumerateBracketWords(language, length);
  }
  const seen = new Map<string, Int32Array>();
  while (seen.size < MAX_DYCK_PROMPT_WORDS) {
    const w = uniformBracketWord(language, length, rng);
    seen.set(String.fromCharCode(...w), w);
  }
  return [...seen.values()].sort(compareTokens);
}

/** All words of the bracket language with exactly `length` tokens, in token order. */
export function enumerateBracketWords(language: FormalLanguage, length: number): Int32Array[] {
  const out: Int32Array[] = [];
  const visit = (prefix: number[], open: number[]): void => {
    const left = length - prefix.length;
    if (left === 0) {
      out.push(Int32Array.from(prefix));
      return;
    }
    for (const t of bracketMoves(language, open)) {
      const next = [...open];
      applyBracket(next, t);
      if (completions(language, left - 1, next) > 0) {
        visit([...prefix, t], next);
      }
    }
  };
  visit([], []);
  return out.sort(compareTokens);
}

/** One word of exactly `length` tokens, uniform over the language's words of that length. */
function uniformBracketWord(language: FormalLanguage, length: number, rng: Rng): Int32Array {
  const word: number[] = [];
  let open: number[] = [];
  for (let left = length; left > 0; left--) {
    const options = bracketMoves(language, open).map((t) => {
      const next = [...open];
      applyBracket(next, t);
      return { t, next, weight: completions(language, left - 1, next) };
    });
    let u = rng.next() * options.reduce((s, o) => s + o.weight, 0);
    const pick = options.find((o) => (u -= o.weight) < 0) ?? options[options.length - 1];
    word.push(pick.t);
    open = pick.next;
  }
  return Int32Array.from(word);
}

const completionMemo = new Map<string, number>();

/** Number of ways to close a prefix with these open brackets in exactly `left` more tokens. */
function completions(language: FormalLanguage, left: number, open: readonly number[]): number {
  if (open.length > left || (left - open.length) % 2 !== 0) {
    return 0;
  }
  const parens = open.filter((t) => t === OPEN_PAREN).length;
  // Nested: only the depth matters; crossing: the open count of each type.
  const state = language === 'dyck' ? `${open.length}` : `${parens},${open.length - parens}`;
  const key = `${language}|${left}|${state}`;
  let n = completionMemo.get(key);
  if (n === undefined) {
    n = left === 0 ? 1 : 0;
    for (const t of left === 0 ? [] : bracketMoves(language, open)) {
      const next = [...open];
      applyBracket(next, t);
      n += completions(language, left - 1, next);
    }
    completionMemo.set(key, n);
  }
  return n;
}

/**
 * S2's oracle completion of a prompt (SOS first), ending with EOS: the shortest run that makes
 * R1 hold. aⁿbⁿ: |#a − #b| copies of the rarer letter. aⁿbⁿcⁿ: with m the largest count, the
 * missing a's, then b's, then c's up to m each. Dyck languages: the closers of the open
 * brackets, innermost first (a closer with nothing open cannot be repaired and is left as is).
 */
export function oracleCompletion(language: FormalLanguage, prompt: ArrayLike<number>): Int32Array {
  return Int32Array.from([...oracleLetters(language, stripSos(prompt)), EOS]);
}

/**
 * S2's adversarial completion: the oracle completion with one more symbol before EOS, so R1
 * fails by exactly one. aⁿbⁿ: one more of the appended letter (b when the counts are equal, as
 * the reference does). aⁿbⁿcⁿ: one more c. Dyck languages: one extra `]`.
 */
export function adversarialCompletion(
  language: FormalLanguage,
  prompt: ArrayLike<number>,
): Int32Array {
  const word = stripSos(prompt);
  const run = oracleLetters(language, word);
  return Int32Array.from([...run, extraLetter(language, run), EOS]);
}

function oracleLetters(language: FormalLanguage, word: number[]): number[] {
  const n = (t: number): number => word.filter((x) => x === t).length;
  switch (language) {
    case 'anbn':
      return n(A) >= n(B) ? repeat(B, n(A) - n(B)) : repeat(A, n(B) - n(A));
    case 'anbncn': {
      const m = Math.max(n(A), n(B), n(C));
      return [...repeat(A, m - n(A)), ...repeat(B, m - n(B)), ...repeat(C, m - n(C))];
    }
    case 'dyck':
    case 'cs-dyck':
      return openBrackets(word).reverse().map(closerOf);
  }
}

function extraLetter(language: FormalLanguage, run: number[]): number {
  switch (language) {
    case 'anbn':
      return run.length > 0 ? run[0] : B;
    case 'anbncn':
      return C;
    case 'dyck':
    case 'cs-dyck':
      return CLOSE_BRACKET;
  }
}

function repeat(token: number, n: number): number[] {
  return new Array<number>(n).fill(token);
}

function withSos(tokens: number[]): Int32Array {
  return Int32Array.from([SOS, ...tokens]);
}

/** The word part of a prompt: the tokens after a leading SOS. */
export function stripSos(prompt: ArrayLike<number>): number[] {
  const tokens = Array.from(prompt);
  return tokens[0] === SOS ? tokens.slice(1) : tokens;
}

function compareTokens(a: Int32Array, b: Int32Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) {
      return a[i] - b[i];
    }
  }
  return a.length - b.length;
}
