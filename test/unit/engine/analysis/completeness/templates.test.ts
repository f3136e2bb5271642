import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Float64Matrix } from '../../../../../src/engine/analysis/cka';
import { dftSignal } from '../../../../../src/engine/analysis/completeness/fourier';
import {
  frequencyTSquared,
  frequencyTemplate,
  orderingTemplate,
  orderingTemplateScore,
  templateTSquared,
  templateZ,
  xorBasisTemplate,
} from '../../../../../src/engine/analysis/completeness/templates';
import { maskSignal } from '../../../../../src/engine/analysis/completeness/walsh';
import { createRng } from '../../../../../src/engine/rng';

function gaussian(rows: number, cols: number, seed: number, std = 1): Float64Matrix {
  const rng = createRng(seed, 2);
  return { rows, cols, data: Float64Array.from({ length: rows * cols }, () => std * rng.normal()) };
}

const close = (a: number, b: number, rtol: number): boolean =>
  Math.abs(a - b) <= rtol * Math.max(Math.abs(b), 1e-300);

/** Sample mean and standard deviation. */
function moments(z: number[]): { mean: number; std: number } {
  const mean = z.reduce((a, v) => a + v, 0) / z.length;
  const variance = z.reduce((a, v) => a + (v - mean) ** 2, 0) / (z.length - 1);
  return { mean, std: Math.sqrt(variance) };
}

describe('template scores', () => {
  it('standardizes z = (T²/σ² − q)/√(2q)', () => {
    assert.equal(templateZ(32, 2, 4), (8 - 4) / Math.sqrt(8));
    assert.throws(() => templateZ(1, 0, 4), RangeError);
  });

  it('gives a frequency T² = ‖Eᵀcos_k‖² + ‖Eᵀsin_k‖² = (2/p)·S_k², q = 2d', () => {
    const p = 13;
    const e = gaussian(p, 5, 1);
    const s = dftSignal(e);
    for (let k = 1; k <= 6; k++) {
      const unit = (f: (t: number) => number): number[] =>
        Array.from({ length: p }, (_, x) => Math.sqrt(2 / p) * f((2 * Math.PI * k * x) / p));
      const direct = templateTSquared(e, unit(Math.cos)) + templateTSquared(e, unit(Math.sin));
      const t = frequencyTemplate(e, k);
      assert.ok(close(t.tSquared, direct, 1e-12), `k=${k}: ${t.tSquared} vs ${direct}`);
      assert.ok(close(frequencyTSquared(s[k], p), direct, 1e-12));
      assert.equal(t.q, 10);
    }
    assert.throws(() => frequencyTemplate(e, 0), RangeError);
  });

  it('gives an XOR basis T² = Σ ‖Eᵀχ_s/√2^n‖², q = n·d', () => {
    const e = gaussian(8, 4, 2);
    const chi = (s: number): number[] =>
      Array.from({ length: 8 }, (_, x) => {
        const bits = (s & x).toString(2).split('1').length - 1;
        return (bits % 2 === 0 ? 1 : -1) / Math.sqrt(8);
      });
    const basis = [1, 6, 5];
    const direct = basis.reduce((acc, s) => acc + templateTSquared(e, chi(s)), 0);
    const t = xorBasisTemplate(maskSignal(e), basis, 4);
    assert.ok(close(t.tSquared, direct, 1e-12), `${t.tSquared} vs ${direct}`);
    assert.equal(t.q, 12);
  });

  it('builds a centred unit ordering template over the tokens', () => {
    for (const tokens of [12, 13]) {
      const f = orderingTemplate(tokens, [2, 0, 1]);
      assert.ok(Math.abs(f.reduce((a, v) => a + v, 0)) <= 1e-12);
      assert.ok(Math.abs(f.reduce((a, v) => a + v * v, 0) - 1) <= 1e-12);
    }
    // Residue 2 is first on the line: most negative, residue 1 last: most positive.
    const f = orderingTemplate(3, [2, 0, 1]);
    assert.ok(f[2] < f[0] && f[0] < f[1]);
  });
});

/**
 * Null calibration: under an i.i.d. N(0, σ²) init every candidate's z has mean 0 and sd 1. The
 * candidates used here have orthogonal templates, so their z are independent; with N samples the
 * sample mean has sd 1/√N and the sample sd has sd ≈ √((2 + κ)/(4N)) (κ = 12/q the excess
 * kurtosis of χ²_q). Tolerances are 4 such standard deviations.
 */
describe('templateZ under the random-init null', () => {
  const sigma = 0.7;

  it('has mean ≈ 0 and sd ≈ 1 over modular-addition frequencies (p=59, d=16)', () => {
    const z: number[] = [];
    for (let seed = 0; seed < 100; seed++) {
      const e = gaussian(59, 16, seed, sigma);
      for (let k = 1; k <= 29; k++) {
        const t = frequencyTemplate(e, k);
        z.push(templateZ(t.tSquared, sigma, t.q));
      }
    }
    const { mean, std } = moments(z); // N = 2900: sd(mean) 0.019, sd(std) 0.014
    assert.ok(Math.abs(mean) <= 0.075, `mean ${mean}`);
    assert.ok(Math.abs(std - 1) <= 0.06, `std ${std}`);
  });

  it('has mean ≈ 0 and sd ≈ 1 over single XOR masks (n=4, d=16)', () => {
    const z: number[] = [];
    for (let seed = 0; seed < 200; seed++) {
      const sig = maskSignal(gaussian(16, 16, 1000 + seed, sigma));
      for (let s = 1; s < 16; s++) {
        const t = xorBasisTemplate(sig, [s], 16);
        z.push(templateZ(t.tSquared, sigma, t.q));
      }
    }
    const { mean, std } = moments(z); // N = 3000: sd(mean) 0.018, sd(std) 0.015
    assert.ok(Math.abs(mean) <= 0.075, `mean ${mean}`);
    assert.ok(Math.abs(std - 1) <= 0.065, `std ${std}`);
  });

  it('has mean ≈ 0 and sd ≈ 1 for a remainder ordering (N=60, m=4, d=8)', () => {
    const z: number[] = [];
    for (let seed = 0; seed < 2000; seed++) {
      const t = orderingTemplateScore(gaussian(60, 8, 5000 + seed, sigma), [1, 3, 0, 2]);
      z.push(templateZ(t.tSquared, sigma, t.q));
    }
    const { mean, std } = moments(z); // N = 2000: sd(mean) 0.022, sd(std) 0.019
    assert.ok(Math.abs(mean) <= 0.09, `mean ${mean}`);
    assert.ok(Math.abs(std - 1) <= 0.08, `std ${std}`);
  });
});
