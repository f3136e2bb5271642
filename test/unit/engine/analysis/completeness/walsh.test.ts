import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type StoredMatrix, numericCases, toMatrix } from '../../../../helpers/numeric';
import { type Float64Matrix, ShapeError } from '../../../../../src/engine/analysis/cka';
import {
  arrangementScore,
  finalMasks,
  fwht,
  gf2Independent,
  maskBasisCount,
  maskBases,
  maskSignal,
} from '../../../../../src/engine/analysis/completeness/walsh';
import { createRng } from '../../../../../src/engine/rng';

/** numpy references (Sylvester–Hadamard = scipy.linalg.hadamard); make_completeness_fixture.py. */
interface WalshCase {
  kind: 'walsh';
  label: string;
  e: StoredMatrix;
  w: StoredMatrix;
  sigma: number[];
}
const cases = numericCases<WalshCase | { kind: 'dft' }>('completeness.json').filter(
  (c): c is WalshCase => c.kind === 'walsh',
);

const chi = (s: number, x: number): number => {
  let v = s & x;
  let parity = 0;
  while (v !== 0) {
    parity ^= v & 1;
    v >>>= 1;
  }
  return parity === 0 ? 1 : -1;
};

function gaussian(rows: number, cols: number, seed: number): Float64Matrix {
  const rng = createRng(seed, 2);
  return { rows, cols, data: Float64Array.from({ length: rows * cols }, () => rng.normal()) };
}

/** E(x) = c + Σ_{s∈S} v_s·χ_s(x) with random c, v_s. */
function plantedCube(n: number, d: number, masks: number[]): Float64Matrix {
  const rng = createRng(5, 2);
  const c = Array.from({ length: d }, () => rng.normal());
  const v = masks.map(() => Array.from({ length: d }, () => rng.normal()));
  const data = new Float64Array(2 ** n * d);
  for (let x = 0; x < 2 ** n; x++) {
    for (let a = 0; a < d; a++) {
      data[x * d + a] = c[a] + masks.reduce((acc, s, i) => acc + v[i][a] * chi(s, x), 0);
    }
  }
  return { rows: 2 ** n, cols: d, data };
}

describe('Walsh–Hadamard transform', () => {
  for (const c of cases) {
    it(`matches H_n·E/2^n and its row norms from numpy: ${c.label}`, () => {
      const w = fwht(toMatrix(c.e));
      c.w.data.forEach((want, i) => assert.ok(Math.abs(w.data[i] - want) <= 1e-12, `W[${i}]`));
      const sigma = maskSignal(toMatrix(c.e));
      c.sigma.forEach((want, s) => assert.ok(Math.abs(sigma[s] - want) <= 1e-12, `σ_${s}`));
    });
  }

  it('is its own inverse up to 2^n: fwht(fwht(E)) = E/2^n', () => {
    const e = gaussian(32, 3, 1);
    const twice = fwht(fwht(e));
    e.data.forEach((v, i) => assert.ok(Math.abs(twice.data[i] * 32 - v) <= 1e-12));
  });

  it('rejects a row count that is not a power of two', () => {
    assert.throws(() => fwht(gaussian(12, 2, 1)), ShapeError);
    assert.throws(() => maskSignal(gaussian(12, 2, 1)), /2\^n rows, got 12/);
  });

  it('finds a planted hypercube: its masks, independent, with all the non-constant energy', () => {
    const masks = [3, 5, 9, 14];
    const got = finalMasks(plantedCube(4, 8, masks), 4);
    assert.deepEqual(got.masks, masks);
    assert.equal(got.independent, true);
    assert.ok(Math.abs(got.energyShare - 1) <= 1e-12, `share ${got.energyShare}`);
  });

  it('reports a dependent planted set as not independent', () => {
    const got = finalMasks(plantedCube(3, 6, [3, 5, 6]), 3);
    assert.deepEqual(got.masks, [3, 5, 6]);
    assert.equal(got.independent, false);
  });

  it('gives ‖W_s‖²·2^n a mean of d over masks s ≠ 0 for N(0, 1) embeddings', () => {
    const d = 64;
    let sum = 0;
    let count = 0;
    for (let seed = 0; seed < 20; seed++) {
      const sigma = maskSignal(gaussian(32, d, seed));
      for (let s = 1; s < 32; s++) {
        sum += sigma[s] ** 2 * 32;
        count++;
      }
    }
    // Each term is χ²_64 (variance 128): the mean of 620 has sd 0.45; allow 4 sd.
    assert.ok(Math.abs(sum / count - d) <= 1.8, `mean ${sum / count}`);
  });

  it('scores an arrangement as Σ σ_s²', () => {
    assert.equal(arrangementScore([9, 1, 2, 3], [1, 3]), 10);
  });
});

describe('GF(2) bases', () => {
  it('decides independence on hand cases', () => {
    assert.equal(gf2Independent([]), true);
    assert.equal(gf2Independent([1, 2, 4]), true);
    assert.equal(gf2Independent([3, 5, 9, 14]), true);
    assert.equal(gf2Independent([1, 2, 3]), false);
    assert.equal(gf2Independent([3, 5, 6]), false);
    assert.equal(gf2Independent([6, 11, 13, 7]), false); // 6 ⊕ 11 ⊕ 13 = 0
    assert.equal(gf2Independent([0]), false);
    assert.equal(gf2Independent([5, 5]), false);
  });

  it('counts ∏(2^n − 2^i)/n! bases and enumerates exactly those', () => {
    const formula = (n: number): number => {
      let num = 1;
      let fact = 1;
      for (let i = 0; i < n; i++) {
        num *= 2 ** n - 2 ** i;
        fact *= i + 1;
      }
      return num / fact;
    };
    assert.equal(maskBasisCount(3), 28);
    assert.equal(maskBasisCount(4), 840);
    for (const n of [1, 2, 3, 4]) {
      assert.equal(maskBasisCount(n), formula(n));
      const { bases, sampled } = maskBases(n);
      assert.equal(sampled, false);
      assert.equal(bases.length, formula(n), `n=${n}`);
      assert.equal(new Set(bases.map((b) => b.join(','))).size, bases.length);
      for (const b of bases) {
        assert.equal(gf2Independent(b), true);
        assert.deepEqual(
          b,
          [...b].sort((x, y) => x - y),
        );
      }
    }
  });

  it('samples distinct bases beyond the limit, seeded, keeping mustInclude', () => {
    const opts = { limit: 500, mustInclude: [[16, 8, 4, 2, 1]] };
    const a = maskBases(5, { ...opts, rng: createRng(3, 5) });
    const b = maskBases(5, { ...opts, rng: createRng(3, 5) });
    assert.equal(a.sampled, true);
    assert.equal(a.bases.length, 500);
    assert.deepEqual(a.bases, b.bases);
    assert.equal(new Set(a.bases.map((x) => x.join(','))).size, 500);
    assert.ok(a.bases.some((x) => x.join(',') === '1,2,4,8,16'));
    assert.ok(a.bases.every((x) => x.length === 5 && gf2Independent(x)));
    assert.throws(() => maskBases(5, { limit: 500 }), /pass an rng/);
    assert.throws(() => maskBases(3, { mustInclude: [[1, 2, 3]] }), /not a basis/);
  });
});
