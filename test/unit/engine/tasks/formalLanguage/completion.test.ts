import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  chanceBaseline,
  completionMetrics,
  randomR1Probability,
  scoreCompletion,
  truncateAtEos,
} from '../../../../../src/engine/tasks/formalLanguage/completion';
import {
  type FormalLanguage,
  letters as languageLetters,
  rule1,
} from '../../../../../src/engine/tasks/formalLanguage/languages';
import { allStrings, testPrompts } from '../../../../../src/engine/tasks/formalLanguage/prompts';
import { t } from './helpers';

describe('completion scoring', () => {
  it('cuts the continuation at its first EOS', () => {
    assert.deepEqual(truncateAtEos(t('ab$a$')), { completion: t('ab'), finished: true });
    assert.deepEqual(truncateAtEos(t('abb')), { completion: t('abb'), finished: false });
    assert.deepEqual(truncateAtEos(t('$b')), { completion: [], finished: true });
  });

  it('scores prompt word + truncated completion (tokens after EOS do not count)', () => {
    const s = scoreCompletion('anbn', t('^aa'), t('bb$b'));
    assert.deepEqual(
      [s.r1, s.r2, s.r2Completion, s.grammatical, s.finished],
      [true, true, true, true, true],
    );
  });

  it('rule_2_completion looks at the completion alone', () => {
    const ood = scoreCompletion('anbn', t('^ba'), t('ab$'));
    assert.deepEqual(
      [ood.r1, ood.r2, ood.r2Completion, ood.grammatical],
      [true, false, true, false],
    );
    const broken = scoreCompletion('anbn', t('^ab'), t('ba$'));
    assert.deepEqual([broken.r1, broken.r2Completion], [true, false]);
    const abc = scoreCompletion('anbncn', t('^cab'), t('bcc'));
    assert.deepEqual([abc.r1, abc.r2Completion, abc.finished], [false, true, false]);
  });

  it('Dyck: the OOD prompt keeps R1 when the completion closes the bracket', () => {
    const s = scoreCompletion('dyck', t('^)[()'), t(']$'));
    assert.deepEqual([s.r1, s.r2, s.r2Completion, s.grammatical], [true, false, true, false]);
    const open = scoreCompletion('dyck', t('^)[()'), t('$'));
    assert.equal(open.r1, false);
  });

  it('averages the predicates over a prompt set', () => {
    const prompts = [t('^aa'), t('^ab'), t('^ba'), t('^bb')];
    const continuations = [t('bb$'), t('$'), t('ba'), t('aa$')];
    assert.deepEqual(completionMetrics('anbn', prompts, continuations), {
      prompts: 4,
      r1: 1,
      r2: 0.5,
      r2Completion: 0.75,
      grammatical: 0.5,
      finished: 0.75,
    });
    assert.deepEqual(completionMetrics('anbn', [], []), {
      prompts: 0,
      r1: 0,
      r2: 0,
      r2Completion: 0,
      grammatical: 0,
      finished: 0,
    });
  });
});

describe('chance baseline of OOD R1', () => {
  it('hand values: 2^−|#a−#b| for aⁿbⁿ at oracle length, 1/3 and 1/4 for one letter', () => {
    assert.equal(chanceBaseline('anbn', [t('^bb')]), 0.25);
    assert.equal(chanceBaseline('anbn', [t('^bb'), t('^ab')]), 0.625);
    assert.equal(chanceBaseline('anbn', [t('^ab')], [2]), 0.5);
    assert.ok(Math.abs(chanceBaseline('anbncn', [t('^bc')]) - 1 / 3) < 1e-12);
    assert.equal(chanceBaseline('dyck', [t('^)[')]), 0.25);
    // from depth 1 in 3 letters: one ] and two parentheses (3/16) or [ ] ] / ] [ ] (2/64)
    assert.ok(Math.abs(chanceBaseline('dyck', [t('^)[')], [3]) - 7 / 32) < 1e-12);
    assert.equal(chanceBaseline('dyck', [t('^])')], [5]), 0, 'R1 already broken');
  });

  it('equals brute-force enumeration of every random completion', () => {
    const cases: [FormalLanguage, string, number][] = [
      ['anbn', '^bbbaab', 6],
      ['anbncn', '^cbba', 6],
      ['dyck', '^)[(', 5],
      ['cs-dyck', '^)[[(]', 6],
    ];
    for (const [language, prompt, len] of cases) {
      const alphabet = languageLetters(language);
      const word = t(prompt).slice(1);
      const all = allStrings(alphabet, len);
      const hits = all.filter((c) => rule1(language, [...word, ...c])).length;
      const exact = randomR1Probability(language, word, len);
      assert.ok(Math.abs(exact - hits / all.length) < 1e-12, `${language} ${prompt}`);
    }
  });

  it('default OOD chance levels at the default prompt lengths are small but positive', () => {
    const anbn = chanceBaseline('anbn', testPrompts('anbn', 8).ood);
    assert.ok(anbn > 0 && anbn < 0.5, `${anbn}`);
    const dyck = chanceBaseline('dyck', testPrompts('dyck', 8).ood);
    assert.equal(dyck, 0.25);
  });
});
