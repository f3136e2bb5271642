/**
 * Closed-form sizes of the formal-language task for previews and config checks: words, test
 * prompts and sequence length. Imports only the pure token table (no tfjs, no Rng), so shared
 * code can call it; the dataset builders and the unit tests check that these counts match what
 * is actually generated.
 */
import {
  type FormalLanguage,
  type FormalLanguageConfig,
  isBracketLanguage,
} from './formalLanguageTokens';

/** At most this many words w are used for the Dyck prompts (each gives one ID + one OOD prompt). */
export const MAX_DYCK_PROMPT_WORDS = 256;

/** Words in the dataset: ⌊maxLength/2⌋ (aⁿbⁿ), ⌊maxLength/3⌋ (aⁿbⁿcⁿ), `count` (Dyck). */
export function formalWordCount(config: FormalLanguageConfig): number {
  switch (config.language) {
    case 'anbn':
      return Math.floor(config.maxLength / 2);
    case 'anbncn':
      return Math.floor(config.maxLength / 3);
    case 'dyck':
    case 'cs-dyck':
      return config.count;
  }
}

/** Length of the Dyck prompt word w: the prompt length rounded down to even. */
export function dyckWordLength(promptLength: number): number {
  return promptLength - (promptLength % 2);
}

/**
 * ID and OOD test prompt counts. aⁿbⁿ: the ID strings are aᵏbʲ with k ≥ j, k + j = L, so
 * ⌊L/2⌋ + 1 of the 2^L. aⁿbⁿcⁿ: the same ⌊L/2⌋ + 1 strings without c, plus aᵏbᵏcⁱ with
 * 1 ≤ i ≤ k, 2k + i = L, i.e. ⌈L/3⌉ ≤ k ≤ ⌊(L−1)/2⌋, of the 3^L. Dyck languages: one ID and one
 * OOD prompt per word w, min(#words of length L, 256) each.
 */
export function formalPromptCounts(
  language: FormalLanguage,
  promptLength: number,
): { id: number; ood: number } {
  const L = promptLength;
  switch (language) {
    case 'anbn': {
      const id = Math.floor(L / 2) + 1;
      return { id, ood: 2 ** L - id };
    }
    case 'anbncn': {
      const withC = Math.max(0, Math.floor((L - 1) / 2) - Math.ceil(L / 3) + 1);
      const id = Math.floor(L / 2) + 1 + withC;
      return { id, ood: 3 ** L - id };
    }
    case 'dyck':
    case 'cs-dyck': {
      const n = Math.min(bracketWordCount(language, dyckWordLength(L)), MAX_DYCK_PROMPT_WORDS);
      return { id: n, ood: n };
    }
  }
}

/**
 * Words of a bracket language with exactly `length` tokens. Dyck: Catalan(n)·2ⁿ for length 2n
 * (a Dyck path with a type per pair). cs-Dyck: Σₖ C(2n, 2k)·Catalan(k)·Catalan(n−k) (choose
 * the positions of the parentheses; each type forms its own Dyck word). Odd lengths: 0.
 */
export function bracketWordCount(language: FormalLanguage, length: number): number {
  if (!isBracketLanguage(language) || length % 2 !== 0 || length < 0) {
    return 0;
  }
  const n = length / 2;
  if (language === 'dyck') {
    return catalan(n) * 2 ** n;
  }
  let total = 0;
  for (let k = 0; k <= n; k++) {
    total += binomial(length, 2 * k) * catalan(k) * catalan(n - k);
  }
  return total;
}

/**
 * Longest row of the oracle or adversarial completions (prompt with SOS + completion + EOS),
 * 0 for normal training. aⁿbⁿ: the prompt bᴸ needs L a's, so 2L + 2 (+1 adversarial).
 * aⁿbⁿcⁿ: bᴸ needs L a's and L c's, so 3L + 2 (+1). Dyck: SOS, two prefix tokens, w and one
 * closer, so len(w) + 5 (+1).
 */
export function longestCompletionRow(config: FormalLanguageConfig): number {
  if (config.training === 'normal') {
    return 0;
  }
  const extra = config.training === 'adversarial' ? 1 : 0;
  const L = config.promptLength;
  switch (config.language) {
    case 'anbn':
      return 2 * L + 2 + extra;
    case 'anbncn':
      return 3 * L + 2 + extra;
    case 'dyck':
    case 'cs-dyck':
      return dyckWordLength(L) + 5 + extra;
  }
}

/**
 * Tokens per row: maxLength + 2 (SOS w EOS), widened when an oracle or adversarial completion
 * row is longer (small maxLength with a long prompt).
 */
export function formalSequenceLength(config: FormalLanguageConfig): number {
  return Math.max(config.maxLength + 2, longestCompletionRow(config));
}

function catalan(n: number): number {
  return binomial(2 * n, n) / (n + 1);
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) {
    r = (r * (n - k + i)) / i;
  }
  return Math.round(r);
}
