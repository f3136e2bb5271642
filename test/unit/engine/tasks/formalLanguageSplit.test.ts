import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRng } from '../../../../src/engine/rng';
import { buildDataset } from '../../../../src/engine/tasks/registry';
import type { SequenceDataset } from '../../../../src/engine/tasks/types';
import { type TaskConfig, experimentConfigSchema } from '../../../../src/shared/experimentConfig';
import { parseConfig } from '../../../../src/shared/parseConfig';
import { taskSize } from '../../../../src/shared/taskSizes';

const split = { trainIndices: '/nowhere/train.npy' };

function task(raw: object): TaskConfig {
  return experimentConfigSchema.parse({ task: raw }).task;
}

function words(config: TaskConfig, trainIndices?: Int32Array): SequenceDataset {
  const ds = buildDataset(config, createRng(5), { trainIndices });
  assert.equal(ds.kind, 'sequences');
  return ds;
}

/** The word of row i: its tokens between SOS and EOS. */
function wordAt(ds: SequenceDataset, i: number, names: string[]): string {
  const row = Array.from(ds.tokens.subarray(i * ds.seqLen, (i + 1) * ds.seqLen));
  return row
    .slice(1, row.indexOf(ds.eos))
    .map((t) => names[t])
    .join('');
}

describe('given splits of the formal languages', () => {
  for (const language of ['anbn', 'anbncn'] as const) {
    it(`${language}: example i is the word with n = i + 1; train on the given words, validate on the others`, () => {
      const config = task({ kind: 'formal-language', language, maxLength: 12, split });
      const n = taskSize(config).examples;
      const ds = words(config, Int32Array.from([3, 0, 2]));
      const letters = language === 'anbn' ? ['a', 'b'] : ['a', 'b', 'c'];
      for (let i = 0; i < n; i++) {
        const expected = letters.map((l) => l.repeat(i + 1)).join('');
        assert.equal(wordAt(ds, i, ds.tokenNames ?? []), expected);
      }
      assert.deepEqual([...ds.train], [0, 2, 3]);
      assert.deepEqual(
        [...ds.test],
        Array.from({ length: n }, (_, i) => i).filter((i) => ![0, 2, 3].includes(i)),
      );
    });
  }

  it('completion rows stay extra training rows beside a given split', () => {
    const config = task({
      kind: 'formal-language',
      language: 'anbn',
      maxLength: 8,
      promptLength: 2,
      training: 'oracle',
      split,
    });
    const ds = words(config, Int32Array.from([1]));
    assert.deepEqual([...ds.train], [1]);
    assert.deepEqual([...ds.test], [0, 2, 3]);
    assert.ok((ds.extra?.length ?? 0) > 0);
    assert.ok([...(ds.extra ?? [])].every((r) => r >= 4));
  });

  it('the Dyck languages refuse a given split at task.split', () => {
    for (const language of ['dyck', 'cs-dyck']) {
      const model = { kind: 'transformer', dModel: 8, heads: 2, layers: 1, dFF: 16 };
      const text = JSON.stringify(
        { task: { kind: 'formal-language', language, split }, model },
        null,
        2,
      );
      const parsed = parseConfig(text);
      const errors = parsed.problems.filter((p) => p.severity === 'error');
      assert.equal(errors.length, 1, JSON.stringify(errors));
      const problem = errors[0];
      assert.deepEqual(problem.path, ['task', 'split']);
      assert.match(problem.message, /drawn at random with the data seed/);
      assert.equal(problem.line, 5);
    }
  });
});
