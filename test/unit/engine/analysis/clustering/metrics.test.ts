import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  adjustedRandIndex,
  normalizedMutualInformation,
  type OutlierHandling,
} from '../../../../../src/engine/analysis/clustering';
import { createRng } from '../../../../../src/engine/rng';
import { fixture } from './fixture';

const modes: OutlierHandling[] = ['keep', 'drop', 'dropAny'];

function close(actual: number, expected: number, what: string, tol = 1e-12): void {
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected}`);
}

describe('ARI and NMI against numpy formulas (test/fixtures/numeric/hdbscan.json)', () => {
  for (const c of fixture.metrics) {
    it(c.label, () => {
      for (const outliers of modes) {
        const want = c.scores[outliers];
        close(adjustedRandIndex(c.a, c.b, { outliers }), want.ari, `ARI ${outliers}`);
        close(normalizedMutualInformation(c.a, c.b, { outliers }), want.nmi, `NMI ${outliers}`);
      }
    });
  }

  it('finds that the reference partitions recover their generating labels', () => {
    // A check on the fixture itself: its HDBSCAN reference is meaningful on every dataset
    // (noise points are their own class here, so the noisy cases stay below 1; with them left
    // out, only uniform noise that happens to fall inside a blob is "misclustered").
    for (const c of fixture.hdbscan.filter((h) => new Set(h.truth).size > 1)) {
      const ari = adjustedRandIndex(c.truth, c.labels);
      assert.ok(ari > 0.85 && ari <= 1, `${c.label}: ${ari}`);
      const inliers = adjustedRandIndex(c.truth, c.labels, { outliers: 'dropAny' });
      assert.ok(inliers > 0.98, `${c.label}: ${inliers} without outliers`);
    }
  });
});

describe('ARI and NMI invariants', () => {
  const rng = createRng(99);
  const draw = (n: number, k: number) => Array.from({ length: n }, () => rng.int(k));

  it('are 1 for identical partitions up to renaming, and symmetric', () => {
    const u = draw(500, 6);
    const renamed = u.map((l) => [40, -1, 7, 3, 12, 5][l]);
    assert.equal(adjustedRandIndex(u, renamed), 1);
    close(normalizedMutualInformation(u, renamed), 1, 'NMI');
    const v = draw(500, 4);
    close(adjustedRandIndex(u, v), adjustedRandIndex(v, u), 'ARI symmetry', 1e-15);
    close(normalizedMutualInformation(u, v), normalizedMutualInformation(v, u), 'NMI sym', 1e-15);
  });

  it('ARI ≈ 0 and NMI ≈ 0 for independent labelings at large n', () => {
    const n = 20000;
    const ari = adjustedRandIndex(draw(n, 5), draw(n, 7));
    assert.ok(Math.abs(ari) < 2e-3, `ARI ${ari}`);
    const nmi = normalizedMutualInformation(draw(n, 5), draw(n, 7));
    assert.ok(nmi >= 0 && nmi < 2e-3, `NMI ${nmi}`);
  });

  it('follow the limit cases of scikit-learn', () => {
    const ones = new Array<number>(10).fill(0);
    assert.equal(adjustedRandIndex(ones, ones), 1);
    assert.equal(normalizedMutualInformation(ones, ones), 1);
    const singletons = ones.map((_, i) => i);
    assert.equal(
      adjustedRandIndex(
        singletons,
        singletons.map((i) => 100 - i),
      ),
      1,
    );
    assert.equal(adjustedRandIndex(ones, singletons), 0);
    assert.equal(normalizedMutualInformation(ones, singletons), 0);
    assert.equal(adjustedRandIndex([], []), 1);
    assert.equal(normalizedMutualInformation([], []), 1);
    assert.equal(adjustedRandIndex([3], [4]), 1);
  });

  it('handle outliers: keep as a class, drop predicted −1, or drop any −1', () => {
    const truth = [0, 0, 0, 1, 1, 1, 2, 2];
    const pred = [5, 5, -1, 6, 6, -1, 7, 7];
    assert.ok(adjustedRandIndex(truth, pred) < 1);
    assert.equal(adjustedRandIndex(truth, pred, { outliers: 'drop' }), 1);
    assert.equal(normalizedMutualInformation(truth, pred, { outliers: 'drop' }), 1);
    // `drop` looks at the second labeling only; `dropAny` at both.
    assert.ok(adjustedRandIndex(pred, truth, { outliers: 'drop' }) < 1);
    assert.equal(adjustedRandIndex(pred, truth, { outliers: 'dropAny' }), 1);
  });

  it('reject labelings of different lengths or non-integer labels', () => {
    assert.throws(() => adjustedRandIndex([0, 1], [0]), RangeError);
    assert.throws(() => normalizedMutualInformation([0, 0.5], [0, 1]), RangeError);
  });

  it('accept typed arrays', () => {
    const u = Int32Array.from(draw(100, 3));
    close(adjustedRandIndex(u, [...u]), 1, 'ARI');
    close(normalizedMutualInformation(Float64Array.from(u), u), 1, 'NMI');
  });
});
