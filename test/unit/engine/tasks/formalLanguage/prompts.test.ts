import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRng } from '../../../../../src/engine/rng';
import {
  canComplete,
  grammatical,
  rule1,
  rule2,
} from '../../../../../src/engine/tasks/formalLanguage/languages';
import {
  adversarialCompletion,
  enumerateBracketWords,
  oracleCompletion,
  stripSos,
  testPrompts,
} from '../../../../../src/engine/tasks/formalLanguage/prompts';
import {
  bracketWordCount,
  formalPromptCounts,
} from '../../../../../src/shared/tasks/formalLanguageSizes';
import { brackets, letters, t } from './helpers';

const count = (w: ArrayLike<number>, x: number): number =>
  Array.from(w).filter((y) => y === x).length;

describe('aⁿbⁿ / aⁿbⁿcⁿ prompts', () => {
  it('aⁿbⁿ: ID prompts are aᵏbʲ with k ≥ j, ⌊L/2⌋ + 1 of 2^L, for L = 1..10', () => {
    for (let L = 1; L <= 10; L++) {
      const { id, ood } = testPrompts('anbn', L);
      let formula = 0;
      for (let k = 0; k <= L; k++) {
        formula += k >= L - k ? 1 : 0;
      }
      assert.equal(id.length, formula, `L = ${L}`);
      assert.equal(formula, Math.floor(L / 2) + 1);
      assert.equal(ood.length, 2 ** L - formula);
      assert.deepEqual(formalPromptCounts('anbn', L), { id: id.length, ood: ood.length });
      for (const p of id) {
        const k = count(p, 3);
        assert.equal(letters(p), `^${'a'.repeat(k)}${'b'.repeat(L - k)}`);
        assert.ok(k >= L - k);
      }
    }
  });

  it('aⁿbⁿ L = 8: 5 ID prompts in lexicographic order, 251 OOD, all SOS + 8 letters', () => {
    const { id, ood } = testPrompts('anbn', 8);
    assert.deepEqual(id.map(letters), [
      '^aaaaaaaa',
      '^aaaaaaab',
      '^aaaaaabb',
      '^aaaaabbb',
      '^aaaabbbb',
    ]);
    assert.equal(ood.length, 251);
    for (const p of [...id, ...ood]) {
      assert.equal(p.length, 9);
      assert.equal(p[0], 0);
    }
    assert.ok(ood.every((p) => !canComplete('anbn', stripSos(p))));
  });

  it('aⁿbⁿcⁿ L = 5: the 4 hand-derived ID prompts of 243', () => {
    // no c: aaaaa, aaaab, aaabb (#a ≥ #b); with c: aᵏbᵏcⁱ, 2k + i = 5, 1 ≤ i ≤ k: only aabbc
    const { id, ood } = testPrompts('anbncn', 5);
    assert.deepEqual(id.map(letters).sort(), ['^aaaaa', '^aaaab', '^aaabb', '^aabbc']);
    assert.equal(ood.length, 239);
    assert.deepEqual(formalPromptCounts('anbncn', 5), { id: 4, ood: 239 });
  });

  it('aⁿbⁿcⁿ: enumeration matches the closed form for L = 1..8', () => {
    for (let L = 1; L <= 8; L++) {
      const { id, ood } = testPrompts('anbncn', L);
      assert.deepEqual(formalPromptCounts('anbncn', L), { id: id.length, ood: ood.length });
    }
  });
});

describe('Dyck prompts', () => {
  it('counts words of a length in closed form, checked by enumeration', () => {
    for (let len = 0; len <= 10; len += 2) {
      assert.equal(enumerateBracketWords('dyck', len).length, bracketWordCount('dyck', len));
      assert.equal(enumerateBracketWords('cs-dyck', len).length, bracketWordCount('cs-dyck', len));
    }
    assert.deepEqual(
      [2, 4, 6, 8].map((n) => bracketWordCount('dyck', n)),
      [2, 8, 40, 224],
    );
    assert.deepEqual(
      [2, 4, 8].map((n) => bracketWordCount('cs-dyck', n)),
      [2, 10, 588],
    );
    assert.deepEqual(enumerateBracketWords('cs-dyck', 4).map(brackets).slice(0, 3), [
      '(())',
      '()()',
      '()[]',
    ]);
    assert.ok(enumerateBracketWords('cs-dyck', 4).map(brackets).includes('([)]'));
  });

  it('Dyck L = 8: all 224 words, ID = SOS ( [ w, OOD = SOS ) [ w', () => {
    const { id, ood } = testPrompts('dyck', 8);
    assert.equal(id.length, 224);
    assert.equal(ood.length, 224);
    assert.deepEqual(formalPromptCounts('dyck', 8), { id: 224, ood: 224 });
    id.forEach((p, i) => {
      assert.equal(brackets(p.subarray(0, 3)), '^([');
      assert.equal(brackets(ood[i].subarray(0, 3)), '^)[');
      assert.deepEqual(p.subarray(3), ood[i].subarray(3), 'the same w');
      assert.ok(grammatical('dyck', p.subarray(3)));
      assert.ok(canComplete('dyck', stripSos(p)));
      assert.ok(!canComplete('dyck', stripSos(ood[i])));
    });
    assert.equal(new Set(id.map(brackets)).size, 224);
  });

  it('the paren scheme puts ( ) before ID words and ) ( before OOD words', () => {
    const { id, ood } = testPrompts('dyck', 4, { scheme: 'paren' });
    assert.equal(brackets(id[0]), '^()(())');
    assert.equal(brackets(ood[0]), '^)((())');
  });

  it('odd prompt lengths use words one shorter', () => {
    assert.equal(testPrompts('dyck', 7).id.length, 40);
    assert.equal(testPrompts('dyck', 7).id[0].length, 9);
    assert.deepEqual(formalPromptCounts('dyck', 7), { id: 40, ood: 40 });
  });

  it('cs-Dyck L = 8: 256 distinct words drawn from 588, seeded and reproducible', () => {
    const a = testPrompts('cs-dyck', 8);
    assert.equal(a.id.length, 256);
    assert.deepEqual(formalPromptCounts('cs-dyck', 8), { id: 256, ood: 256 });
    const words = a.id.map((p) => brackets(p.subarray(3)));
    assert.equal(new Set(words).size, 256);
    assert.ok(a.id.every((p) => grammatical('cs-dyck', p.subarray(3))));
    assert.ok(
      words.some((w) => !grammatical('dyck', t(w))),
      'crossing words are drawn too',
    );
    assert.deepEqual(testPrompts('cs-dyck', 8), a);
    assert.notDeepEqual(testPrompts('cs-dyck', 8, { rng: createRng(99) }), a);
  });
});

describe('oracle and adversarial completions', () => {
  it('aⁿbⁿ hand cases', () => {
    assert.equal(letters(oracleCompletion('anbn', t('^bba'))), 'a$');
    assert.equal(letters(adversarialCompletion('anbn', t('^bba'))), 'aa$');
    assert.equal(letters(oracleCompletion('anbn', t('^aaba'))), 'bb$');
    assert.equal(letters(oracleCompletion('anbn', t('^ba'))), '$');
    assert.equal(letters(adversarialCompletion('anbn', t('^ba'))), 'b$');
  });

  it('aⁿbⁿcⁿ hand cases', () => {
    assert.equal(letters(oracleCompletion('anbncn', t('^bbc'))), 'aac$');
    assert.equal(letters(adversarialCompletion('anbncn', t('^bbc'))), 'aacc$');
    assert.equal(letters(oracleCompletion('anbncn', t('^cba'))), '$');
  });

  it('Dyck hand cases: close the open brackets innermost first, adversarial adds a ]', () => {
    assert.equal(brackets(oracleCompletion('dyck', t('^)[()'))), ']$');
    assert.equal(brackets(adversarialCompletion('dyck', t('^)[()'))), ']]$');
    assert.equal(brackets(oracleCompletion('cs-dyck', t('^([(]'))), '))$');
    assert.equal(brackets(oracleCompletion('dyck', t('^([('))), ')])$');
  });

  for (const [language, L] of [
    ['anbn', 8],
    ['anbncn', 5],
    ['dyck', 8],
    ['cs-dyck', 6],
  ] as const) {
    it(`${language}: oracle completions satisfy R1, adversarial ones miss it by one`, () => {
      for (const p of testPrompts(language, L).ood) {
        const oracle = oracleCompletion(language, p);
        const adv = adversarialCompletion(language, p);
        assert.equal(oracle[oracle.length - 1], 1, 'ends with EOS');
        assert.equal(adv.length, oracle.length + 1);
        const ow = [...stripSos(p), ...oracle.subarray(0, -1)];
        const aw = [...stripSos(p), ...adv.subarray(0, -1)];
        assert.ok(rule1(language, ow), `oracle ${letters(ow)}`);
        assert.ok(!rule1(language, aw), `adversarial ${letters(aw)}`);
        const tally = (w: number[]) => [3, 4, 5, 6].map((x) => count(w, x));
        const diff = tally(aw).map((n, i) => n - tally(ow)[i]);
        assert.equal(
          diff.reduce((s, d) => s + d, 0),
          1,
        );
        if (language === 'dyck' || language === 'cs-dyck') {
          assert.ok(!rule2(language, ow), 'the OOD prompt broke R2 for good');
        }
      }
    });
  }
});
