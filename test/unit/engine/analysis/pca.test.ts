import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type StoredMatrix, numericCases, toMatrix } from '../../../helpers/numeric';
import { type Float64Matrix, ShapeError } from '../../../../src/engine/analysis/cka';
import { pca, pcaProject } from '../../../../src/engine/analysis/pca';

/** numpy float64 references; see test/fixtures/numeric/make_pca_fixture.py. */
interface Case {
  label: string;
  k: number;
  x: StoredMatrix;
  components: StoredMatrix;
  explainedVariance: number[];
  explainedVarianceRatio: number[];
  projections: StoredMatrix;
}
const cases = numericCases<Case>('pca.json');

function assertClose(actual: number, expected: number, atol: number, what: string): void {
  assert.ok(
    Math.abs(actual - expected) <= atol,
    `${what}: ${actual} vs ${expected} (atol ${atol})`,
  );
}

/** A deterministic [n, d] matrix with columns of different scales and a non-zero mean. */
function sample(n: number, d: number): Float64Matrix {
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      data[i * d + j] = Math.sin(1.3 * i + 0.7 * j * j) * (d - j) + 0.1 * Math.cos(i * j) + j;
    }
  }
  return { rows: n, cols: d, data };
}

const shapes: [number, number][] = [
  [30, 5],
  [6, 11],
  [12, 12],
];

describe('pca', () => {
  for (const [n, d] of shapes) {
    it(`has orthonormal components for a [${n}, ${d}] matrix`, () => {
      const { components: c } = pca(sample(n, d));
      for (let a = 0; a < c.rows; a++) {
        for (let b = 0; b < c.rows; b++) {
          let dot = 0;
          for (let j = 0; j < d; j++) {
            dot += c.data[a * d + j] * c.data[b * d + j];
          }
          // Components past the rank (n ≤ d keeps n − 1 non-trivial ones) are still unit vectors.
          assertClose(dot, a === b ? 1 : 0, 1e-10, `⟨c${a}, c${b}⟩`);
        }
      }
    });

    it(`has non-increasing explained variance summing to at most 1 for [${n}, ${d}]`, () => {
      const r = pca(sample(n, d)).explainedVarianceRatio;
      for (let i = 1; i < r.length; i++) {
        assert.ok(r[i] <= r[i - 1] + 1e-12, `ratio ${i} = ${r[i]} > ratio ${i - 1} = ${r[i - 1]}`);
      }
      const sum = r.reduce((a, b) => a + b, 0);
      assertClose(sum, 1, 1e-10, 'sum of all ratios');
      const top2 = pca(sample(n, d), { k: 2 }).explainedVarianceRatio;
      assert.ok(top2[0] + top2[1] <= 1 + 1e-12);
    });

    it(`reconstructs the centred matrix from all components for [${n}, ${d}]`, () => {
      const x = sample(n, d);
      const { projections: p, components: c, mean } = pca(x);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < d; j++) {
          let v = 0;
          for (let k = 0; k < c.rows; k++) {
            v += p.data[i * c.rows + k] * c.data[k * d + j];
          }
          assertClose(v, x.data[i * d + j] - mean[j], 1e-9, `Xc[${i}, ${j}]`);
        }
      }
    });
  }

  for (const c of cases) {
    it(`matches numpy up to the sign of each component: ${c.label}`, () => {
      const got = pca(toMatrix(c.x), { k: c.k });
      const { rows: k, cols: d } = c.components;
      for (let i = 0; i < k; i++) {
        assertClose(got.explainedVariance[i], c.explainedVariance[i], 1e-9, `variance ${i}`);
        assertClose(
          got.explainedVarianceRatio[i],
          c.explainedVarianceRatio[i],
          1e-12,
          `ratio ${i}`,
        );
        // The sign of a component is arbitrary: match it to numpy's through their dot product.
        let dot = 0;
        for (let j = 0; j < d; j++) {
          dot += got.components.data[i * d + j] * c.components.data[i * d + j];
        }
        const s = Math.sign(dot);
        for (let j = 0; j < d; j++) {
          const want = c.components.data[i * d + j];
          assertClose(s * got.components.data[i * d + j], want, 1e-9, `component ${i}[${j}]`);
        }
        for (let r = 0; r < c.projections.rows; r++) {
          const want = c.projections.data[r * k + i];
          assertClose(s * got.projections.data[r * k + i], want, 1e-8, `projection ${r}, ${i}`);
        }
      }
    });
  }

  it('makes the largest entry of every component positive', () => {
    const { components: c } = pca(sample(20, 6), { k: 3 });
    for (let i = 0; i < c.rows; i++) {
      const row = Array.from(c.data.subarray(i * c.cols, (i + 1) * c.cols));
      const largest = row.reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a), 0);
      assert.ok(largest > 0);
    }
  });

  it('projects new rows like the fitted ones', () => {
    const x = sample(15, 4);
    const fit = pca(x, { k: 2 });
    const again = pcaProject(x, fit);
    fit.projections.data.forEach((v, i) => assertClose(again.data[i], v, 1e-10, `p[${i}]`));
  });

  it('gives zero ratios, not NaN, for a constant matrix', () => {
    const x: Float64Matrix = { rows: 4, cols: 3, data: new Float64Array(12).fill(2) };
    const r = pca(x, { k: 2 });
    assert.deepEqual(Array.from(r.explainedVarianceRatio), [0, 0]);
    assert.ok(r.projections.data.every((v) => v === 0));
  });

  it('rejects a k outside 1..min(n, d) and non-finite values with a ShapeError', () => {
    assert.throws(() => pca(sample(5, 3), { k: 4 }), ShapeError);
    assert.throws(() => pca(sample(5, 3), { k: 0 }), ShapeError);
    const bad = sample(5, 3);
    bad.data[4] = Number.NaN;
    assert.throws(() => pca(bad), /row 1, column 1 is NaN/);
  });
});
