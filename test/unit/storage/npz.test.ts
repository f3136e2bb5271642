import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { decodeNpz, npzEntries } from '../../../src/storage/npz';

/** Archives written by numpy and their arrays (npz.json); see test/fixtures/numeric/make_npz_fixtures.py. */
const dir = path.join(__dirname, '..', '..', 'fixtures', 'numeric', 'npz');
const load = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(dir, name)));

interface Expected {
  key: string;
  shape: number[];
  descr: string;
  values: number[];
}
const expected = JSON.parse(readFileSync(path.join(dir, '..', 'npz.json'), 'utf8')) as Record<
  string,
  Expected[]
>;

describe('decodeNpz on archives written by numpy', () => {
  for (const [name, want] of Object.entries(expected)) {
    it(`reads every array of ${name} in archive order, exactly`, () => {
      const got = decodeNpz(load(name));
      assert.deepEqual(
        [...got.keys()],
        want.map((w) => w.key),
      );
      for (const w of want) {
        const a = got.get(w.key);
        assert.ok(a !== undefined);
        assert.deepEqual(a.shape, w.shape);
        assert.equal(a.dtype, w.descr);
        assert.deepEqual(Array.from(a.data), w.values);
      }
    });
  }

  it('lists stored and deflated entries with their methods', () => {
    assert.deepEqual(
      npzEntries(load('stored.npz')).map((e) => e.method),
      [0, 0, 0],
    );
    assert.deepEqual(
      npzEntries(load('deflated.npz')).map((e) => e.method),
      [8, 8, 8],
    );
  });

  it('names the array it cannot read', () => {
    assert.throws(() => decodeNpz(load('bool.npz')), /^Error: mask: unsupported \.npy dtype \|b1/);
  });

  it('rejects bytes that are not a ZIP archive, and a truncated archive', () => {
    assert.throws(() => decodeNpz(new Uint8Array(64)), /not a \.npz file \(no ZIP end/);
    const whole = load('stored.npz');
    assert.throws(() => decodeNpz(whole.slice(0, whole.length - 30)), /not a \.npz file/);
    const cut = whole.slice();
    cut.fill(0, 0, 40); // the first local header is gone
    assert.throws(() => decodeNpz(cut), /embed: local header is damaged/);
  });
});
