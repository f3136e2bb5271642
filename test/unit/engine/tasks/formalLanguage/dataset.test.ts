import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRng } from '../../../../../src/engine/rng';
import {
  buildFormalLanguage,
  formalLanguage,
} from '../../../../../src/engine/tasks/formalLanguage/dataset';
import { rule1 } from '../../../../../src/engine/tasks/formalLanguage/languages';
import {
  oracleCompletion,
  testPrompts,
} from '../../../../../src/engine/tasks/formalLanguage/prompts';
import {
  formalSequenceLength,
  formalWordCount,
} from '../../../../../src/shared/tasks/formalLanguageSizes';
import type { SequenceDataset } from '../../../../../src/engine/tasks/types';
import { formalConfig, letters } from './helpers';

function row(ds: SequenceDataset, i: number): Int32Array {
  return ds.tokens.subarray(i * ds.seqLen, (i + 1) * ds.seqLen);
}

/** The tokens of row i between SOS and the first EOS. */
function rowWord(ds: SequenceDataset, i: number): number[] {
  const r = Array.from(row(ds, i));
  return r.slice(1, r.indexOf(ds.eos));
}

describe('formal-language dataset, normal training', () => {
  const config = formalConfig({ language: 'anbn' });
  const ds = buildFormalLanguage(config, createRng(0));

  it('lays out every row as SOS aⁿbⁿ EOS PAD… over maxLength + 2 tokens', () => {
    assert.equal(ds.seqLen, 66);
    assert.equal(ds.count, 32);
    assert.equal(ds.vocab, 5);
    assert.equal(ds.numClasses, 5);
    assert.deepEqual([ds.sos, ds.eos, ds.pad], [0, 1, 2]);
    assert.deepEqual(ds.tokenNames, ['SOS', 'EOS', 'PAD', 'a', 'b']);
    assert.equal(letters(row(ds, 0)), `^ab$${'_'.repeat(62)}`);
    assert.equal(letters(row(ds, 31)), `^${'a'.repeat(32)}${'b'.repeat(32)}$`);
    assert.ok(ds.lossFrom.every((x) => x === 1));
    assert.equal(ds.extra.length, 0);
  });

  it('validates in-sample when trainFraction is 1 (train = test = every word)', () => {
    const all = Array.from({ length: 32 }, (_, i) => i);
    assert.deepEqual(Array.from(ds.train), all);
    assert.deepEqual(Array.from(ds.test), all);
  });

  it('describes itself with word and prompt counts', () => {
    assert.equal(
      formalLanguage.describe(config),
      'aⁿbⁿ, words ≤ 64, 32 words; 256 test prompts (5 ID / 251 OOD)',
    );
    assert.equal(
      formalLanguage.describe(formalConfig({ language: 'dyck', training: 'oracle' })),
      'Dyck-2, words ≤ 64, 512 words; 448 test prompts (224 ID / 224 OOD); oracle completions',
    );
  });

  it('splits Dyck words at random for trainFraction < 1, reproducibly', () => {
    const c = formalConfig({ language: 'dyck', count: 40, trainFraction: 0.75, maxLength: 16 });
    const d = buildFormalLanguage(c, createRng(4));
    assert.equal(d.train.length, 30);
    assert.equal(d.test.length, 10);
    assert.equal(new Set([...d.train, ...d.test]).size, 40, 'disjoint and covering');
    assert.deepEqual(buildFormalLanguage(c, createRng(4)), d);
    assert.notDeepEqual(buildFormalLanguage(c, createRng(5)).tokens, d.tokens);
    assert.equal(d.seqLen, 18);
  });
});

describe('formal-language dataset, oracle and adversarial training', () => {
  for (const [language, promptLength] of [
    ['anbn', 8],
    ['anbncn', 5],
    ['dyck', 6],
  ] as const) {
    it(`${language}: one oracle row per OOD prompt, loss from the completion`, () => {
      const config = formalConfig({ language, promptLength, training: 'oracle', count: 20 });
      const ds = buildFormalLanguage(config, createRng(1));
      const ood = testPrompts(language, promptLength).ood;
      const words = formalWordCount(config);
      assert.equal(ds.count, words + ood.length);
      assert.deepEqual(
        Array.from(ds.extra),
        ood.map((_, j) => words + j),
      );
      ood.forEach((p, j) => {
        const i = words + j;
        const r = row(ds, i);
        assert.equal(ds.lossFrom[i], p.length, 'the first completion token');
        assert.deepEqual(r.subarray(0, p.length), p);
        const c = oracleCompletion(language, p);
        assert.deepEqual(r.subarray(p.length, p.length + c.length), c);
        assert.ok(r.subarray(p.length + c.length).every((x) => x === ds.pad));
        assert.ok(rule1(language, rowWord(ds, i)));
      });
      assert.ok(
        Array.from(ds.train).every((i) => i < words),
        'extra rows are not in train',
      );
    });
  }

  it('adversarial rows miss R1 by exactly one symbol', () => {
    const config = formalConfig({ language: 'anbn', training: 'adversarial' });
    const ds = buildFormalLanguage(config, createRng(1));
    assert.equal(ds.extra.length, 251);
    for (const i of ds.extra) {
      const w = rowWord(ds, i);
      const a = w.filter((x) => x === 3).length;
      const b = w.filter((x) => x === 4).length;
      assert.equal(Math.abs(a - b), 1, letters(w));
    }
  });

  it('widens rows that do not fit maxLength + 2, as sizes predicts', () => {
    for (const training of ['normal', 'oracle', 'adversarial'] as const) {
      for (const language of ['anbn', 'anbncn', 'dyck', 'cs-dyck'] as const) {
        const config = formalConfig({ language, training, maxLength: 4, count: 4 });
        const ds = buildFormalLanguage(config, createRng(2));
        assert.equal(ds.seqLen, formalSequenceLength(config), `${language} ${training}`);
        const longest = Math.max(
          ...Array.from({ length: ds.count }, (_, i) => row(ds, i).lastIndexOf(ds.eos) + 1),
        );
        if (ds.seqLen > 6) {
          assert.equal(longest, ds.seqLen, 'a widened row length is the longest row');
        } else {
          assert.ok(longest <= 6);
        }
      }
    }
    assert.equal(formalSequenceLength(formalConfig({ maxLength: 4, training: 'adversarial' })), 19);
  });
});
