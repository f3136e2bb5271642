import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type StoredMatrix, numericCases, toMatrix } from '../../../../helpers/numeric';
import { type Float64Matrix, ShapeError } from '../../../../../src/engine/analysis/cka';
import {
  circlePlane,
  circleThreshold,
  circularities,
  circularity,
  dftSignal,
  finalCircles,
  fourierNorms,
  halfSpectrum,
  projectOnPlane,
  realFourierBasis,
} from '../../../../../src/engine/analysis/completeness/fourier';
import { createRng } from '../../../../../src/engine/rng';

/** numpy float64 references; see test/fixtures/numeric/make_completeness_fixture.py. */
interface DftCase {
  kind: 'dft';
  label: string;
  e: StoredMatrix;
  signal: number[];
  circularity: number[];
  fourierNorms?: number[];
}
const cases = numericCases<DftCase | { kind: 'walsh' }>('completeness.json').filter(
  (c): c is DftCase => c.kind === 'dft',
);

function assertRel(actual: number, expected: number, rtol: number, what: string): void {
  const err = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
  assert.ok(err <= rtol, `${what}: ${actual} vs ${expected} (relative error ${err} > ${rtol})`);
}

/** N(0, std²) matrix from a seeded stream. */
function gaussian(rows: number, cols: number, seed: number, std = 1): Float64Matrix {
  const rng = createRng(seed, 2);
  return { rows, cols, data: Float64Array.from({ length: rows * cols }, () => std * rng.normal()) };
}

/**
 * E_x = cos(2πkx/p)·a + sin(2πkx/p)·b (+ noise) with a ⊥ b of equal norm 3 in dims 0 and 1 (so the
 * plane projection is a circle, not an ellipse).
 */
function plantedCircle(p: number, d: number, k: number, noise = 0, seed = 1): Float64Matrix {
  const e = gaussian(p, d, seed, noise);
  for (let x = 0; x < p; x++) {
    e.data[x * d] += 3 * Math.cos((2 * Math.PI * k * x) / p);
    e.data[x * d + 1] += 3 * Math.sin((2 * Math.PI * k * x) / p);
  }
  return e;
}

describe('DFT signal', () => {
  for (const c of cases) {
    it(`matches numpy |fft(E, axis=0)| row norms: ${c.label}`, () => {
      const s = dftSignal(toMatrix(c.e));
      assert.equal(s.length, c.signal.length);
      c.signal.forEach((want, k) => assertRel(s[k], want, 1e-10, `S_${k}`));
    });

    it(`matches the numpy circularity of every reported k: ${c.label}`, () => {
      const got = circularities(toMatrix(c.e));
      assert.equal(got.length, c.circularity.length);
      c.circularity.forEach((want, i) => {
        assert.ok(Math.abs(got[i] - want) <= 1e-10, `k=${i + 1}: ${got[i]} vs ${want}`);
      });
    });

    if (c.fourierNorms !== undefined) {
      const norms = c.fourierNorms;
      it(`matches numpy Fourier norms in Nanda's basis: ${c.label}`, () => {
        const got = fourierNorms(toMatrix(c.e));
        assert.equal(got.length, norms.length);
        norms.forEach((want, k) => assertRel(got[k], want, 1e-10, `group ${k}`));
      });
    }
  }

  it('gives conjugate frequencies exactly equal signals and reports k = 1..(p−1)/2', () => {
    for (const p of [7, 16, 59]) {
      const s = dftSignal(gaussian(p, 5, p));
      for (let k = 1; k < p; k++) {
        assert.equal(s[k], s[p - k], `p=${p}, k=${k}`);
      }
      assert.deepEqual(halfSpectrum(s), Array.from(s.subarray(1, Math.floor((p - 1) / 2) + 1)));
    }
  });

  it('has mean S_k ≈ √(p·d) (3 %) and no circles for N(0, 1) embeddings, p=59, d=128', () => {
    const p = 59;
    const d = 128;
    for (let seed = 0; seed < 5; seed++) {
      const e = gaussian(p, d, seed);
      const half = halfSpectrum(dftSignal(e));
      const mean = half.reduce((a, v) => a + v, 0) / half.length;
      // S_k² ~ (p/2)·χ²_{2d}: sd(S_k) ≈ 3.8, so the mean of 29 has sd ≈ 0.7 (0.8 % of 86.9).
      assertRel(mean, Math.sqrt(p * d), 0.03, `seed ${seed} mean S_k`);
      assert.deepEqual(finalCircles(e), [], `seed ${seed}`);
    }
  });

  it('thresholds at twice the mean over all p frequencies', () => {
    assert.equal(circleThreshold([1, 2, 3, 2]), 4);
  });

  it('rejects an empty embedding', () => {
    assert.throws(() => dftSignal({ rows: 0, cols: 3, data: new Float64Array(0) }), ShapeError);
  });
});

describe('planted circle', () => {
  const p = 59;
  const k = 5;

  it('is detected, with circularity ≈ 1 at k and small elsewhere', () => {
    const e = plantedCircle(p, 16, k);
    assert.deepEqual(finalCircles(e), [k]);
    assert.ok(circularity(e, k) >= 0.999, `circularity ${circularity(e, k)}`);
    const all = circularities(e);
    assert.equal(all.length, 29);
    all.forEach((c, i) => assert.ok(i + 1 === k || c <= 1e-9, `k=${i + 1}: ${c}`));
  });

  it('survives a little noise', () => {
    const e = plantedCircle(p, 16, k, 0.05, 7);
    assert.deepEqual(finalCircles(e), [k]);
    assert.ok(circularity(e, k) >= 0.99, `circularity ${circularity(e, k)}`);
  });

  it('projects onto its plane as a circle with token x at angle ±2π(x·k mod p)/p', () => {
    const e = plantedCircle(p, 16, k, 0.01, 3);
    const proj = projectOnPlane(e, circlePlane(e, k));
    assert.equal(proj.rows, p);
    const angle = (x: number): number => Math.atan2(proj.data[2 * x + 1], proj.data[2 * x]);
    const wrap = (a: number): number => Math.atan2(Math.sin(a), Math.cos(a));
    const sign = Math.sign(wrap(angle(1) - angle(0)) * Math.sin((2 * Math.PI * k) / p));
    for (let x = 0; x < p; x++) {
      const radius = Math.hypot(proj.data[2 * x], proj.data[2 * x + 1]);
      assertRel(radius, 3, 0.02, `radius of token ${x}`);
      const want = (sign * 2 * Math.PI * ((x * k) % p)) / p;
      assert.ok(Math.abs(wrap(angle(x) - angle(0) - want)) <= 0.02, `angle of token ${x}`);
    }
  });
});

describe('real Fourier basis', () => {
  for (const p of [7, 16, 59]) {
    it(`is orthonormal for p=${p}`, () => {
      const b = realFourierBasis(p);
      assert.equal(b.rows, p);
      for (let i = 0; i < p; i++) {
        for (let j = 0; j < p; j++) {
          let dot = 0;
          for (let x = 0; x < p; x++) {
            dot += b.data[i * p + x] * b.data[j * p + x];
          }
          assert.ok(Math.abs(dot - (i === j ? 1 : 0)) <= 1e-12, `⟨b${i}, b${j}⟩ = ${dot}`);
        }
      }
    });
  }

  it('gives norms √(2/p)·S_k that concentrate on a planted frequency', () => {
    const e = plantedCircle(59, 12, 7, 0.01);
    const norms = fourierNorms(e);
    const s = dftSignal(e);
    assert.equal(norms.length, 30);
    norms
      .slice(1)
      .forEach((v, i) => assertRel(v, Math.sqrt(2 / 59) * s[i + 1], 1e-10, `k=${i + 1}`));
    const total = norms.reduce((a, v) => a + v * v, 0);
    assert.ok(norms[7] ** 2 / total >= 0.99, `share at k=7: ${norms[7] ** 2 / total}`);
  });
});
