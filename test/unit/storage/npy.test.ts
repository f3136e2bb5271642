import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { decodeNpy } from '../../../src/storage/npy';

/** Files written by numpy and their values (npy.json); see test/fixtures/numeric/make_npy_fixtures.py. */
const dir = path.join(__dirname, '..', '..', 'fixtures', 'numeric', 'npy');
const load = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(dir, name)));

interface Expected {
  shape: number[];
  descr: string;
  values: number[];
}
const expected = JSON.parse(readFileSync(path.join(dir, '..', 'npy.json'), 'utf8')) as Record<
  string,
  Expected
>;

/** A version-1.0 .npy with the given header dict text and data bytes (header padded to 64). */
function npy(header: string, data: Uint8Array, magic = '\x93NUMPY'): Uint8Array {
  const padded = header.padEnd(Math.ceil((10 + header.length + 1) / 64) * 64 - 10 - 1, ' ') + '\n';
  const head = Uint8Array.from(
    [...magic, '\x01', '\x00'].flatMap((s) => [...s].map((c) => c.charCodeAt(0))),
  );
  const out = new Uint8Array(10 + padded.length + data.length);
  out.set(head);
  new DataView(out.buffer).setUint16(8, padded.length, true);
  out.set(new TextEncoder().encode(padded), 10);
  out.set(data, 10 + padded.length);
  return out;
}
const f8 = (xs: number[]): Uint8Array => new Uint8Array(Float64Array.from(xs).buffer);

describe('decodeNpy on files written by numpy', () => {
  for (const [name, want] of Object.entries(expected)) {
    it(`reads ${name} with numpy's shape, dtype and row-major values exactly`, () => {
      const got = decodeNpy(load(name));
      assert.deepEqual(got.shape, want.shape);
      assert.equal(got.dtype, want.descr);
      assert.ok(got.data instanceof Float64Array);
      // Tolerance 0: every stored value is exactly representable in float64.
      assert.deepEqual(Array.from(got.data), want.values);
    });
  }

  it('transposes a Fortran-ordered matrix into row-major order', () => {
    const bytes = load('f64_fortran_3x4.npy');
    const header = new TextDecoder().decode(bytes.subarray(10, 80));
    assert.match(header, /'fortran_order': True/, 'the fixture really is Fortran-ordered');
    const { data } = decodeNpy(bytes);
    const want = expected['f64_fortran_3x4.npy'].values;
    // Element (i, j) sits at i·4 + j in the result and at j·3 + i in the file.
    const raw = new Float64Array(bytes.slice(bytes.length - 96).buffer);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 4; j++) {
        assert.equal(data[i * 4 + j], raw[j * 3 + i]);
        assert.equal(data[i * 4 + j], want[i * 4 + j]);
      }
    }
  });
});

describe('decodeNpy errors', () => {
  it('rejects bad magic', () => {
    const bytes = npy(
      "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }",
      f8([1]),
      '\x93NUMPX',
    );
    assert.throws(() => decodeNpy(bytes), /bad magic/);
    assert.throws(() => decodeNpy(Uint8Array.from([0x93, 0x4e])), /bad magic/);
  });

  it('accepts the hand-built header when the magic is right (so the cases here are otherwise valid)', () => {
    const bytes = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", f8([1.5, -3]));
    assert.deepEqual(Array.from(decodeNpy(bytes).data), [1.5, -3]);
  });

  it('rejects big-endian float64 from numpy as an unsupported dtype', () => {
    assert.throws(() => decodeNpy(load('f64_bigendian_3.npy')), /unsupported \.npy dtype >f8/);
  });

  it('reads uint8 from numpy as numbers (integer dtypes are read for index files)', () => {
    const a = decodeNpy(load('u8_4.npy'));
    assert.deepEqual([a.dtype, a.shape, Array.from(a.data)], ['|u1', [4], [1, 2, 3, 4]]);
  });

  it('rejects a boolean array as an unsupported dtype', () => {
    const bytes = npy(
      "{'descr': '|b1', 'fortran_order': False, 'shape': (2,), }",
      Uint8Array.from([1, 0]),
    );
    assert.throws(() => decodeNpy(bytes), /unsupported \.npy dtype \|b1/);
  });

  it('rejects a 3-D Fortran-ordered array from numpy instead of misreading it', () => {
    assert.throws(() => decodeNpy(load('f64_fortran_2x2x2.npy')), /2-D arrays only/);
  });

  it('rejects data shorter than the shape says', () => {
    const bytes = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", f8([1, 2]));
    assert.throws(() => decodeNpy(bytes), /shorter than its shape/);
  });

  it('rejects a header without descr or shape', () => {
    const bytes = npy("{'fortran_order': False, 'shape': (1,), }", f8([1]));
    assert.throws(() => decodeNpy(bytes), /lacks descr or shape/);
  });
});
