import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Float64Matrix } from '../../../../src/engine/analysis/cka';
import { fourierAxes } from '../../../../src/engine/analysis/fixedProjection';
import { createRng, normalArray } from '../../../../src/engine/rng';
import {
  type EmbeddingProjectionRequest,
  circlePositionLabel,
} from '../../../../src/shared/embeddingResults';
import { writeCheckpoint } from '../../../../src/storage/checkpointStore';
import { checkpointFile } from '../../../../src/storage/runLayout';
import { analyzeEmbedding } from '../../../../src/runner/embedding/embeddingTrajectory';
import { aRun } from '../../../helpers/runFolders';
import { tempDir } from '../../../helpers/runs';

const root = tempDir();

/** An embedding [rows, d] whose row x is f(x) (length d). */
function embedding(rows: number, d: number, f: (x: number) => number[]): Float64Matrix {
  return {
    rows,
    cols: d,
    data: Float64Array.from(Array.from({ length: rows }, (_, x) => f(x)).flat()),
  };
}

/** A run folder of `task` whose checkpoints hold the given embeddings (the last one planted). */
function writeRun(task: object, frames: Float64Matrix[]): string {
  const steps = frames.map((_, t) => t * 10);
  const runDir = aRun(root, 'exp')
    .withManifest({ config: { name: 'exp', task } })
    .withCheckpoints(...steps)
    .write();
  frames.forEach((e, t) => {
    const tensors = new Map([
      ['embedding.weight', { shape: [e.rows, e.cols], data: Float32Array.from(e.data) }],
    ]);
    writeCheckpoint(
      checkpointFile(runDir, steps[t]),
      { step: steps[t], optimizerStep: steps[t], tensors },
      { configHash: 'c0ffee12', runId: 'r' },
    );
  });
  return runDir;
}

/** Frames from random noise to `last`: noise, a mix of both, then the planted embedding. */
function towards(last: Float64Matrix, seed: number): Float64Matrix[] {
  const noise = Float64Array.from(normalArray(last.data.length, 1, createRng(seed)));
  const mix = (a: number): Float64Matrix => ({
    ...last,
    data: last.data.map((v, i) => a * v + (1 - a) * noise[i]),
  });
  return [mix(0), mix(0.5), last];
}

const trajectory = (runDir: string, k: 2 | 3, projection?: EmbeddingProjectionRequest) =>
  analyzeEmbedding(runDir, { k, projection });

const mod = (a: number, p: number): number => ((a % p) + p) % p;

describe('fourier projection of a modular-addition run', () => {
  const p = 13;
  // Circles at k = 5 (radius 3) and k = 2 (radius 2) in orthogonal planes, plus an offset.
  const planted = embedding(p, 8, (x) => {
    const [t5, t2] = [5, 2].map((k) => (2 * Math.PI * k * x) / p);
    const circles = [3 * Math.cos(t5), 3 * Math.sin(t5), 2 * Math.cos(t2), 2 * Math.sin(t2)];
    return [...circles.map((v, i) => v + 0.1 * i), 0.2, -0.1, 0, 0];
  });
  const runDir = writeRun({ kind: 'modular-addition', p }, towards(planted, 1));

  it('is the default, picks the strongest final circle and lists circles first', async () => {
    const t = await trajectory(runDir, 3);
    const proj = t.projection;
    assert.ok(proj?.kind === 'fourier');
    assert.equal(proj.k, 5);
    assert.equal(t.k, 2);
    assert.deepEqual(proj.axes, ['Re F_5 (final)', 'Im F_5 (final)']);
    assert.deepEqual(proj.available, ['fourier', 'pca']);
    assert.deepEqual(
      proj.frequencies.map((f) => [f.k, f.circle]),
      [
        [5, true],
        [2, true],
        [1, false],
        [3, false],
        [4, false],
        [6, false],
      ],
    );
    assert.deepEqual(
      t.labels[circlePositionLabel],
      Array.from({ length: p }, (_, x) => mod(5 * x, p)),
    );
    assert.deepEqual(
      t.labels.token,
      Array.from({ length: p }, (_, x) => x),
    );
  });

  for (const [k, radius] of [
    [5, 3],
    [2, 2],
  ]) {
    it(`puts the last checkpoint on a circle at k = ${k} in x·k mod p order`, async () => {
      const t = await trajectory(runDir, 2, { kind: 'fourier', k });
      const last = t.points[t.points.length - 1];
      const radii = last.map(([x, y]) => Math.hypot(x, y));
      radii.forEach((r) => assert.ok(Math.abs(r / radius - 1) < 1e-6, `radius ${r}`));
      const byAngle = last
        .map(([x, y], token) => ({ token, angle: Math.atan2(y, x) }))
        .sort((a, b) => a.angle - b.angle)
        .map(({ token }) => mod(token * k, p));
      const stepsAround = byAngle.map((v, i) => mod(byAngle[(i + 1) % p] - v, p));
      assert.equal(new Set(stepsAround).size, 1, `positions ${byAngle.join(' ')}`);
      assert.ok([1, p - 1].includes(stepsAround[0]));
      // The plane holds all of the circle's variance, none of the other one's.
      const share = t.explained[2][0] + t.explained[2][1];
      assert.ok(Math.abs(share - radius ** 2 / (3 ** 2 + 2 ** 2)) < 1e-6);
    });
  }

  it('keeps the same plane for every step, so earlier checkpoints are not circles', async () => {
    const t = await trajectory(runDir, 2);
    const radii = t.points[0].map(([x, y]) => Math.hypot(x, y));
    assert.ok(Math.max(...radii) / Math.min(...radii) > 1.5);
  });

  it('orthonormalises the plane of an embedding that is not a circle', () => {
    const e = embedding(p, 8, (x) => Array.from({ length: 8 }, (_, a) => Math.cos(x * x + a)));
    const { u, v } = fourierAxes(e, 3).plane;
    const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, ai, i) => s + ai * b[i], 0);
    assert.ok(Math.abs(dot(u, u) - 1) < 1e-12 && Math.abs(dot(v, v) - 1) < 1e-12);
    assert.ok(Math.abs(dot(u, v)) < 1e-12);
  });

  it('rejects a frequency out of range and a projection of another task', async () => {
    const code = (c: string) => (e: unknown) => (e as { code?: string }).code === c;
    await assert.rejects(trajectory(runDir, 2, { kind: 'fourier', k: 7 }), code('bad-projection'));
    await assert.rejects(trajectory(runDir, 2, { kind: 'walsh' }), code('bad-projection'));
  });
});

describe('walsh projection of a multi-digit XOR run', () => {
  const chi = (s: number, x: number): number => {
    let v = s & x;
    let parity = 0;
    while (v !== 0) {
      parity ^= v & 1;
      v >>= 1;
    }
    return parity === 0 ? 1 : -1;
  };
  // A unit cube on masks 1, 2, 4 (orthogonal directions), a weaker mask 7 and an offset.
  const planted = embedding(8, 6, (x) => [
    chi(1, x) + 0.5,
    chi(2, x) - 0.3,
    chi(4, x),
    0.4 * chi(7, x),
    0.2,
    0,
  ]);
  const runDir = writeRun({ kind: 'multi-digit-xor', bits: 3 }, towards(planted, 2));

  it('is the default and puts the last checkpoint on the ±1 corners of the final masks', async () => {
    const t = await trajectory(runDir, 3);
    const proj = t.projection;
    assert.ok(proj?.kind === 'walsh');
    assert.deepEqual(proj.masks, [1, 2, 4]);
    assert.deepEqual(proj.axes, ['W_1', 'W_2', 'W_4']);
    // Final masks first, then the others strongest first (1, 2, 4 tie up to float32 rounding).
    const choices = proj.choices.map((c) => `${c.mask}${c.final ? '*' : ''}`);
    assert.deepEqual(choices.slice(0, 3).sort(), ['1*', '2*', '4*']);
    assert.equal(choices[3], '7');
    assert.deepEqual(choices.slice(4).sort(), ['3', '5', '6']);
    t.points[2].forEach((point, x) =>
      point.forEach((v, i) => assert.ok(Math.abs(v - chi(proj.masks[i], x)) < 1e-6, `${x}`)),
    );
  });

  it('uses two of the final masks in 2-D, and the masks asked for', async () => {
    const two = await trajectory(runDir, 2);
    const masks = two.projection?.kind === 'walsh' ? two.projection.masks : [];
    assert.equal(masks.length, 2);
    assert.ok(masks.every((s) => [1, 2, 4].includes(s)) && masks[0] < masks[1]);
    two.points[2].forEach((point, x) =>
      point.forEach((v, i) => assert.ok(Math.abs(v - chi(masks[i], x)) < 1e-6)),
    );
    const asked = await trajectory(runDir, 2, { kind: 'walsh', masks: [4, 7] });
    assert.deepEqual(asked.projection?.axes, ['W_4', 'W_7']);
    asked.points[2].forEach(([a, b], x) => {
      assert.ok(Math.abs(a - chi(4, x)) < 1e-6 && Math.abs(b - 0.4 * chi(7, x)) < 1e-6);
    });
    const code = (e: unknown) => (e as { code?: string }).code === 'bad-projection';
    await assert.rejects(trajectory(runDir, 2, { kind: 'walsh', masks: [1, 8] }), code);
  });
});

describe('line projection of a remainder-equivalence run', () => {
  const planted = [2, 0, 3, 1];
  const m = 4;
  // Class means on a line in the planted order; tokens of a class spread along another axis.
  const e = embedding(12, 5, (x) => {
    const position = planted.indexOf(x % m) - 1.5;
    const j = Math.floor(x / m);
    return [2 * position + 0.3, 0.3 * (j - 1), 0.1, 0, -0.2];
  });
  const runDir = writeRun({ kind: 'remainder-equivalence', n: 12, m }, towards(e, 3));

  it('is the default and orders the residues along x as planted', async () => {
    const t = await trajectory(runDir, 2);
    const proj = t.projection;
    assert.ok(proj?.kind === 'line');
    assert.deepEqual(proj.order, [1, 3, 0, 2]); // [2, 0, 3, 1] reversed to the canonical side
    assert.deepEqual(proj.axes, ['final line (class-mean PC 1)', 'remaining PC 1']);
    const last = t.points[2];
    const meanX = (r: number) => [r, r + m, r + 2 * m].reduce((a, x) => a + last[x][0], 0) / 3;
    const byX = [0, 1, 2, 3].sort((a, b) => meanX(a) - meanX(b));
    assert.ok([planted.join(), [...planted].reverse().join()].includes(byX.join()), byX.join());
    // y is the spread inside each class, orthogonal to the line.
    last.forEach(([, y], x) =>
      assert.ok(Math.abs(Math.abs(y) - 0.3 * Math.abs(Math.floor(x / m) - 1)) < 1e-6),
    );
    assert.deepEqual(
      t.labels.residue,
      Array.from({ length: 12 }, (_, x) => x % m),
    );
  });

  it('adds a second remaining direction in 3-D', async () => {
    const t = await trajectory(runDir, 3);
    assert.equal(t.k, 3);
    assert.equal(t.projection?.axes[2], 'remaining PC 2');
  });

  it('still offers the aligned PCA, unchanged', async () => {
    const t = await trajectory(runDir, 2, { kind: 'pca' });
    assert.equal(t.projection?.kind, 'pca');
    assert.deepEqual(t.projection.axes, ['aligned PC 1', 'aligned PC 2']);
    assert.ok(t.explained.every(([a, b]) => a >= b));
  });
});

describe('projections without a task structure', () => {
  it('falls back to PCA for a run without checkpoints', async () => {
    const runDir = writeRun({ kind: 'modular-addition', p: 13 }, []);
    const t = await trajectory(runDir, 2);
    assert.deepEqual(t.steps, []);
    assert.equal(t.projection?.kind, 'pca');
  });
});
