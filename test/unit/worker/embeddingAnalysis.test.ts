import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { pca } from '../../../src/engine/analysis/pca';
import { RemoteError } from '../../../src/shared/protocol/endpoint';
import type { EmbeddingTrajectoryResult } from '../../../src/shared/embeddingResults';
import { experimentConfigSchema } from '../../../src/shared/experimentConfig';
import { readCheckpoint } from '../../../src/storage/checkpointStore';
import { checkpointFile } from '../../../src/storage/runLayout';
import { listCheckpoints } from '../../../src/storage/runStore';
import { repoRoot, requireBuild } from '../../helpers/cli';
import { withWorker } from '../../helpers/worker';
import { tempDir } from '../../helpers/runs';

const out = tempDir();
const fixtures = path.join(repoRoot, 'test', 'fixtures', 'numeric');

/** Trains a tiny remainder-equivalence run (12 tokens, residue mod 3) with 4 checkpoints. */
async function trainTinyRun(): Promise<string> {
  const config = experimentConfigSchema.parse({
    name: 'tiny-remeq',
    task: { kind: 'remainder-equivalence', n: 12, m: 3, trainFraction: 0.8 },
    model: { kind: 'embed-mlp', embedDim: 6, hidden: [16], activation: 'silu' },
    train: { steps: 30, logEvery: 10, optimizer: { lr: 0.05, weightDecay: 1 }, seed: 5 },
    checkpoints: { every: 10, logSpaced: 0 },
  });
  const result = await withWorker((w) =>
    w.endpoint.request('run/start', {
      configText: JSON.stringify(config),
      configPath: 'tiny-remeq.replens.json',
      outRoot: out,
      backend: 'wasm',
    }),
  );
  assert.equal(result.status, 'done');
  return result.runDir;
}

/** Squared distances between all pairs of rows: invariant under orthogonal maps. */
function pairDistances(points: ArrayLike<number>[]): number[] {
  const d: number[] = [];
  for (let i = 0; i < points.length; i++) {
    for (let j = 0; j < i; j++) {
      d.push(Array.from(points[i]).reduce((s, v, c) => s + (v - points[j][c]) ** 2, 0));
    }
  }
  return d;
}

const frob2 = (a: number[][], b: number[][]): number =>
  a.reduce((s, row, i) => s + row.reduce((t, v, c) => t + (v - b[i][c]) ** 2, 0), 0);

describe('analysis/embeddingTrajectory (in the worker)', () => {
  let runDir = '';
  let traj: EmbeddingTrajectoryResult;
  before(async () => {
    requireBuild();
    runDir = await trainTinyRun();
    traj = await withWorker((w) =>
      w.endpoint.request('analysis/embeddingTrajectory', { runDir, projection: { kind: 'pca' } }),
    );
  });

  it('returns every checkpoint, 12 tokens in 2-D, and the residue labels of the task', () => {
    assert.deepEqual(traj.steps, listCheckpoints(runDir));
    assert.deepEqual(traj.steps, [0, 10, 20, 30]);
    assert.equal(traj.k, 2);
    assert.equal(traj.points.length, 4);
    traj.points.forEach((p) => assert.deepEqual([p.length, p[0].length], [12, 2]));
    assert.deepEqual(traj.tokens, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    assert.deepEqual(traj.labels.residue, [0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2]);
    assert.match(traj.task, /remainder equivalence mod 3/);
    assert.deepEqual(traj.skipped, []);
    assert.deepEqual(
      traj.metrics.map((m) => m?.step),
      [0, 10, 20, 30],
    );
  });

  it('projects each checkpoint onto its own top-2 PCs (up to an orthogonal map)', () => {
    traj.steps.forEach((step, t) => {
      const e = readCheckpoint(checkpointFile(runDir, step)).tensors.get('embedding.weight');
      assert.ok(e !== undefined);
      const fit = pca(
        { rows: e.shape[0], cols: e.shape[1], data: Float64Array.from(e.data) },
        { k: 2 },
      );
      const raw = Array.from({ length: 12 }, (_, i) =>
        fit.projections.data.subarray(2 * i, 2 * i + 2),
      );
      const want = pairDistances(raw);
      pairDistances(traj.points[t]).forEach((d, i) =>
        assert.ok(Math.abs(d - want[i]) <= 1e-9 * (1 + want[i]), `step ${step}, pair ${i}`),
      );
      const ratios = Array.from(fit.explainedVarianceRatio);
      traj.explained[t].forEach((r, i) => assert.ok(Math.abs(r - ratios[i]) < 1e-12));
      assert.ok(traj.explained[t][0] >= traj.explained[t][1]);
      assert.ok(traj.explained[t][0] + traj.explained[t][1] <= 1 + 1e-12);
    });
  });

  it('aligns each step to the previous one at least as well as any sign flip of its PCs', () => {
    for (let t = 1; t < traj.steps.length; t++) {
      const prev = traj.points[t - 1];
      const aligned = frob2(traj.points[t], prev);
      for (const [sx, sy] of [
        [1, 1],
        [-1, 1],
        [1, -1],
        [-1, -1],
      ]) {
        const flipped = traj.points[t].map(([x, y]) => [sx * x, sy * y]);
        assert.ok(aligned <= frob2(flipped, prev) + 1e-9, `step ${traj.steps[t]} (${sx}, ${sy})`);
      }
    }
  });

  it('gives 3-D points when asked for k = 3', async () => {
    const t3 = await withWorker((w) =>
      w.endpoint.request('analysis/embeddingTrajectory', {
        runDir,
        k: 3,
        projection: { kind: 'pca' },
      }),
    );
    assert.equal(t3.k, 3);
    assert.equal(t3.points[0][0].length, 3);
  });

  it("uses the task's residue line by default and says which projections exist", async () => {
    const line = await withWorker((w) =>
      w.endpoint.request('analysis/embeddingTrajectory', { runDir }),
    );
    assert.equal(traj.projection?.kind, 'pca');
    assert.equal(line.projection?.kind, 'line');
    assert.deepEqual(line.projection.available, ['line', 'pca']);
    assert.deepEqual(line.steps, traj.steps);
    assert.deepEqual(
      [...(line.projection.kind === 'line' ? line.projection.order : [])].sort(),
      [0, 1, 2],
    );
  });

  it('fails with code bad-projection for a projection of another task', () =>
    withWorker(async (w) => {
      await assert.rejects(
        w.endpoint.request('analysis/embeddingTrajectory', {
          runDir,
          projection: { kind: 'fourier' },
        }),
        (e: unknown) => e instanceof RemoteError && e.code === 'bad-projection',
      );
    }));

  it('fails with code bad-run for a folder that is not a run', () =>
    withWorker(async (w) => {
      await assert.rejects(
        w.endpoint.request('analysis/embeddingTrajectory', { runDir: out }),
        (e: unknown) =>
          e instanceof RemoteError && e.code === 'bad-run' && /run\.json/.test(e.message),
      );
    }));
});

interface TorchReport {
  tensors: Record<
    string,
    {
      dtype: string;
      shape: number[];
      count: number;
      norm: number;
      mean: number;
      std: number;
      min: number;
      max: number;
    }
  >;
  embedding: { tensor: string; explained: number[]; points: number[][] };
}

describe('checkpoint/summary (in the worker)', () => {
  before(requireBuild);

  it('summarises a PyTorch state_dict file: every dtype, foreign names, no metadata', () =>
    withWorker(async (w) => {
      const file = path.join(fixtures, 'torch_state_dict.safetensors');
      const want = JSON.parse(fs.readFileSync(`${file}.json`, 'utf8')) as TorchReport;
      const s = await w.endpoint.request('checkpoint/summary', { file });
      assert.deepEqual(s.metadata, {});
      assert.equal(s.replens, undefined);
      assert.deepEqual(s.tensors.map((t) => t.name).sort(), Object.keys(want.tensors).sort());
      assert.deepEqual(
        new Set(s.tensors.map((t) => t.dtype)),
        new Set(['F32', 'F16', 'BF16', 'F64', 'I64', 'BOOL']),
      );
      for (const t of s.tensors) {
        const r = want.tensors[t.name];
        assert.equal(t.dtype, r.dtype);
        assert.deepEqual(t.shape, r.shape);
        assert.equal(t.stats.count, r.count);
        for (const key of ['norm', 'mean', 'std', 'min', 'max'] as const) {
          const tol = 1e-12 + 1e-9 * Math.abs(r[key]);
          assert.ok(
            Math.abs(t.stats[key] - r[key]) <= tol,
            `${t.name} ${key}: ${t.stats[key]} vs ${r[key]}`,
          );
        }
        assert.equal(t.histogram.counts.length, 40);
        assert.equal(
          t.histogram.counts.reduce((a, b) => a + b, 0),
          r.count,
        );
      }
      const p = s.projection;
      assert.ok(p !== undefined, s.projectionNote);
      assert.equal(p.tensor, want.embedding.tensor);
      p.explained.forEach((v, i) => assert.ok(Math.abs(v - want.embedding.explained[i]) < 1e-9));
      // Sign-invariant: each coordinate matches numpy's up to the sign of its component.
      for (let c = 0; c < 2; c++) {
        const dot = p.points.reduce((acc, q, i) => acc + q[c] * want.embedding.points[i][c], 0);
        p.points.forEach((q, i) =>
          assert.ok(Math.abs(Math.sign(dot) * q[c] - want.embedding.points[i][c]) < 1e-9),
        );
      }
    }));

  it('summarises a Replens checkpoint with its step and the embedding projection', async () => {
    const runDir = await trainTinyRun();
    const file = checkpointFile(runDir, 30);
    const s = await withWorker((w) => w.endpoint.request('checkpoint/summary', { file }));
    assert.equal(s.replens?.step, 30);
    assert.equal(s.projection?.tensor, 'embedding.weight');
    assert.equal(s.projection?.points.length, 12);
    const ckpt = readCheckpoint(file);
    const params = [...ckpt.tensors]
      .filter(([name]) => !name.startsWith('optimizer.'))
      .reduce((n, [, t]) => n + t.data.length, 0);
    assert.equal(s.parameters, params);
  });

  const corrupt: [string, (valid: Uint8Array) => Uint8Array, RegExp][] = [
    ['a truncated file', (v) => v.slice(0, v.length - 5), /offsets|does not match/],
    [
      'random bytes',
      () => Uint8Array.from({ length: 64 }, (_, i) => (i * 97 + 13) % 256),
      /not a safetensors file/,
    ],
    ['an empty file', () => new Uint8Array(0), /8-byte header length/],
  ];
  for (const [what, make, message] of corrupt) {
    it(`rejects ${what} with code bad-file and a message naming the file`, () =>
      withWorker(async (w) => {
        const valid = new Uint8Array(
          fs.readFileSync(path.join(fixtures, 'torch_state_dict.safetensors')),
        );
        const file = path.join(out, `corrupt-${what.replace(/\W+/g, '-')}.safetensors`);
        fs.writeFileSync(file, make(valid));
        await assert.rejects(
          w.endpoint.request('checkpoint/summary', { file }),
          (e: unknown) =>
            e instanceof RemoteError &&
            e.code === 'bad-file' &&
            e.message.startsWith(`${file}: `) &&
            message.test(e.message),
        );
      }));
  }

  it('rejects a missing file with code bad-file', () =>
    withWorker(async (w) => {
      const file = path.join(out, 'missing.safetensors');
      await assert.rejects(
        w.endpoint.request('checkpoint/summary', { file }),
        (e: unknown) =>
          e instanceof RemoteError && e.code === 'bad-file' && /cannot read/.test(e.message),
      );
    }));
});
