import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Float64Matrix, ShapeError } from '../../../../../src/engine/analysis/cka';
import {
  canonicalOrder,
  classMeans,
  finalOrdering,
  lineScore,
  orderingCount,
  orderings,
} from '../../../../../src/engine/analysis/completeness/remainderLine';
import { createRng } from '../../../../../src/engine/rng';

const factorial = (m: number): number => (m <= 1 ? 1 : m * factorial(m - 1));

/** Class means equally spaced along a random direction in the order π, plus an offset. */
function meansOnLine(order: number[], d: number, seed: number): Float64Matrix {
  const rng = createRng(seed, 2);
  const dir = Array.from({ length: d }, () => rng.normal());
  const offset = Array.from({ length: d }, () => rng.normal());
  const data = new Float64Array(order.length * d);
  order.forEach((r, position) => {
    for (let a = 0; a < d; a++) {
      data[r * d + a] = offset[a] + 2.5 * position * dir[a];
    }
  });
  return { rows: order.length, cols: d, data };
}

describe('class means', () => {
  it('averages the tokens of each residue class', () => {
    const e: Float64Matrix = { rows: 5, cols: 1, data: Float64Array.from([0, 1, 2, 3, 4]) };
    assert.deepEqual(Array.from(classMeans(e, 2).data), [2, 2]); // {0, 2, 4} and {1, 3}
    assert.deepEqual(Array.from(classMeans(e, 3).data), [1.5, 2.5, 2]);
    assert.throws(() => classMeans(e, 6), ShapeError);
  });
});

describe('orderings', () => {
  for (let m = 3; m <= 7; m++) {
    it(`lists all m!/2 = ${factorial(m) / 2} canonical orderings for m=${m}`, () => {
      const { orders, sampled } = orderings(m);
      assert.equal(sampled, false);
      assert.equal(orders.length, factorial(m) / 2);
      assert.equal(orderingCount(m), factorial(m) / 2);
      assert.equal(new Set(orders.map((o) => o.join(','))).size, orders.length);
      for (const o of orders) {
        assert.deepEqual(
          [...o].sort(),
          Array.from({ length: m }, (_, i) => i),
        );
        assert.ok(o[0] < o[m - 1], `${o.join('-')} is not canonical`);
      }
    });
  }

  it('samples distinct canonical orderings beyond the limit, seeded, keeping mustInclude', () => {
    const opts = { limit: 300, mustInclude: [[8, 7, 6, 5, 4, 3, 2, 1, 0]] };
    const a = orderings(9, { ...opts, rng: createRng(1, 5) });
    const b = orderings(9, { ...opts, rng: createRng(1, 5) });
    assert.equal(a.sampled, true);
    assert.equal(a.orders.length, 300);
    assert.deepEqual(a.orders, b.orders);
    assert.equal(new Set(a.orders.map((o) => o.join(','))).size, 300);
    assert.ok(a.orders.some((o) => o.join('') === '012345678'));
    assert.ok(a.orders.every((o) => o[0] < o[8]));
    assert.throws(() => orderings(9, { limit: 300 }), /pass an rng/);
  });

  it('orients an ordering canonically', () => {
    assert.deepEqual(canonicalOrder([3, 1, 0, 2]), [2, 0, 1, 3]);
    assert.deepEqual(canonicalOrder([0, 2, 1]), [0, 2, 1]);
  });
});

describe('line score', () => {
  const pi = [2, 0, 4, 3, 1];

  it('is 1 for class means on a line in the order π, and that is the maximum', () => {
    const means = meansOnLine(pi, 6, 1);
    assert.ok(Math.abs(lineScore(means, pi) - 1) <= 1e-12);
    assert.ok(Math.abs(lineScore(means, [...pi].reverse()) - 1) <= 1e-12);
    const others = orderings(5).orders.filter((o) => o.join() !== canonicalOrder(pi).join());
    for (const o of others) {
      assert.ok(lineScore(means, o) < 1 - 1e-3, `${o.join('-')}: ${lineScore(means, o)}`);
    }
  });

  it('lies in [0, 1] for random means and is 0 when all means coincide', () => {
    const rng = createRng(2, 2);
    const means = { rows: 4, cols: 3, data: Float64Array.from({ length: 12 }, () => rng.normal()) };
    for (const o of orderings(4).orders) {
      const l = lineScore(means, o);
      assert.ok(l >= 0 && l <= 1 + 1e-12, `${o.join('-')}: ${l}`);
    }
    const flat = { rows: 3, cols: 2, data: new Float64Array(6).fill(4) };
    assert.equal(lineScore(flat, [0, 1, 2]), 0);
    assert.throws(() => lineScore(flat, [0, 1, 1]), /not an ordering/);
  });

  it('uses π(r) = position of r: the contrast follows the listed order, not the values', () => {
    // Means 0, 10, 20 for residues 0, 1, 2 lie in the order 0-1-2; 1-0-2 puts 1 first.
    const means = { rows: 3, cols: 1, data: Float64Array.from([0, 10, 20]) };
    assert.ok(Math.abs(lineScore(means, [0, 1, 2]) - 1) <= 1e-12);
    assert.ok(Math.abs(lineScore(means, [1, 0, 2]) - 0.5) <= 1e-12);
  });
});

describe('final ordering', () => {
  it('recovers a planted line ordering in canonical orientation', () => {
    for (const order of [
      [2, 0, 4, 3, 1],
      [3, 1, 0, 2],
      [5, 4, 3, 2, 1, 0],
    ]) {
      assert.deepEqual(finalOrdering(meansOnLine(order, 7, order.length)), canonicalOrder(order));
    }
  });

  it('recovers it from noisy token embeddings through the class means', () => {
    const m = 4;
    const order = [1, 3, 0, 2];
    const centres = meansOnLine(order, 8, 9);
    const rng = createRng(4, 2);
    const e = {
      rows: 60,
      cols: 8,
      data: Float64Array.from(
        { length: 480 },
        (_, i) => centres.data[(Math.floor(i / 8) % m) * 8 + (i % 8)] + 0.3 * rng.normal(),
      ),
    };
    assert.deepEqual(finalOrdering(classMeans(e, m)), canonicalOrder(order));
  });
});
