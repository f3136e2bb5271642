import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Float64Matrix } from '../../../../src/engine/analysis/cka';
import {
  alignSequence,
  embeddingTrajectory,
  procrustesRotation,
} from '../../../../src/engine/analysis/embeddingTrajectory';

interface StoredMatrix {
  rows: number;
  cols: number;
  data: number[];
}
interface ProcrustesCase {
  label: string;
  a: StoredMatrix;
  b: StoredMatrix;
  r: StoredMatrix;
  residual: number;
}
const fixturePath = path.join(__dirname, '..', '..', '..', 'fixtures', 'numeric', 'pca.json');
const procrustesCases = (
  JSON.parse(readFileSync(fixturePath, 'utf8')) as { procrustes: ProcrustesCase[] }
).procrustes;

const toMatrix = (m: StoredMatrix): Float64Matrix => ({
  rows: m.rows,
  cols: m.cols,
  data: Float64Array.from(m.data),
});

function mul(a: Float64Matrix, b: Float64Matrix): Float64Matrix {
  const out = new Float64Array(a.rows * b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < b.cols; j++) {
      for (let m = 0; m < a.cols; m++) {
        out[i * b.cols + j] += a.data[i * a.cols + m] * b.data[m * b.cols + j];
      }
    }
  }
  return { rows: a.rows, cols: b.cols, data: out };
}

function maxAbsDiff(a: Float64Matrix, b: Float64Matrix): number {
  return a.data.reduce((m, v, i) => Math.max(m, Math.abs(v - b.data[i])), 0);
}

/** Rotation by θ in 2-D, optionally followed by the reflection y → −y. */
function orth2(theta: number, reflect: boolean): Float64Matrix {
  const [c, s] = [Math.cos(theta), Math.sin(theta)];
  const r = reflect ? -1 : 1;
  return { rows: 2, cols: 2, data: Float64Array.from([c, r * s, -s, r * c]) };
}

/** A 2-D point cloud shaped like an off-centre ellipse of `n` tokens. */
function cloud(n: number): Float64Matrix {
  const data = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    data[2 * i] = 3 * Math.cos((2 * Math.PI * i) / n) + 0.2 * Math.sin(5 * i);
    data[2 * i + 1] = Math.sin((2 * Math.PI * i) / n);
  }
  return { rows: n, cols: 2, data };
}

/** Embeds a [n, 2] cloud into d dimensions along two orthonormal directions, with a bias. */
function lift(p: Float64Matrix, d: number, phase: number): Float64Matrix {
  const u = Array.from({ length: d }, (_, j) => Math.cos(j + phase));
  const w = Array.from({ length: d }, (_, j) => Math.sin(2 * j + phase));
  const un = Math.hypot(...u);
  const dot = u.reduce((s, x, j) => s + (x / un) * w[j], 0);
  const w2 = w.map((x, j) => x - dot * (u[j] / un));
  const wn = Math.hypot(...w2);
  const data = new Float64Array(p.rows * d);
  for (let i = 0; i < p.rows; i++) {
    for (let j = 0; j < d; j++) {
      data[i * d + j] = (p.data[2 * i] * u[j]) / un + (p.data[2 * i + 1] * w2[j]) / wn + 0.5 * j;
    }
  }
  return { rows: p.rows, cols: d, data };
}

describe('procrustesRotation', () => {
  for (const c of procrustesCases) {
    it(`matches numpy: ${c.label}`, () => {
      const r = procrustesRotation(toMatrix(c.a), toMatrix(c.b));
      assert.ok(maxAbsDiff(r, toMatrix(c.r)) < 1e-10, `R differs: ${r.data.join(', ')}`);
    });
  }

  it('recovers a rotation followed by a reflection exactly', () => {
    const a = cloud(17);
    const q = orth2(2.1, true);
    assert.ok(maxAbsDiff(procrustesRotation(a, mul(a, q)), q) < 1e-12);
  });

  it('returns the identity when there is nothing to align', () => {
    const zero: Float64Matrix = { rows: 5, cols: 2, data: new Float64Array(10) };
    const r = procrustesRotation(zero, cloud(5));
    assert.deepEqual(Array.from(r.data), [1, 0, 0, 1]);
  });
});

describe('alignSequence', () => {
  it('undoes rotations and reflections of a fixed projection', () => {
    const base = cloud(23);
    const maps = [orth2(0, false), orth2(0.4, false), orth2(Math.PI, true), orth2(-1.2, true)];
    const { aligned, rotations } = alignSequence(maps.map((q) => mul(base, q)));
    for (let t = 0; t < maps.length; t++) {
      assert.ok(maxAbsDiff(aligned[t], base) < 1e-12, `frame ${t} is not back to the first`);
      // R_t undoes Q_t: Q_t R_t = I.
      const qr = mul(maps[t], rotations[t]);
      assert.ok(maxAbsDiff(qr, orth2(0, false)) < 1e-12, `frame ${t}: Q R = ${qr.data.join()}`);
    }
  });

  it('follows a slowly turning cloud without jumps (aligned to the previous frame)', () => {
    const base = cloud(19);
    const frames = Array.from({ length: 30 }, (_, t) => mul(base, orth2(0.2 * t, t % 3 === 1)));
    const { aligned } = alignSequence(frames);
    aligned.forEach((f, t) => assert.ok(maxAbsDiff(f, base) < 1e-11, `frame ${t}`));
  });
});

describe('embeddingTrajectory', () => {
  it('aligns the PC projections of embeddings that differ by an orthogonal map', () => {
    const base = cloud(13);
    const frames = [0, 1, 2, 3].map((t) => ({
      step: t * 100,
      embedding: lift(mul(base, orth2(0.9 * t, t % 2 === 1)), 8, 0.3 * t),
    }));
    const traj = embeddingTrajectory(frames, 2);
    assert.equal(traj.k, 2);
    assert.deepEqual(traj.steps, [0, 100, 200, 300]);
    for (let t = 1; t < frames.length; t++) {
      assert.ok(maxAbsDiff(traj.points[t], traj.points[0]) < 1e-9, `step ${traj.steps[t]}`);
      assert.ok(Math.abs(traj.explained[t][0] + traj.explained[t][1] - 1) < 1e-12);
    }
  });

  it('caps k at the size of the matrix and handles no checkpoints', () => {
    const small: Float64Matrix = {
      rows: 2,
      cols: 5,
      data: Float64Array.from([1, 2, 3, 4, 5, 0, 1, 0, 1, 0]),
    };
    assert.equal(embeddingTrajectory([{ step: 0, embedding: small }], 3).k, 2);
    assert.deepEqual(embeddingTrajectory([], 3).steps, []);
  });

  it('rejects checkpoints with different embedding shapes', () => {
    const a = lift(cloud(6), 4, 0);
    const b = lift(cloud(7), 4, 0);
    assert.throws(
      () =>
        embeddingTrajectory(
          [
            { step: 0, embedding: a },
            { step: 5, embedding: b },
          ],
          2,
        ),
      /step 5 has \[7, 4\]/,
    );
  });
});
