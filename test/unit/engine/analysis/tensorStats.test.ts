import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { histogram, tensorStats } from '../../../../src/engine/analysis/tensorStats';
import { halfToNumber, tensorValues } from '../../../../src/storage/tensorValues';

describe('tensorStats', () => {
  it('gives norm, mean, population std and range of the finite values', () => {
    const s = tensorStats(Float64Array.from([1, 2, 3, 4, NaN, Infinity]));
    assert.equal(s.count, 6);
    assert.equal(s.nonFinite, 2);
    assert.equal(s.norm, Math.sqrt(30));
    assert.equal(s.mean, 2.5);
    assert.equal(s.std, Math.sqrt(1.25));
    assert.deepEqual([s.min, s.max], [1, 4]);
  });

  it('does not lose the spread of values far from zero (two-pass variance)', () => {
    const s = tensorStats(Float64Array.from([1e9 + 1, 1e9 + 2, 1e9 + 3]));
    assert.ok(Math.abs(s.std - Math.sqrt(2 / 3)) < 1e-6, `std ${s.std}`);
  });

  it('gives zeros for an empty tensor', () => {
    assert.deepEqual(tensorStats([]), {
      count: 0,
      nonFinite: 0,
      norm: 0,
      mean: 0,
      std: 0,
      min: 0,
      max: 0,
    });
  });
});

describe('histogram', () => {
  it('puts every finite value in one of the bins, the maximum in the last', () => {
    const h = histogram(Float64Array.from([0, 0.1, 0.5, 0.99, 1, NaN]), 4);
    assert.deepEqual(h, { lo: 0, hi: 1, counts: [2, 0, 1, 2] });
  });

  it('centres a constant tensor in a unit-wide range', () => {
    const h = histogram([3, 3, 3], 3);
    assert.deepEqual(h, { lo: 2.5, hi: 3.5, counts: [0, 3, 0] });
  });
});

describe('tensorValues', () => {
  const raw = (dtype: string, bytes: number[]) => ({
    dtype,
    shape: [bytes.length],
    bytes: Uint8Array.from(bytes),
  });

  it('decodes IEEE half floats, including subnormals, infinities and NaN', () => {
    assert.equal(halfToNumber(0x3c00), 1);
    assert.equal(halfToNumber(0xc000), -2);
    assert.equal(halfToNumber(0x7bff), 65504);
    assert.equal(halfToNumber(0x0001), 2 ** -24);
    assert.equal(halfToNumber(0x7c00), Infinity);
    assert.ok(Number.isNaN(halfToNumber(0x7e00)));
  });

  it('decodes bfloat16 as the upper half of a float32', () => {
    // 1.5 = 0x3FC00000, -0.25 = 0xBE800000 (little-endian upper halves).
    assert.deepEqual(Array.from(tensorValues(raw('BF16', [0xc0, 0x3f, 0x80, 0xbe]))), [1.5, -0.25]);
  });

  it('decodes 8-bit floats (e4m3fn, e5m2), 64-bit integers and booleans as numbers', () => {
    assert.deepEqual(
      Array.from(tensorValues(raw('F8_E4M3', [0x38, 0xc0, 0x7f]))).slice(0, 2),
      [1, -2],
    );
    assert.ok(Number.isNaN(tensorValues(raw('F8_E4M3', [0x7f]))[0]));
    assert.deepEqual(Array.from(tensorValues(raw('F8_E5M2', [0x3c, 0x7c]))), [1, Infinity]);
    const i64 = new Uint8Array(new BigInt64Array([-5n, 2n ** 40n]).buffer);
    assert.deepEqual(Array.from(tensorValues(raw('I64', Array.from(i64)))), [-5, 2 ** 40]);
    assert.deepEqual(Array.from(tensorValues(raw('BOOL', [1, 0, 1]))), [1, 0, 1]);
  });
});
