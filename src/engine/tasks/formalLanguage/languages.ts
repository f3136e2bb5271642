/**
 * The four formal languages of the rule-extrapolation study: token ids, the two rules each word
 * obeys, membership, and the in-distribution prompt test. Pure functions on token arrays; a
 * "word" is the part between SOS and EOS, and every rule looks only at the language's letters
 * (other tokens are skipped, as in the reference checkers), except `grammatical`, which also
 * requires that the word holds nothing but letters.
 *
 * Rules (R1 is the one rule extrapolation asks OOD completions to keep):
 * - aⁿbⁿ: R1 #a = #b; R2 every a before every b.
 * - aⁿbⁿcⁿ: R1 #a = #b = #c; R2 the letters read a*b*c*.
 * - Dyck (nested) and cs-Dyck (crossing allowed): R1 "[] matched", R2 "() matched", where
 *   "x matched" means: reading only the opener and closer of x, the count of open x never drops
 *   below zero and ends at zero (the other bracket type is ignored, so `([)]` satisfies both).
 *   Nested Dyck is grammatical only if the whole word is a nested Dyck word (every closer closes
 *   the most recent open bracket, which must be of its type), so `([)]` is not; cs-Dyck is
 *   grammatical exactly when R1 and R2 hold.
 */
import {
  type FormalLanguage,
  PAD,
  A,
  B,
  C,
  OPEN_PAREN,
  CLOSE_PAREN,
  OPEN_BRACKET,
  CLOSE_BRACKET,
  tokenNames,
  vocabSize,
} from '../../../shared/tasks/formalLanguageTokens';

// The token table lives in shared code (task sizes need it); the language's rules use it here.
export * from '../../../shared/tasks/formalLanguageTokens';

/** Letter token ids of a language, ascending. */
export function letters(language: FormalLanguage): number[] {
  return tokenNames(language)
    .slice(PAD + 1)
    .map((_, i) => i + PAD + 1);
}

/** R1 on a word: equal letter counts (aⁿbⁿ, aⁿbⁿcⁿ) or [] matched (Dyck languages). */
export function rule1(language: FormalLanguage, word: ArrayLike<number>): boolean {
  switch (language) {
    case 'anbn':
      return count(word, A) === count(word, B);
    case 'anbncn':
      return count(word, A) === count(word, B) && count(word, B) === count(word, C);
    case 'dyck':
    case 'cs-dyck':
      return matched(word, OPEN_BRACKET, CLOSE_BRACKET);
  }
}

/** R2 on a word: letters in order a*b*(c*) (aⁿbⁿ, aⁿbⁿcⁿ) or () matched (Dyck languages). */
export function rule2(language: FormalLanguage, word: ArrayLike<number>): boolean {
  switch (language) {
    case 'anbn':
      return ordered(word, [A, B]);
    case 'anbncn':
      return ordered(word, [A, B, C]);
    case 'dyck':
    case 'cs-dyck':
      return matched(word, OPEN_PAREN, CLOSE_PAREN);
  }
}

/**
 * Membership: the word holds only letters and R1 ∧ R2 holds; nested Dyck additionally needs
 * proper nesting. The empty word passes (as in the reference checkers).
 */
export function grammatical(language: FormalLanguage, word: ArrayLike<number>): boolean {
  if (!onlyLetters(language, word)) {
    return false;
  }
  if (language === 'dyck') {
    return nestedPrefix(word) && openBrackets(word).length === 0;
  }
  return rule1(language, word) && rule2(language, word);
}

/**
 * The ID-prompt test: can `prefix` (a word prefix, without SOS) still be completed into a word of
 * the language? aⁿbⁿ: a's before b's and #a ≥ #b. aⁿbⁿcⁿ: a*b*c* order and, with no c yet,
 * #a ≥ #b, else #a = #b ≥ #c. Dyck: no closer ever mismatches the innermost open bracket.
 * cs-Dyck: no closer without an open bracket of its type.
 */
export function canComplete(language: FormalLanguage, prefix: ArrayLike<number>): boolean {
  if (!onlyLetters(language, prefix)) {
    return false;
  }
  const [a, b, c] = [count(prefix, A), count(prefix, B), count(prefix, C)];
  switch (language) {
    case 'anbn':
      return ordered(prefix, [A, B]) && a >= b;
    case 'anbncn':
      return ordered(prefix, [A, B, C]) && (c === 0 ? a >= b : a === b && b >= c);
    case 'dyck':
      return nestedPrefix(prefix);
    case 'cs-dyck':
      return (
        neverNegative(prefix, OPEN_PAREN, CLOSE_PAREN) &&
        neverNegative(prefix, OPEN_BRACKET, CLOSE_BRACKET)
      );
  }
}

/** The closer of an opener token. */
export function closerOf(opener: number): number {
  return opener === OPEN_PAREN ? CLOSE_PAREN : CLOSE_BRACKET;
}

/** The opener of a closer token. */
function openerOf(closer: number): number {
  return closer === CLOSE_PAREN ? OPEN_PAREN : OPEN_BRACKET;
}

/**
 * The open brackets left by a bracket word prefix, oldest first: each closer removes the most
 * recent open bracket of its type, and a closer with none open is skipped (it can never be
 * matched). For a nested prefix this is the usual stack.
 */
export function openBrackets(prefix: ArrayLike<number>): number[] {
  const open: number[] = [];
  for (let i = 0; i < prefix.length; i++) {
    applyBracket(open, prefix[i]);
  }
  return open;
}

/** Applies one bracket token to the open-bracket list in place (see `openBrackets`). */
export function applyBracket(open: number[], token: number): void {
  if (token === OPEN_PAREN || token === OPEN_BRACKET) {
    open.push(token);
  } else if (token === CLOSE_PAREN || token === CLOSE_BRACKET) {
    const j = open.lastIndexOf(openerOf(token));
    if (j >= 0) {
      open.splice(j, 1);
    }
  }
}

/**
 * The bracket tokens that keep a prefix with these open brackets completable: both openers,
 * then the closer of the innermost open bracket (Dyck) or of every open type (cs-Dyck).
 */
export function bracketMoves(language: FormalLanguage, open: readonly number[]): number[] {
  const moves = [OPEN_PAREN, OPEN_BRACKET];
  if (language === 'dyck') {
    if (open.length > 0) {
      moves.push(closerOf(open[open.length - 1]));
    }
  } else {
    for (const opener of [OPEN_PAREN, OPEN_BRACKET]) {
      if (open.includes(opener)) {
        moves.push(closerOf(opener));
      }
    }
  }
  return moves;
}

function count(word: ArrayLike<number>, token: number): number {
  let n = 0;
  for (let i = 0; i < word.length; i++) {
    n += word[i] === token ? 1 : 0;
  }
  return n;
}

/** The listed tokens appear in list order (a letter never follows a later letter). */
function ordered(word: ArrayLike<number>, order: number[]): boolean {
  let rank = 0;
  for (let i = 0; i < word.length; i++) {
    const r = order.indexOf(word[i]);
    if (r >= 0) {
      if (r < rank) {
        return false;
      }
      rank = r;
    }
  }
  return true;
}

function neverNegative(word: ArrayLike<number>, open: number, close: number): boolean {
  let depth = 0;
  for (let i = 0; i < word.length; i++) {
    depth += word[i] === open ? 1 : word[i] === close ? -1 : 0;
    if (depth < 0) {
      return false;
    }
  }
  return true;
}

/** One bracket type matched, the other ignored: never negative, and balanced at the end. */
function matched(word: ArrayLike<number>, open: number, close: number): boolean {
  return neverNegative(word, open, close) && count(word, open) === count(word, close);
}

/** Every closer closes the innermost open bracket, of its own type. */
function nestedPrefix(word: ArrayLike<number>): boolean {
  const stack: number[] = [];
  for (let i = 0; i < word.length; i++) {
    const t = word[i];
    if (t === OPEN_PAREN || t === OPEN_BRACKET) {
      stack.push(t);
    } else if (stack.pop() !== openerOf(t)) {
      return false;
    }
  }
  return true;
}

function onlyLetters(language: FormalLanguage, word: ArrayLike<number>): boolean {
  const hi = vocabSize(language);
  for (let i = 0; i < word.length; i++) {
    if (word[i] <= PAD || word[i] >= hi) {
      return false;
    }
  }
  return true;
}
