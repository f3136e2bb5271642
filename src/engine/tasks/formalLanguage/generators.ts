/**
 * Word generators of the formal languages (words only: no SOS, EOS or PAD).
 *
 * - aⁿbⁿ and aⁿbⁿcⁿ: every n ≥ 1 whose word fits in `maxLength`, one word each, n ascending;
 *   deterministic (the reference's all_sequences=True), `count` is unused.
 * - Dyck and cs-Dyck: `count` random words from a seeded walk. Each word draws an even target
 *   length n uniform in 2..maxLength, then adds one token at a time, uniform over the tokens that
 *   keep the prefix completable (`bracketMoves`), closing only once the open brackets fill the
 *   remaining room. Dyck stops the first time every bracket is closed, so its words are
 *   primitive (the reference note; most are shorter than n); cs-Dyck runs to exactly n tokens
 *   (the reference's not-nested generator has no such stop).
 *
 * Words are kept distinct while that is possible: a repeat is redrawn, and after
 * 50·count + 1000 draws (a language with fewer words than `count`) repeats are accepted.
 */
import type { Rng } from '../../rng';
import {
  A,
  B,
  C,
  CLOSE_BRACKET,
  CLOSE_PAREN,
  type FormalLanguage,
  type FormalLanguageConfig,
  applyBracket,
  bracketMoves,
} from './languages';

/** The words of a formal-language config (see the file comment for each language). */
export function generateWords(config: FormalLanguageConfig, rng: Rng): Int32Array[] {
  switch (config.language) {
    case 'anbn':
      return blockWords([A, B], config.maxLength);
    case 'anbncn':
      return blockWords([A, B, C], config.maxLength);
    case 'dyck':
    case 'cs-dyck': {
      const language = config.language;
      const half = Math.floor(config.maxLength / 2);
      const draw = (): Int32Array => bracketWalk(language, 2 * (1 + rng.int(half)), rng);
      return distinctDraws(config.count, draw);
    }
  }
}

/** x₁ⁿ x₂ⁿ … for n = 1 .. ⌊maxLength / #letters⌋. */
export function blockWords(blockLetters: number[], maxLength: number): Int32Array[] {
  const k = blockLetters.length;
  const words: Int32Array[] = [];
  for (let n = 1; n * k <= maxLength; n++) {
    const w = new Int32Array(n * k);
    blockLetters.forEach((letter, j) => w.fill(letter, j * n, (j + 1) * n));
    words.push(w);
  }
  return words;
}

/**
 * One random bracket word of at most `n` tokens (n even): uniform over the completable moves
 * while there is room to close everything afterwards, then closers only. Dyck stops as soon as
 * nothing is open (a primitive word); cs-Dyck always reaches n tokens.
 */
export function bracketWalk(language: FormalLanguage, n: number, rng: Rng): Int32Array {
  const word: number[] = [];
  const open: number[] = [];
  while (word.length < n) {
    const room = n - word.length - open.length >= 2;
    const moves = bracketMoves(language, open).filter((t) => room || isCloser(t));
    const t = moves[rng.int(moves.length)];
    word.push(t);
    applyBracket(open, t);
    if (language === 'dyck' && open.length === 0) {
      break;
    }
  }
  return Int32Array.from(word);
}

/** Calls `draw` until `count` words are collected, redrawing repeats while that seems possible. */
export function distinctDraws(count: number, draw: () => Int32Array): Int32Array[] {
  const seen = new Set<string>();
  const words: Int32Array[] = [];
  const patience = 50 * count + 1000;
  for (let attempt = 1; words.length < count; attempt++) {
    const w = draw();
    const key = String.fromCharCode(...w);
    if (!seen.has(key) || attempt > patience) {
      seen.add(key);
      words.push(w);
    }
  }
  return words;
}

function isCloser(token: number): boolean {
  return token === CLOSE_PAREN || token === CLOSE_BRACKET;
}
