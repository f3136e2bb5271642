import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findKey, locateConfigKeys } from '../../../src/codelens/locateConfigKeys';

/** The text a located entry covers. */
const at = (text: string, k: { offset: number; length: number }): string =>
  text.slice(k.offset, k.offset + k.length);

const config = `{
  // a comment before the first key
  "name": "modadd",
  "task": { "kind": "modular-addition", "p": 59 },
  "train": { "steps": 100, },
  "analyses": [
    { "kind": "cka", "between": "layers" },
    { "kind": "completeness" },
    42
  ]
}`;

describe('locateConfigKeys', () => {
  it('finds every top-level key at its quoted name, in document order', () => {
    const keys = locateConfigKeys(config).filter((k) => k.path.length === 1);
    assert.deepEqual(
      keys.map((k) => k.key),
      ['name', 'task', 'train', 'analyses'],
    );
    for (const k of keys) {
      assert.equal(at(config, k), `"${k.key}"`);
    }
  });

  it('finds each analyses entry with its index, span and kind', () => {
    const entries = locateConfigKeys(config).filter((k) => k.path[0] === 'analyses');
    assert.deepEqual(
      entries.map((e) => [e.path, e.kind]),
      [
        [['analyses'], undefined],
        [['analyses', 0], 'cka'],
        [['analyses', 1], 'completeness'],
        [['analyses', 2], undefined],
      ],
    );
    assert.equal(at(config, entries[1]), '{ "kind": "cka", "between": "layers" }');
    assert.equal(at(config, entries[3]), '42');
  });

  it('keeps what it can of a document broken while typing', () => {
    const typing = '{\n  "name": "x",\n  "task": { "kind": "modular-add';
    const keys = locateConfigKeys(typing);
    assert.deepEqual(
      keys.map((k) => k.key),
      ['name', 'task'],
    );
    assert.equal(at(typing, findKey(keys, ['task'])!), '"task"');
  });

  it('keeps analysis entries before an unfinished one', () => {
    const typing = '{ "task": {}, "analyses": [ { "kind": "cka" }, { "ki';
    const entries = locateConfigKeys(typing).filter((k) => k.path.length === 2);
    assert.equal(entries.length, 2);
    assert.equal(entries[0].kind, 'cka');
    assert.equal(entries[1].kind, undefined);
  });

  it('finds a key whose value is still missing', () => {
    const typing = '{ "name": "x", "task"';
    assert.ok(findKey(locateConfigKeys(typing), ['task']));
  });

  it('returns nothing for an empty text, a non-object, or a missing brace', () => {
    assert.deepEqual(locateConfigKeys(''), []);
    assert.deepEqual(locateConfigKeys('[1, 2]'), []);
    assert.deepEqual(locateConfigKeys('"task"'), []);
    assert.deepEqual(locateConfigKeys('task: 1'), []);
  });

  it('ignores nested keys named like top-level ones', () => {
    const text = '{ "train": { "task": 1, "analyses": [ {} ] } }';
    assert.deepEqual(
      locateConfigKeys(text).map((k) => k.path),
      [['train']],
    );
  });

  it('findKey returns the first of duplicated keys', () => {
    const text = '{ "task": {}, "task": 1 }';
    assert.equal(findKey(locateConfigKeys(text), ['task'])?.offset, 2);
  });
});
