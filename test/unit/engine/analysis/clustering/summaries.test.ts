import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  adjustedRandIndex,
  breakthroughStep,
  halfwayTime,
  hdbscan,
  summarizeClusters,
  trajectoryMatrix,
} from '../../../../../src/engine/analysis/clustering';
import { sigmoidFamilies } from './data';

describe('cluster summaries', () => {
  it('give size, members, mean and population std per step, and the outlier fraction', () => {
    const x = trajectoryMatrix([
      [0, 1, 3],
      [2, 3, 5],
      [9, 9, 9],
      [10, 0, 0],
      [10, 4, 2],
    ]);
    const s = summarizeClusters(x, [1, 1, -1, 0, 0]);
    assert.equal(s.n, 5);
    assert.equal(s.outlierCount, 1);
    assert.equal(s.outlierFraction, 0.2);
    assert.deepEqual(
      s.clusters.map((c) => [c.label, c.size, [...c.members]]),
      [
        [0, 2, [3, 4]],
        [1, 2, [0, 1]],
      ],
    );
    assert.deepEqual([...s.clusters[0].mean], [10, 2, 1]);
    assert.deepEqual([...s.clusters[0].std], [0, 2, 1]);
    assert.deepEqual([...s.clusters[1].mean], [1, 2, 4]);
    assert.deepEqual([...s.clusters[1].std], [1, 1, 1]);
    // Cluster 0's mean falls by 8 into step 1; cluster 1's largest rise is into step 2.
    assert.equal(s.clusters[0].breakthrough, 1);
    assert.equal(s.clusters[0].breakthroughJump, -8);
    assert.equal(s.clusters[1].breakthrough, 2);
    assert.equal(s.clusters[1].breakthroughJump, 2);
  });

  it('place the breakthrough of sigmoid families at the midpoint ± 1', () => {
    const midpoints = [4, 9.5, 13.25, 20];
    const { x, truth } = sigmoidFamilies(17, midpoints, 30, 25);
    const s = summarizeClusters(x, truth);
    s.clusters.forEach((c, k) => {
      const m = midpoints[k];
      assert.ok(Math.abs(c.breakthrough! - m) <= 1, `breakthrough ${c.breakthrough} vs ${m}`);
      assert.ok(c.breakthroughJump > 0);
      assert.ok(Math.abs(c.halfwayTime! - m) <= 0.5, `halfway ${c.halfwayTime} vs ${m}`);
      assert.ok(c.std.every((v) => v > 0 && v < 0.2));
    });
    assert.equal(s.outlierFraction, 0);
  });

  it('summarise what HDBSCAN finds on z-normalised sigmoid families', () => {
    const midpoints = [5, 12, 18];
    const { x, truth } = sigmoidFamilies(23, midpoints, 40, 24);
    const r = hdbscan(trajectoryMatrix(x, 'zscore'));
    assert.equal(adjustedRandIndex(truth, r.labels), 1);
    const s = summarizeClusters(x, r.labels);
    const found = s.clusters.map((c) => c.breakthrough!).sort((a, b) => a - b);
    found.forEach((b, k) => assert.ok(Math.abs(b - midpoints[k]) <= 1, `${b}`));
  });

  it('handle short and flat trajectories', () => {
    assert.deepEqual(breakthroughStep([5]), { step: null, jump: 0 });
    assert.equal(halfwayTime([5]), null);
    assert.equal(halfwayTime([1, 3, 1]), null);
    assert.equal(halfwayTime([0, 0, 4, 4]), 1.5);
    assert.equal(halfwayTime([4, 4, 0, 0]), 1.5);
    assert.equal(breakthroughStep([0, 1, 0, 1]).step, 1); // first of equal jumps
    const s = summarizeClusters(trajectoryMatrix([[1], [2]]), [0, 0]);
    assert.equal(s.clusters[0].breakthrough, null);
    assert.deepEqual(summarizeClusters({ rows: 0, cols: 4, data: new Float64Array(0) }, []), {
      n: 0,
      clusters: [],
      outlierCount: 0,
      outlierFraction: 0,
    });
    assert.throws(() => summarizeClusters(trajectoryMatrix([[1], [2]]), [0]), /labels/);
  });
});

describe('trajectory matrices', () => {
  const rows = [
    [1, 2, 4, 8],
    [3, 3, 3, 3],
  ];

  it('z-normalise each row (constant rows to zeros) and leave the input alone', () => {
    const input = rows.map((r) => [...r]);
    const z = trajectoryMatrix(input, 'zscore');
    assert.deepEqual(input, rows);
    const first = [...z.data.subarray(0, 4)];
    const mean = first.reduce((a, b) => a + b, 0) / 4;
    const variance = first.reduce((a, b) => a + (b - mean) ** 2, 0) / 4;
    assert.ok(Math.abs(mean) < 1e-15 && Math.abs(variance - 1) < 1e-15);
    assert.deepEqual([...z.data.subarray(4)], [0, 0, 0, 0]);
  });

  it('take increments (T − 1 columns)', () => {
    const d = trajectoryMatrix(rows, 'increments');
    assert.deepEqual([d.rows, d.cols], [2, 3]);
    assert.deepEqual([...d.data], [1, 2, 4, 0, 0, 0]);
  });

  it('copy a matrix input and reject bad shapes or values', () => {
    const m = { rows: 1, cols: 2, data: Float64Array.from([1, 2]) };
    const copy = trajectoryMatrix(m);
    copy.data[0] = 7;
    assert.equal(m.data[0], 1);
    assert.throws(() => trajectoryMatrix([[1, 2], [3]]), /steps/);
    assert.throws(() => trajectoryMatrix([[1], [2]], 'increments'), /at least 2/);
    assert.throws(() => trajectoryMatrix([[1, Infinity]]), RangeError);
    assert.throws(() => trajectoryMatrix({ rows: 2, cols: 2, data: new Float64Array(3) }));
  });
});
