import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { leadingComponents } from '../../../../src/engine/analysis/leadingComponents';
import { pca } from '../../../../src/engine/analysis/pca';
import { createRng, normalArray } from '../../../../src/engine/rng';

/** [n, d]: two strong directions (scales 5 and 3) plus small noise, shifted. */
function matrix(n: number, d: number): { rows: number; cols: number; data: Float64Array } {
  const rng = createRng(4);
  const u = normalArray(n * 2, 1, rng);
  const dirs = normalArray(2 * d, 1, rng);
  const noise = normalArray(n * d, 0.1, rng);
  const data = Float64Array.from({ length: n * d }, (_, i) => {
    const [r, c] = [Math.floor(i / d), i % d];
    return 5 * u[2 * r] * dirs[c] + 3 * u[2 * r + 1] * dirs[d + c] + noise[i] + 7;
  });
  return { rows: n, cols: d, data };
}

describe('leadingComponents', () => {
  it('matches the SVD PCA: explained ratios and projections, signs included', () => {
    const x = matrix(300, 40);
    const exact = pca(x, { k: 2 });
    const fast = leadingComponents(x, 2);
    for (let c = 0; c < 2; c++) {
      assert.ok(Math.abs(fast.explainedRatio[c] - exact.explainedVarianceRatio[c]) < 1e-6);
    }
    let maxDiff = 0;
    let maxAbs = 0;
    exact.projections.data.forEach((v, i) => {
      maxDiff = Math.max(maxDiff, Math.abs(v - fast.projections.data[i]));
      maxAbs = Math.max(maxAbs, Math.abs(v));
    });
    assert.ok(maxDiff < 1e-6 * maxAbs, `${maxDiff} vs ${maxAbs}`);
  });

  it('reads float32 data as well', () => {
    const x = matrix(100, 12);
    const r = leadingComponents({ ...x, data: Float32Array.from(x.data) }, 2);
    assert.equal(r.projections.rows, 100);
    assert.ok(r.explainedRatio[0] > r.explainedRatio[1] && r.explainedRatio[1] > 0);
  });
});
