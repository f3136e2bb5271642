import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { percentileRank } from '../../../../../src/engine/analysis/completeness/percentile';
import { createRng } from '../../../../../src/engine/rng';

describe('percentileRank', () => {
  it('puts the minimum at 0, the maximum at 1 and splits ties', () => {
    assert.equal(percentileRank([3, 1, 2], 1), 0);
    assert.equal(percentileRank([3, 1, 2], 0), 1);
    assert.equal(percentileRank([3, 1, 2], 2), 0.5);
    assert.equal(percentileRank([5, 5, 5], 1), 0.5);
    assert.equal(percentileRank([1, 2, 2, 4, 0], 1), (1 + 1 + 0.5) / 4);
  });

  it('gives 0.5 for a single candidate', () => {
    assert.equal(percentileRank([7], 0), 0.5);
  });

  it('averages exactly 0.5 over all candidates, ties included', () => {
    const rng = createRng(8, 0);
    for (const n of [2, 5, 30]) {
      const values = Array.from({ length: n }, () => rng.int(4)); // many ties
      const sum = values.reduce((acc, _, i) => acc + percentileRank(values, i), 0);
      assert.ok(Math.abs(sum / n - 0.5) <= 1e-12, `n=${n}: ${sum / n}`);
    }
  });

  it('rejects an index out of range', () => {
    assert.throws(() => percentileRank([1, 2], 2), RangeError);
  });
});
