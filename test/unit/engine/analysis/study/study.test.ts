import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Float64Matrix } from '../../../../../src/engine/analysis/cka';
import { predict, studyInitial, studyRun } from '../../../../../src/engine/analysis/study/study';
import { createRng } from '../../../../../src/engine/rng';
import { experimentConfigSchema } from '../../../../../src/shared/experimentConfig';

const taskOf = (task: object) => experimentConfigSchema.parse({ task }).task as never;

function randomMatrix(rows: number, cols: number, seed: number): Float64Matrix {
  const rng = createRng(seed);
  return { rows, cols, data: Float64Array.from({ length: rows * cols }, () => rng.normal()) };
}

/** p tokens on circles at frequencies ks (random planes), plus small noise. */
function circles(p: number, d: number, ks: number[], seed: number): Float64Matrix {
  const e = randomMatrix(p, d, seed);
  e.data.forEach((_, i) => (e.data[i] *= 0.01));
  const dirs = randomMatrix(2 * ks.length, d, seed + 1);
  ks.forEach((k, j) => {
    for (let x = 0; x < p; x++) {
      const c = Math.cos((2 * Math.PI * k * x) / p);
      const s = Math.sin((2 * Math.PI * k * x) / p);
      for (let a = 0; a < d; a++) {
        e.data[x * d + a] += c * dirs.data[2 * j * d + a] + s * dirs.data[(2 * j + 1) * d + a];
      }
    }
  });
  return e;
}

const base = { sigma: 1, candidateLimit: 5000, sampleSeed: 0 };

describe('completeness study of one run', () => {
  it('modular addition: planted final circles are the chosen frequencies', () => {
    const e0 = randomMatrix(31, 24, 1);
    const eFinal = circles(31, 24, [3, 7], 2);
    const r = studyRun(taskOf({ kind: 'modular-addition', p: 31 }), { ...base, e0, eFinal });
    assert.equal(r.candidates.count, 15);
    assert.deepEqual(r.modularAddition?.finalCircles, [3, 7]);
    assert.deepEqual(r.chosen, [2, 6]);
    assert.ok(r.predictionPercentile !== null && r.predictionPercentile >= 0);
    assert.ok(r.test !== null && r.test.pValue > 0 && r.test.pValue <= 1);
    // The two circles' random planes overlap a little, so each projection also picks up some
    // energy of the other frequency: near 1, not exactly 1 (a single circle is exact).
    for (const k of [3, 7]) {
      assert.ok(r.modularAddition.finalCircularity[k - 1] > 0.8, `circularity of k=${k}`);
    }
    const others = r.modularAddition.finalCircularity.filter((_, i) => i !== 2 && i !== 6);
    assert.ok(Math.max(...others) < 0.5);
  });

  it('modular addition: an initial embedding that already holds the circle ranks it first', () => {
    const e0 = circles(31, 24, [5], 3);
    const r = studyRun(taskOf({ kind: 'modular-addition', p: 31 }), { ...base, e0, eFinal: e0 });
    assert.deepEqual(r.chosen, [4]);
    assert.equal(r.top1, true);
    assert.equal(r.predictionPercentile, 1);
    assert.ok(r.modularAddition!.initialCircularity[4] > 0.999);
  });

  it('XOR: a planted hypercube arrangement is the chosen basis', () => {
    const bits = 3;
    const n = 2 ** bits;
    const d = 16;
    const masks = [1, 3, 6];
    const dirs = randomMatrix(masks.length, d, 4);
    const eFinal: Float64Matrix = { rows: n, cols: d, data: new Float64Array(n * d) };
    for (let x = 0; x < n; x++) {
      masks.forEach((s, j) => {
        const chi = (popcount(s & x) & 1) === 0 ? 1 : -1;
        for (let a = 0; a < d; a++) {
          eFinal.data[x * d + a] += chi * dirs.data[j * d + a];
        }
      });
    }
    const r = studyRun(taskOf({ kind: 'multi-digit-xor', bits }), {
      ...base,
      e0: randomMatrix(n, d, 5),
      eFinal,
    });
    assert.equal(r.candidates.count, 28);
    assert.deepEqual(r.xor?.finalMasks, masks);
    assert.equal(r.xor?.independent, true);
    assert.equal(r.chosen.length, 1);
    assert.equal(r.candidates.labels[r.chosen[0]], '{1,3,6}');
  });

  it('remainder: residue clusters on a line give that ordering', () => {
    const m = 4;
    const order = [2, 0, 3, 1];
    const d = 8;
    const dir = randomMatrix(1, d, 6);
    const eFinal: Float64Matrix = { rows: 20, cols: d, data: new Float64Array(20 * d) };
    for (let x = 0; x < 20; x++) {
      const pos = order.indexOf(x % m);
      for (let a = 0; a < d; a++) {
        eFinal.data[x * d + a] = pos * dir.data[a];
      }
    }
    const r = studyRun(taskOf({ kind: 'remainder-equivalence', n: 20, m }), {
      ...base,
      e0: randomMatrix(20, d, 7),
      eFinal,
    });
    assert.equal(r.candidates.count, 12);
    assert.equal(r.chosen.length, 1);
    assert.equal(r.candidates.labels[r.chosen[0]], '1-3-0-2'); // the reversal, canonical
    assert.ok(Math.abs(r.remainder!.finalLine - 1) < 1e-12);
  });

  it('the initial preview lists the five best candidates, best first', () => {
    const e0 = randomMatrix(59, 128, 8);
    const r = studyInitial(taskOf({ kind: 'modular-addition', p: 59 }), e0, 1, 5000, 0);
    assert.equal(r.top.length, 5);
    const scores = r.top.map((i) => r.candidates.initial[i]);
    assert.deepEqual(scores, [...r.candidates.initial].sort((a, b) => b - a).slice(0, 5));
  });
});

describe('predict', () => {
  const candidates = (initial: number[]) => ({
    kind: 'test',
    count: initial.length,
    sampled: false,
    labels: initial.map(String),
    initial,
    z: initial,
  });

  it('gives no percentile and no test without a chosen candidate', () => {
    assert.deepEqual(predict(candidates([1, 2, 3]), []), {
      predictionPercentile: null,
      top1: false,
      test: null,
    });
  });

  it('averages the chosen percentiles and flags the best candidate', () => {
    const r = predict(candidates([1, 2, 3, 4, 5]), [4, 0]);
    assert.equal(r.predictionPercentile, 0.5); // (1 + 0) / 2
    assert.equal(r.top1, true);
    assert.equal(r.test?.n, 5);
  });
});

function popcount(v: number): number {
  let c = 0;
  for (let x = v; x > 0; x >>= 1) {
    c += x & 1;
  }
  return c;
}
