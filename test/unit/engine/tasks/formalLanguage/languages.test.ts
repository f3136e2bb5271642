import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRng } from '../../../../../src/engine/rng';
import { generateWords } from '../../../../../src/engine/tasks/formalLanguage/generators';
import {
  type FormalLanguage,
  canComplete,
  closerOf,
  grammatical,
  letters as languageLetters,
  openBrackets,
  rule1,
  rule2,
  tokenNames,
  vocabSize,
} from '../../../../../src/engine/tasks/formalLanguage/languages';
import { allStrings } from '../../../../../src/engine/tasks/formalLanguage/prompts';
import { brackets, formalConfig, letters, t } from './helpers';

describe('formal language tokens', () => {
  it('uses the S2b ids: SOS 0, EOS 1, PAD 2, then the letters', () => {
    assert.deepEqual(tokenNames('anbn'), ['SOS', 'EOS', 'PAD', 'a', 'b']);
    assert.deepEqual(tokenNames('anbncn'), ['SOS', 'EOS', 'PAD', 'a', 'b', 'c']);
    assert.deepEqual(tokenNames('dyck'), ['SOS', 'EOS', 'PAD', '(', ')', '[', ']']);
    assert.deepEqual(
      [vocabSize('anbn'), vocabSize('anbncn'), vocabSize('dyck'), vocabSize('cs-dyck')],
      [5, 6, 7, 7],
    );
    assert.deepEqual(languageLetters('cs-dyck'), [3, 4, 5, 6]);
  });
});

describe('rules on hand-written words', () => {
  const check = (lang: FormalLanguage, word: string, r1: boolean, r2: boolean, g: boolean) => {
    const w = t(word);
    assert.deepEqual(
      [rule1(lang, w), rule2(lang, w), grammatical(lang, w)],
      [r1, r2, g],
      `${lang} "${word}"`,
    );
  };

  it('aⁿbⁿ: R1 #a = #b, R2 a before b', () => {
    check('anbn', 'aabb', true, true, true);
    check('anbn', 'aaabbb', true, true, true);
    check('anbn', 'abab', true, false, false);
    check('anbn', 'ba', true, false, false);
    check('anbn', 'aab', false, true, false);
    check('anbn', 'bbb', false, true, false);
  });

  it('aⁿbⁿcⁿ: R1 #a = #b = #c, R2 a*b*c*', () => {
    check('anbncn', 'aabbcc', true, true, true);
    check('anbncn', 'abcabc', true, false, false);
    check('anbncn', 'acb', true, false, false);
    check('anbncn', 'aabbc', false, true, false);
    check('anbncn', 'aacc', false, true, false);
  });

  it('Dyck: R1 [] matched, R2 () matched, grammatical = properly nested', () => {
    check('dyck', '([])', true, true, true);
    check('dyck', '()[]', true, true, true);
    check('dyck', '([)]', true, true, false);
    check('dyck', ')(', true, false, false);
    check('dyck', '(()', true, false, false);
    check('dyck', '][', false, true, false);
    check('dyck', '[(])', true, true, false);
  });

  it('cs-Dyck: crossing pairs are grammatical, each type must still match', () => {
    check('cs-dyck', '([)]', true, true, true);
    check('cs-dyck', '[(])', true, true, true);
    check('cs-dyck', '([])', true, true, true);
    check('cs-dyck', '([)', false, true, false);
    check('cs-dyck', ')([]', true, false, false);
  });

  it('grammatical needs letters only; the rules skip other tokens', () => {
    const w = t('a_b');
    assert.equal(rule1('anbn', w), true);
    assert.equal(rule2('anbn', w), true);
    assert.equal(grammatical('anbn', w), false);
    assert.equal(grammatical('anbn', t('ac')), false, 'c is not a letter of aⁿbⁿ');
  });
});

describe('ID-prompt test canComplete', () => {
  it('accepts and rejects hand-written prefixes', () => {
    const yes = (lang: FormalLanguage, p: string) => assert.equal(canComplete(lang, t(p)), true, p);
    const no = (lang: FormalLanguage, p: string) => assert.equal(canComplete(lang, t(p)), false, p);
    yes('anbn', '');
    yes('anbn', 'aab');
    yes('anbn', 'aabb');
    no('anbn', 'abb');
    no('anbn', 'aba');
    no('anbn', 'b');
    yes('anbncn', 'aab');
    yes('anbncn', 'aabbc');
    no('anbncn', 'aabc');
    no('anbncn', 'abcc');
    no('anbncn', 'ac');
    yes('dyck', '([');
    no('dyck', '(]');
    no('dyck', '([)');
    yes('cs-dyck', '([)');
    no('cs-dyck', ')');
  });

  it('aⁿbⁿ / aⁿbⁿcⁿ: completable exactly when the prefix starts some xⁿyⁿ(zⁿ)', () => {
    for (const [lang, k] of [
      ['anbn', 2],
      ['anbncn', 3],
    ] as const) {
      for (let len = 0; len <= 7; len++) {
        for (const p of allStrings(languageLetters(lang), len)) {
          const startsWord = Array.from({ length: len + 1 }, (_, i) => i + 1).some((n) =>
            Array.from(p).every((x, i) => x === 3 + Math.floor(i / n) && i < k * n),
          );
          assert.equal(canComplete(lang, p), startsWord, `${lang} ${letters(p)}`);
        }
      }
    }
  });

  it('bracket languages: completable exactly when closing the open brackets gives a word', () => {
    for (const lang of ['dyck', 'cs-dyck'] as const) {
      for (let len = 0; len <= 6; len++) {
        for (const p of allStrings([3, 4, 5, 6], len)) {
          const closed = [...p, ...openBrackets(p).reverse().map(closerOf)];
          assert.equal(canComplete(lang, p), grammatical(lang, closed), `${lang} ${brackets(p)}`);
        }
      }
    }
  });
});

describe('word generators', () => {
  it('aⁿbⁿ and aⁿbⁿcⁿ: every n whose word fits, once, in order', () => {
    const ab = generateWords(formalConfig({ language: 'anbn', maxLength: 9 }), createRng(0));
    assert.deepEqual(ab.map(letters), ['ab', 'aabb', 'aaabbb', 'aaaabbbb']);
    const abc = generateWords(formalConfig({ language: 'anbncn', maxLength: 10 }), createRng(0));
    assert.deepEqual(abc.map(letters), ['abc', 'aabbcc', 'aaabbbccc']);
  });

  for (const language of ['dyck', 'cs-dyck'] as const) {
    const config = formalConfig({ language, maxLength: 20, count: 300 });
    const words = generateWords(config, createRng(7));

    it(`${language}: count distinct grammatical words of even length ≤ maxLength`, () => {
      assert.equal(words.length, 300);
      assert.equal(new Set(words.map(brackets)).size, 300);
      for (const w of words) {
        assert.ok(grammatical(language, w), brackets(w));
        assert.ok(w.length >= 2 && w.length <= 20 && w.length % 2 === 0, brackets(w));
      }
    });

    it(`${language}: the same seed gives the same words, another seed others`, () => {
      assert.deepEqual(generateWords(config, createRng(7)), words);
      assert.notDeepEqual(generateWords(config, createRng(8)), words);
    });
  }

  it('Dyck words are primitive: nothing is open only at the end', () => {
    const words = generateWords(formalConfig({ language: 'dyck', maxLength: 30 }), createRng(3));
    for (const w of words) {
      for (let i = 1; i < w.length; i++) {
        assert.ok(openBrackets(w.subarray(0, i)).length > 0, `${brackets(w)} closes at ${i}`);
      }
    }
  });

  it('cs-Dyck words reach their drawn length and include crossing pairs', () => {
    const words = generateWords(formalConfig({ language: 'cs-dyck', maxLength: 12 }), createRng(3));
    assert.ok(
      words.some((w) => !grammatical('dyck', w)),
      'some word is not nested',
    );
    assert.ok(words.some((w) => openBrackets(w.subarray(0, 2)).length === 0 && w.length > 2));
  });

  it('allows repeats only when the language has fewer words than count', () => {
    const words = generateWords(
      formalConfig({ language: 'dyck', maxLength: 2, count: 5 }),
      createRng(1),
    );
    assert.equal(words.length, 5);
    assert.deepEqual([...new Set(words.map(brackets))].sort(), ['()', '[]']);
  });
});
