import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Float64Matrix } from '../../../../../src/engine/analysis/cka';
import {
  clusterGroups,
  featureMatrix,
} from '../../../../../src/engine/analysis/polca/clusterTrajectories';
import { createRng } from '../../../../../src/engine/rng';

const m = (rows: number[][]): Float64Matrix => ({
  rows: rows.length,
  cols: rows[0].length,
  data: Float64Array.from(rows.flat()),
});

describe('POLCA trajectory features', () => {
  const cumulative = m([
    [2, 3, 3],
    [0, -1, 1],
  ]);

  it('recovers every interval of a cumulative sum from zero, the first one included', () => {
    assert.deepEqual(
      Array.from(featureMatrix(cumulative, 'increments', true).data),
      [2, 1, 0, 0, -1, 2],
    );
    assert.deepEqual(
      Array.from(featureMatrix(cumulative, 'increments', false).data),
      [1, 0, -1, 2],
    );
  });

  it('passes cumulative trajectories through and z-scores each row', () => {
    assert.equal(featureMatrix(cumulative, 'cumulative', true), cumulative);
    const z = featureMatrix(cumulative, 'zscore', true);
    for (let r = 0; r < z.rows; r++) {
      const row = Array.from(z.data.subarray(r * 3, r * 3 + 3));
      assert.ok(Math.abs(row.reduce((s, v) => s + v, 0)) < 1e-12);
      assert.ok(Math.abs(row.reduce((s, v) => s + v * v, 0) / 3 - 1) < 1e-12);
    }
  });
});

describe('POLCA group clustering', () => {
  // 60 tokens in one group, half with the skill. Family 0 moves every token a lot, in one
  // blob; family 1 moves them less, skill tokens early and the others late.
  const n = 60;
  const skill = Int32Array.from({ length: n }, (_, v) => v % 2);
  const rng = createRng(3);
  const noise = () => 0.01 * (rng.next() - 0.5);
  const families = (i: number, tokens: Int32Array): Float64Matrix =>
    m(
      Array.from(tokens, (v) =>
        i === 0
          ? [5 + noise(), 10 + noise(), 15 + noise()]
          : skill[v] === 1
            ? [1 + noise(), 1 + noise(), 1 + noise()]
            : [noise(), noise(), 1 + noise()],
      ),
    );

  it('keeps the family that agrees best and, separately, the one that moved most', () => {
    const [g] = clusterGroups(new Int32Array(n), skill, 2, families, {
      minGroup: 20,
      features: 'increments',
      fromZero: true,
    });
    assert.equal(g.best.family, 1);
    assert.ok(g.best.ari > 0.99, `ARI ${g.best.ari}`);
    assert.equal(g.dominant.family, 0);
    assert.ok(Math.abs(g.dominant.ari) < 0.05, `ARI ${g.dominant.ari}`);
  });

  it('skips groups below the minimum size', () => {
    const none = clusterGroups(new Int32Array(n), skill, 2, families, {
      minGroup: n + 1,
      features: 'cumulative',
    });
    assert.deepEqual(none, []);
  });
});
