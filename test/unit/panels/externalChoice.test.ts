import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  choiceKey,
  choiceOfArg,
  choiceOfKey,
  embeddingFirst,
  invalidP,
  rowsOf,
} from '../../../src/panels/externalChoice';

describe('external folder choices', () => {
  it('keeps the layer and p in the panel key, and reads them back', () => {
    assert.equal(choiceKey('/data/acts'), '/data/acts');
    assert.equal(choiceKey('/data/acts/', {}), '/data/acts');
    const key = choiceKey('/data/acts', { layer: 'embed', p: 13 });
    assert.equal(key, '/data/acts\nembed\n13');
    assert.deepEqual(choiceOfKey(key), { dir: '/data/acts', choice: { layer: 'embed', p: 13 } });
    assert.deepEqual(choiceOfKey(choiceKey('/d', { layer: 'head' })), {
      dir: '/d',
      choice: { layer: 'head' },
    });
    assert.deepEqual(choiceOfKey('/d'), { dir: '/d', choice: {} });
  });

  it('reads a layer and a usable p from an argument', () => {
    assert.deepEqual(choiceOfArg({ kind: 'external', dir: '/d', layer: 'e', p: 7 }), {
      layer: 'e',
      p: 7,
    });
    assert.deepEqual(choiceOfArg({ layer: '', p: 1.5 }), {});
    assert.deepEqual(choiceOfArg('/d'), {});
  });

  it('offers embedding-like layers first and checks p against the rows', () => {
    const layers = [
      { name: 'encoder.0', shape: [10, 4] },
      { name: 'model.embed_tokens.weight', shape: [13, 8] },
      { name: 'seq', shape: [2, 3, 4] },
    ];
    assert.deepEqual(
      embeddingFirst(layers).map((l) => l.name),
      ['model.embed_tokens.weight', 'encoder.0', 'seq'],
    );
    assert.deepEqual(layers.map(rowsOf), [10, 13, 6]);
    assert.equal(invalidP('13', 13), undefined);
    assert.match(invalidP('12', 13) ?? '', /13 rows: p must be 13/);
    assert.match(invalidP('x', 13) ?? '', /whole number/);
    assert.match(invalidP('1', 1) ?? '', /whole number/);
  });
});
