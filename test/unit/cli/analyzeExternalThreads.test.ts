import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { replens, requireBuild } from '../../helpers/cli';
import { noise, tempDir, tensor, writeSafetensors } from '../storage/external/externalFixtures';

/** Linear CKA of two [n, p] row-major matrices in float64, written out plainly (the oracle). */
function linearCka(x: Float32Array, y: Float32Array, n: number, p: number): number {
  const centred = (m: Float32Array): Float64Array => {
    const out = Float64Array.from(m);
    for (let j = 0; j < p; j++) {
      let mean = 0;
      for (let i = 0; i < n; i++) mean += out[i * p + j] / n;
      for (let i = 0; i < n; i++) out[i * p + j] -= mean;
    }
    return out;
  };
  const frob2 = (a: Float64Array, b: Float64Array): number => {
    let total = 0;
    for (let u = 0; u < p; u++) {
      for (let v = 0; v < p; v++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += a[i * p + u] * b[i * p + v];
        total += dot * dot;
      }
    }
    return total;
  };
  const [a, b] = [centred(x), centred(y)];
  return frob2(a, b) / Math.sqrt(frob2(a, a) * frob2(b, b));
}

function json<T>(args: string[]): T {
  const r = replens([...args, '--json']);
  assert.equal(r.code, 0, r.stderr);
  return (JSON.parse(r.stdout) as { result: T }).result;
}

function close(actual: number[][], wanted: number[][]): void {
  actual.forEach((row, i) =>
    row.forEach((v, j) =>
      assert.ok(Math.abs(v - wanted[i][j]) <= 1e-6 * wanted[i][j], `${v} vs ${wanted[i][j]}`),
    ),
  );
}

describe('replens analyze cka on an external folder, in threads', () => {
  before(() => requireBuild());

  it('cka <folder> --threads 2: a heatmap large enough to read once, rows split between threads', () => {
    // 3 layers [2000, 120]: the linear heatmap keeps them as float32 and multiplies in threads.
    const dir = tempDir();
    const [n, p] = [2000, 120];
    const layers = [noise(n * p, 21)];
    for (const seed of [22, 23]) {
      const extra = noise(n * p, seed);
      layers.push(layers[layers.length - 1].map((v, i) => Math.tanh(v + 0.8 * extra[i])));
    }
    const names = ['l0', 'l1', 'l2'];
    writeSafetensors(
      path.join(dir, 'activations', 'step-0.safetensors'),
      Object.fromEntries(names.map((name, k) => [name, tensor([n, p], layers[k])])),
    );
    const wanted = layers.map((x) =>
      layers.map((y) => linearCka(Float32Array.from(x), Float32Array.from(y), n, p)),
    );
    // The wasm path in 2 threads and in 1 (the native BLAS turned off), then the default path.
    const cases: [string, string | undefined, RegExp][] = [
      ['2', '0', /^wasm ×2 threads$/],
      ['1', '0', /^wasm ×1 thread$/],
      ['2', undefined, /^(native BLAS \(.*, 2 threads\)|wasm ×2 threads)$/],
    ];
    for (const [threads, native, products] of cases) {
      fs.rmSync(path.join(dir, '.replens'), { recursive: true, force: true });
      const saved = process.env.REPLENS_NATIVE;
      if (native === undefined) {
        delete process.env.REPLENS_NATIVE;
      } else {
        process.env.REPLENS_NATIVE = native;
      }
      try {
        const r = json<{ products?: string; checkpoints: { matrix: { values: number[][] } }[] }>([
          'analyze',
          'cka',
          dir,
          '--threads',
          threads,
        ]);
        assert.match(r.products ?? '', products);
        close(r.checkpoints[0].matrix.values, wanted);
      } finally {
        if (saved === undefined) {
          delete process.env.REPLENS_NATIVE;
        } else {
          process.env.REPLENS_NATIVE = saved;
        }
      }
    }
    const bad = replens(['analyze', 'cka', dir, '--threads', '0']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--threads "0": expected 1 or more/);
  });
});
