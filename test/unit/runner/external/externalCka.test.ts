import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { AnalysisInputError } from '../../../../src/runner/analysisRuns';
import { analyzeCkaFolders } from '../../../../src/runner/external/externalCkaFolders';
import { analyzeCkaLayers } from '../../../../src/runner/universality/ckaLayers';
import { openExternalFolder } from '../../../../src/storage/external/externalFolder';
import {
  filesUnder,
  noise,
  tempDir,
  tensor,
  writeFile,
  writeSafetensors,
} from '../../storage/external/externalFixtures';

const fixtures = path.join(__dirname, '..', '..', '..', 'fixtures', 'external');
/** numpy float64 linear CKA of the fixture folders (make_cka_folders.py). */
const expected = JSON.parse(fs.readFileSync(path.join(fixtures, 'cka.json'), 'utf8')) as {
  a: Record<string, number[][]>;
  ab: number[][];
};

/** A copy of a fixture folder in a temporary folder (analyses cache into it). */
function copyOf(name: string): string {
  const dir = path.join(tempDir(), name);
  fs.cpSync(path.join(fixtures, name), dir, { recursive: true });
  return dir;
}

function assertClose(actual: number[][], wanted: number[][], tol: number): void {
  assert.equal(actual.length, wanted.length);
  actual.forEach((row, i) =>
    row.forEach((v, j) =>
      assert.ok(
        Math.abs(v - wanted[i][j]) <= tol * Math.abs(wanted[i][j]),
        `[${i}][${j}] ${v} vs ${wanted[i][j]}`,
      ),
    ),
  );
}

/** A random orthogonal d×d matrix (Gram–Schmidt of noise). */
function orthogonal(d: number, seed: number): Float64Array {
  const q = noise(d * d, seed);
  for (let c = 0; c < d; c++) {
    for (let p = 0; p < c; p++) {
      let dot = 0;
      for (let r = 0; r < d; r++) dot += q[r * d + c] * q[r * d + p];
      for (let r = 0; r < d; r++) q[r * d + c] -= dot * q[r * d + p];
    }
    let norm = 0;
    for (let r = 0; r < d; r++) norm += q[r * d + c] ** 2;
    for (let r = 0; r < d; r++) q[r * d + c] /= Math.sqrt(norm);
  }
  return q;
}

/** 3·X·Q + 5 for X [n, d]. */
function rotatedScaled(x: Float64Array, n: number, d: number, q: Float64Array): Float64Array {
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += x[i * d + k] * q[k * d + j];
      out[i * d + j] = 3 * s + 5;
    }
  return out;
}

describe('CKA of external folders', () => {
  it('layers × layers per step equals numpy float64, with labels, ids and caching under .replens/', async () => {
    const dir = copyOf('folder-a');
    const before = filesUnder(dir);
    const r = await analyzeCkaLayers(dir);
    assert.equal(r.experiment, 'external');
    assert.equal(r.runId, 'folder-a');
    assert.deepEqual(r.layers, ['in', 'hidden', 'out']);
    assert.deepEqual(
      r.steps.map((s) => s.step),
      [0, 100],
    );
    for (const s of r.steps) {
      assertClose(s.matrix.values, expected.a[String(s.step)], 1e-6);
      assert.equal(s.points.length, 3);
      assert.equal(s.points[0].x.length, 40);
    }
    assert.deepEqual(r.inputSet, { split: 'all', n: 40, total: 40 });
    assert.equal(r.examples[3], 'r3');
    assert.deepEqual(r.labels[0], {
      name: 'parity',
      names: ['0', '1'],
      values: Array.from({ length: 40 }, (_, i) => i % 2),
    });
    assert.equal(r.acrossCheckpoints[0].values[1], 1);
    const after = filesUnder(dir);
    const added = after.filter((f) => !before.includes(f));
    assert.ok(
      added.length === 1 && added[0].startsWith(`.replens${path.sep}cka-layers-`),
      added.join(),
    );
    assert.deepEqual(
      after.filter((f) => !f.startsWith('.replens')),
      before,
    );
    // The second call reads the cache.
    assert.deepEqual(await analyzeCkaLayers(dir), r);
  });

  it('a rotated, scaled, shifted layer has CKA 1; block by block equals all at once', async () => {
    const dir = tempDir();
    const n = 30;
    const d = 6;
    const x = noise(n * d, 3);
    writeSafetensors(path.join(dir, 'activations', 'step-1.safetensors'), {
      x: tensor([n, d], x, true),
      rotated: tensor([n, d], rotatedScaled(x, n, d, orthogonal(d, 9)), true),
      other: tensor([n, 4], noise(n * 4, 5), true),
      wide: tensor([n, 5], noise(n * 5, 6), true),
    });
    const all = await analyzeCkaLayers(dir, { permutations: 20 }, undefined, { points: false });
    assert.ok(Math.abs(all.steps[0].matrix.values[0][1] - 1) < 1e-9);
    fs.rmSync(path.join(dir, '.replens'), { recursive: true });
    // A budget of one layer per block: every pair of blocks is computed apart.
    const blocks = await analyzeCkaLayers(dir, { permutations: 20 }, undefined, {
      points: false,
      memoryBytes: 2 * 8 * n * d,
    });
    assertClose(blocks.steps[0].matrix.values, all.steps[0].matrix.values, 1e-12);
    const nulls = (r: typeof all): number[][] =>
      (r.steps[0].matrix.nulls ?? []).map((row) => row.map((c) => c.mean));
    assertClose(nulls(blocks), nulls(all), 1e-12);
    const pValues = (r: typeof all): number[][] =>
      (r.steps[0].matrix.nulls ?? []).map((row) => row.map((c) => c.pValue));
    assert.deepEqual(pValues(blocks), pValues(all));
  });

  it('linear, each layer read once, equals block by block and its fallback within 1e-6', async () => {
    const dir = tempDir();
    const n = 4100; // three row chunks of the products
    const x = noise(n * 64, 11);
    const widths = [64, 80, 48, 72];
    const layers: Record<string, ReturnType<typeof tensor>> = {};
    let prev = x;
    widths.forEach((d, k) => {
      const m = k === 0 ? x : noise(n * d, 20 + k);
      if (k > 0) {
        // tanh of the previous layer's leading columns plus noise: similarity falls with depth.
        const p = widths[k - 1];
        for (let i = 0; i < n; i++)
          for (let j = 0; j < d; j++)
            m[i * d + j] = Math.tanh(prev[i * p + (j % p)] + 0.5 * m[i * d + j]);
      }
      layers[`layer.${k}`] = tensor([n, d], m);
      prev = m;
    });
    writeSafetensors(path.join(dir, 'activations', 'step-0.safetensors'), layers);
    const run = async (
      extras: { streamBytes?: number; memoryBytes?: number },
      maxExamples?: number,
    ): Promise<number[][]> => {
      fs.rmSync(path.join(dir, '.replens'), { recursive: true, force: true });
      const r = await analyzeCkaLayers(dir, { maxExamples }, undefined, {
        points: false,
        ...extras,
      });
      return r.steps[0].matrix.values;
    };
    const streamed = await run({});
    const blocks = await run({ streamBytes: 0 });
    assertClose(streamed, blocks, 1e-6);
    // Layers beyond the budget fall back to blocks, here of one layer each.
    const fallback = await run({ streamBytes: 4 * n * 100, memoryBytes: 2 * 8 * n * 80 });
    assertClose(fallback, blocks, 1e-12);
    assert.ok(streamed[0][3] < streamed[0][1] && streamed[0][1] < 1);
    // A seeded subsample of the rows, taken from the stored float32 values.
    assertClose(await run({}, 3000), await run({ streamBytes: 0 }, 3000), 1e-6);
  });

  it('across two folders, rows matched by ids, equals numpy', async () => {
    const a = openExternalFolder(copyOf('folder-a'));
    const b = openExternalFolder(copyOf('folder-b'));
    const r = await analyzeCkaFolders(a, b);
    assert.equal(r.matchedByIds, true);
    assert.deepEqual([r.a.step, r.b.step, r.n], [100, 7, 40]);
    assert.deepEqual(r.matrix.columns, ['0', '1']);
    assertClose(r.matrix.values, expected.ab, 1e-6);
    const one = await analyzeCkaFolders(a, b, {}, { layer: 'hidden' }).catch((e: unknown) => e);
    assert.ok(one instanceof AnalysisInputError && /no layer "hidden"/.test(one.message));
  });

  it('rows that do not match are an error naming both files', async () => {
    const a = copyOf('folder-a');
    const b = copyOf('folder-b');
    const rowsB = path.join(b, 'rows.json');
    const ids = (JSON.parse(fs.readFileSync(rowsB, 'utf8')) as { ids: string[] }).ids;
    writeFile(rowsB, JSON.stringify({ ids: ids.map((id) => (id === 'r5' ? 'x5' : id)) }));
    await assert.rejects(
      analyzeCkaFolders(openExternalFolder(a), openExternalFolder(b)),
      (e: Error) =>
        e instanceof AnalysisInputError &&
        e.message.includes(path.join(a, 'rows.json')) &&
        e.message.includes(rowsB) &&
        e.message.includes('"r5"'),
    );
    fs.rmSync(rowsB);
    await assert.rejects(
      analyzeCkaFolders(openExternalFolder(a), openExternalFolder(b)),
      /gives row ids but .* has no rows.json/,
    );
    fs.rmSync(path.join(a, 'rows.json'));
    const c = tempDir();
    writeSafetensors(path.join(c, 'activations', 'step-0.safetensors'), {
      h: tensor([39, 2], noise(78, 1)),
    });
    await assert.rejects(
      analyzeCkaFolders(openExternalFolder(a), openExternalFolder(c)),
      (e: Error) =>
        e.message.includes('step-100.npz has 40 rows') &&
        e.message.includes('step-0.safetensors has 39'),
    );
  });
});
