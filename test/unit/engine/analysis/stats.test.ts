import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { numericCases } from '../../../helpers/numeric';
import {
  binomialGreater,
  logGamma,
  mannWhitneyGreater,
  normalSf,
  pearson,
  regularizedBeta,
  wilcoxonSignedRankGreater,
} from '../../../../src/engine/analysis/stats';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** scipy 1.10 references; see test/fixtures/numeric/make_stats_fixture.py for the exact calls. */
type Case =
  | {
      kind: 'mann-whitney';
      label: string;
      chosen: number[];
      others: number[];
      method: string;
      statistic: number;
      pValue: number;
    }
  | {
      kind: 'binomial';
      label: string;
      k: number;
      n: number;
      p0: number;
      statistic: number;
      pValue: number;
    }
  | {
      kind: 'wilcoxon';
      label: string;
      diffs: number[];
      method: string;
      n: number;
      statistic: number;
      pValue: number;
    }
  | {
      kind: 'pearson';
      label: string;
      x: number[];
      y: number[];
      r: number;
      pValue: number;
      slope: number;
      intercept: number;
    };
const cases = numericCases<Case>('stats.json');
const special = (
  JSON.parse(
    readFileSync(path.join(__dirname, '../../../fixtures/numeric/stats.json'), 'utf8'),
  ) as { special: { gammaln: number[][]; betainc: number[][]; normsf: number[][] } }
).special;

/** Exact p-values: 1e-9 relative; normal approximations and t tails: 1e-6 relative. */
const EXACT = 1e-9;
const APPROX = 1e-6;

/** Relative error check; `floor` is the magnitude below which the error counts as absolute. */
function assertRel(
  actual: number,
  expected: number,
  rtol: number,
  what: string,
  floor = 1e-300,
): void {
  const err = Math.abs(actual - expected) / Math.max(Math.abs(expected), floor);
  assert.ok(err <= rtol, `${what}: ${actual} vs ${expected} (relative error ${err} > ${rtol})`);
}

describe('stats against scipy', () => {
  for (const c of cases) {
    it(`${c.kind}: ${c.label}`, () => {
      switch (c.kind) {
        case 'mann-whitney': {
          const r = mannWhitneyGreater(c.chosen, c.others);
          assert.equal(r.method, c.method);
          assert.equal(r.statistic, c.statistic);
          assert.equal(r.n, c.chosen.length + c.others.length);
          assertRel(r.pValue, c.pValue, c.method === 'exact' ? EXACT : APPROX, 'p');
          break;
        }
        case 'binomial': {
          const r = binomialGreater(c.k, c.n, c.p0);
          assert.equal(r.statistic, c.statistic);
          assertRel(r.pValue, c.pValue, EXACT, 'p');
          break;
        }
        case 'wilcoxon': {
          const r = wilcoxonSignedRankGreater(c.diffs);
          assert.equal(r.method, c.method);
          assert.equal(r.n, c.n);
          assert.equal(r.statistic, c.statistic);
          assertRel(r.pValue, c.pValue, c.method === 'exact' ? EXACT : APPROX, 'p');
          break;
        }
        case 'pearson': {
          const r = pearson(c.x, c.y);
          assertRel(r.r, c.r, 1e-12, 'r');
          assertRel(r.pValue, c.pValue, APPROX, 'p');
          assertRel(r.slope, c.slope, 1e-10, 'slope');
          assertRel(r.intercept, c.intercept, 1e-10, 'intercept', 1); // scipy gives 0 for 'n=3'
          break;
        }
      }
    });
  }

  it('special functions: log Γ, I_x(a, b) and the normal tail', () => {
    for (const [x, want] of special.gammaln) {
      assert.ok(
        Math.abs(logGamma(x) - want) <= 1e-12 * Math.max(1, Math.abs(want)),
        `lgamma(${x})`,
      );
    }
    for (const [a, b, x, want] of special.betainc) {
      assertRel(regularizedBeta(x, a, b), want, 1e-11, `I_${x}(${a}, ${b})`);
    }
    for (const [z, want] of special.normsf) {
      assertRel(normalSf(z), want, 1e-12, `sf(${z})`);
    }
  });
});

describe('stats invariants', () => {
  it('gives p-values in [0, 1] that fall as the chosen sample moves up', () => {
    const others = Array.from({ length: 30 }, (_, i) => Math.sin(i * 1.7) * 3);
    for (const size of [1, 3, 12, 40]) {
      let last = 1.1;
      for (let shift = -4; shift <= 4; shift += 0.5) {
        const chosen = Array.from({ length: size }, (_, i) => Math.cos(i * 2.3) + shift);
        const p = mannWhitneyGreater(chosen, others).pValue;
        assert.ok(p >= 0 && p <= 1 && p <= last + 1e-12, `size ${size}, shift ${shift}: ${p}`);
        last = p;
      }
    }
  });

  it('gives binomial p-values non-increasing in k, 1 at k = 0', () => {
    let last = 1;
    assert.equal(binomialGreater(0, 30).pValue, 1);
    for (let k = 1; k <= 30; k++) {
      const p = binomialGreater(k, 30, 0.4).pValue;
      assert.ok(p >= 0 && p <= last, `k=${k}: ${p}`);
      last = p;
    }
    assert.throws(() => binomialGreater(4, 3), RangeError);
  });

  it('gives Wilcoxon p-values that fall as the differences shift up, exact and normal', () => {
    for (const n of [12, 70]) {
      let last = 1.1;
      for (let shift = -2; shift <= 2; shift += 0.25) {
        const d = Array.from({ length: n }, (_, i) => Math.sin(i * 1.3) + shift);
        const r = wilcoxonSignedRankGreater(d);
        assert.equal(r.method, n <= 50 ? 'exact' : 'normal');
        assert.ok(r.pValue >= 0 && r.pValue <= 1 && r.pValue <= last + 1e-12, `${n}, ${shift}`);
        last = r.pValue;
      }
    }
    assert.equal(wilcoxonSignedRankGreater([0, 0]).pValue, 1);
  });

  it('gives an exact Mann–Whitney p of 1 at U = 0 and 1/C(N, n1) at the top', () => {
    assert.equal(mannWhitneyGreater([0, 1], [2, 3, 4]).pValue, 1);
    assert.ok(Math.abs(mannWhitneyGreater([8, 9], [2, 3, 4]).pValue - 1 / 10) <= 1e-15);
  });

  it('returns NaN correlation for a constant sample and rejects unequal lengths', () => {
    const r = pearson([1, 1, 1], [1, 2, 3]);
    assert.ok(Number.isNaN(r.r) && Number.isNaN(r.pValue));
    assert.equal(pearson([1, 2], [3, 1]).pValue, 1);
    assert.throws(() => pearson([1, 2, 3], [1, 2]), RangeError);
  });
});
