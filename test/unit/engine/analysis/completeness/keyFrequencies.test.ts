import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Float64Matrix, ShapeError } from '../../../../../src/engine/analysis/cka';
import { keyFrequencies } from '../../../../../src/engine/analysis/completeness/fourier';
import { realFourierBasis } from '../../../../../src/engine/analysis/completeness/fourierBasis';
import { neuronFrequency } from '../../../../../src/engine/analysis/completeness/keyFrequencies';
import { createRng } from '../../../../../src/engine/rng';

const p = 31;
const theta = (k: number, x: number): number => (2 * Math.PI * k * x) / p;

function grid(f: (x: number, y: number) => number): Float64Matrix {
  const data = new Float64Array(p * p);
  for (let x = 0; x < p; x++) {
    for (let y = 0; y < p; y++) {
      data[x * p + y] = f(x, y);
    }
  }
  return { rows: p, cols: p, data };
}

/**
 * An embedding with circles at `freqs` (dims 2i, 2i+1 for circle i) plus small noise elsewhere,
 * and a first layer whose neuron j reads circle j mod |freqs| at phase φ_j from both tokens:
 * pre(x, y) = cos(kx + φ) + cos(ky + φ) = 2·cos(k(x+y)/2 + φ)·cos(k(x−y)/2).
 */
function plantedLayer(freqs: number[], hidden: number, combine: 'concat' | 'sum') {
  const d = 8;
  const rng = createRng(11, 2);
  const e: Float64Matrix = {
    rows: p,
    cols: d,
    data: Float64Array.from({ length: p * d }, () => 0.01 * rng.normal()),
  };
  freqs.forEach((k, i) => {
    for (let x = 0; x < p; x++) {
      e.data[x * d + 2 * i] = Math.cos(theta(k, x));
      e.data[x * d + 2 * i + 1] = Math.sin(theta(k, x));
    }
  });
  const rows = combine === 'concat' ? 2 * d : d;
  const w1 = new Float64Array(rows * hidden);
  for (let j = 0; j < hidden; j++) {
    const i = j % freqs.length;
    const phi = (2 * Math.PI * j) / hidden;
    // cos(kx + φ) = cos kx·cos φ − sin kx·sin φ
    for (const offset of combine === 'concat' ? [0, d] : [0]) {
      w1[(offset + 2 * i) * hidden + j] = Math.cos(phi);
      w1[(offset + 2 * i + 1) * hidden + j] = -Math.sin(phi);
    }
  }
  const b1 = Float64Array.from({ length: hidden }, (_, j) => 0.1 * Math.sin(j));
  return { e, w1: { rows, cols: hidden, data: w1 }, b1 };
}

describe('neuronFrequency', () => {
  const basis = realFourierBasis(p);

  it('assigns cos(k(x+y)) all of its variance at k', () => {
    const got = neuronFrequency(
      grid((x, y) => Math.cos(theta(6, x + y)) + 2),
      basis,
    );
    assert.equal(got?.k, 6);
    assert.ok(Math.abs((got?.fraction ?? 0) - 1) <= 1e-10, `fraction ${got?.fraction}`);
  });

  it('counts linear and product terms of one k together', () => {
    const f = (x: number, y: number): number =>
      Math.sin(theta(4, x)) + Math.cos(theta(4, y)) + Math.cos(theta(4, x)) * Math.sin(theta(4, y));
    const got = neuronFrequency(
      grid((x, y) => f(x, y) + 0.5 * Math.cos(theta(9, x))),
      basis,
    );
    assert.equal(got?.k, 4);
    // Variance 0.5 + 0.5 + 0.25 at k = 4 against 0.125 at k = 9.
    assert.ok(Math.abs((got?.fraction ?? 0) - 1.25 / 1.375) <= 1e-10, `fraction ${got?.fraction}`);
  });

  it('ignores constant neurons', () => {
    assert.equal(
      neuronFrequency(
        grid(() => 3),
        basis,
      ),
      null,
    );
  });
});

describe('keyFrequencies', () => {
  for (const activation of ['relu', 'silu', 'gelu'] as const) {
    it(`finds the planted frequency through ${activation} (concat and sum)`, () => {
      for (const combine of ['concat', 'sum'] as const) {
        const { e, w1, b1 } = plantedLayer([7], 20, combine);
        assert.deepEqual(keyFrequencies(e, w1, b1, combine, activation), [7], combine);
      }
    });
  }

  it('finds two planted frequencies, ascending', () => {
    const { e, w1, b1 } = plantedLayer([11, 3], 24, 'concat');
    assert.deepEqual(keyFrequencies(e, w1, b1, 'concat', 'relu'), [3, 11]);
  });

  it('drops winners below minShare of the live neurons', () => {
    const { e, w1, b1 } = plantedLayer([11, 3], 24, 'concat');
    // Neurons 1, 3, 5… read frequency 3; silence all but one of them.
    for (let j = 3; j < 24; j += 2) {
      for (let r = 0; r < w1.rows; r++) {
        w1.data[r * 24 + j] = 0;
      }
    }
    assert.deepEqual(keyFrequencies(e, w1, b1, 'concat', 'relu', { minShare: 0.1 }), [11]);
    assert.deepEqual(keyFrequencies(e, w1, b1, 'concat', 'relu', { minShare: 0.05 }), [3, 11]);
  });

  it('rejects a first layer of the wrong shape', () => {
    const { e, w1, b1 } = plantedLayer([7], 4, 'sum');
    assert.throws(() => keyFrequencies(e, w1, b1, 'concat', 'relu'), ShapeError);
  });
});
