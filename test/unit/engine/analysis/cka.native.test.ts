import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { relatedLayers } from '../../../helpers/matrices';
import { type Float64Matrix, LinearCkaLayers } from '../../../../src/engine/analysis/cka';
import {
  type NativeBlas,
  nativeBlas,
  nativeBlasStatus,
} from '../../../../src/engine/analysis/cka/nativeBlas';
import { NativeRowShard } from '../../../../src/engine/analysis/cka/nativeShard';
import { initBackend } from '../../../../src/engine/backend';
import { type Rng, createRng } from '../../../../src/engine/rng';

/** In CI (or with REPLENS_REQUIRE_NATIVE=1) the add-on must build and find a BLAS. */
const required =
  (process.env.CI !== undefined && !['', '0', 'false'].includes(process.env.CI)) ||
  process.env.REPLENS_REQUIRE_NATIVE === '1';
const blas = nativeBlas();
const missing = blas === undefined ? `native BLAS add-on: ${nativeBlasStatus()}` : undefined;
if (missing !== undefined && !required) {
  console.log(`skipping the native BLAS tests: ${missing}`);
}
const skip = required ? false : (missing ?? false);
/** A test of the add-on: skipped with the reason when it is absent and not required. */
const test = (name: string, fn: () => void | Promise<void>): void => {
  it(name, { skip }, fn);
};

/** The add-on, failing with the reason it is absent. */
function addon(): NativeBlas {
  assert.ok(blas !== undefined, missing);
  return blas;
}

function float32Gaussian(rng: Rng, n: number): Float32Array {
  return Float32Array.from({ length: n }, () => rng.normal());
}

/** AᵀB in float64 from the float32 values, row-major [p, q]. */
function oracle(a: Float32Array, b: Float32Array, n: number, p: number, q: number): Float64Array {
  const c = new Float64Array(p * q);
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < p; i++) {
      const v = a[r * p + i];
      for (let j = 0; j < q; j++) {
        c[i * q + j] += v * b[r * q + j];
      }
    }
  }
  return c;
}

/**
 * A check of AᵀB against the float64 oracle: each entry within float32 rounding of a sum of n
 * products, |c − ĉ| ≤ 8·√n·ε₃₂·Σ|aᵢbᵢ| (bounded by the sum of absolute products, as a
 * cancelling sum has a small value).
 */
function productCheck(
  a: Float32Array,
  b: Float32Array,
  dims: [number, number, number],
): (got: ArrayLike<number>) => void {
  const [n, p, q] = dims;
  const want = oracle(a, b, n, p, q);
  const abs = oracle(a.map(Math.abs), b.map(Math.abs), n, p, q);
  return (got) => {
    assert.equal(got.length, p * q);
    for (let v = 0; v < want.length; v++) {
      const tol = 8 * Math.sqrt(n) * 2 ** -24 * abs[v] + 1e-30;
      assert.ok(Math.abs(got[v] - want[v]) <= tol, `[${v}] ${got[v]} vs ${want[v]} (tol ${tol})`);
    }
  };
}

const layersOf = relatedLayers;

async function heatmap(store: LinearCkaLayers, layers: Float64Matrix[]): Promise<number[][]> {
  try {
    for (const m of layers) {
      await store.add(m);
    }
    const rows: number[][] = [];
    for (let i = 0; i < layers.length; i++) {
      rows.push(await store.row(i));
    }
    return rows;
  } finally {
    await store.dispose();
  }
}

/** Runs `f` with REPLENS_NATIVE=0, restoring the variable after. */
async function withoutNative<T>(f: () => Promise<T>): Promise<T> {
  const saved = process.env.REPLENS_NATIVE;
  process.env.REPLENS_NATIVE = '0';
  try {
    return await f();
  } finally {
    if (saved === undefined) {
      delete process.env.REPLENS_NATIVE;
    } else {
      process.env.REPLENS_NATIVE = saved;
    }
  }
}

describe('native BLAS add-on', () => {
  before(async () => {
    await initBackend('wasm');
  });
  after(() => {
    blas?.setThreads(1);
  });

  test('names the library it loaded and sets its threads', () => {
    const info = addon().info();
    assert.equal(info.error, null);
    assert.ok(info.library !== null && info.path !== null, JSON.stringify(info));
    assert.equal(typeof addon().setThreads(1), 'number');
    assert.ok((addon().info().threads ?? 0) >= 1);
  });

  test('multiplies AᵀB of odd sizes (37×5 by 37×11) within float32 rounding', async () => {
    const rng = createRng(1);
    const [n, p, q] = [37, 5, 11];
    const a = float32Gaussian(rng, n * p);
    const b = float32Gaussian(rng, n * q);
    const check = productCheck(a, b, [n, p, q]);
    check(addon().atb(a, b, n, p, q));
    const out = new Float32Array(p * q);
    assert.equal(addon().atb(a, b, n, p, q, out), out);
    check(out);
    for (const block of [1, 10, 37, 100]) {
      check(await addon().atbAsync(a, b, n, p, q, block));
    }
  });

  test('multiplies a large AᵀB (2000×300 by 2000×200) on two threads', async () => {
    const native = addon();
    const rng = createRng(2);
    const [n, p, q] = [2000, 300, 200];
    const a = float32Gaussian(rng, n * p);
    const b = float32Gaussian(rng, n * q);
    const check = productCheck(a, b, [n, p, q]);
    native.setThreads(2);
    check(native.atb(a, b, n, p, q));
    check(await native.atbAsync(a, b, n, p, q, 700));
  });

  test('rejects arrays of the wrong type or size', () => {
    const a = new Float32Array(6);
    assert.throws(() => addon().atb(a, new Float32Array(5), 2, 3, 3), RangeError);
    assert.throws(() => addon().atb(a, a, 2, 3, 3, new Float32Array(8)), RangeError);
    assert.throws(() => addon().atb(a, a, 2.5, 3, 3), RangeError);
    const f64 = new Float64Array(6) as unknown as Float32Array;
    assert.throws(() => addon().atb(f64, a, 2, 3, 3), TypeError);
  });

  test('gives LinearCkaLayers the wasm path values within 1e-6 relative', async () => {
    const layers = layersOf(3);
    const store = LinearCkaLayers.open(2, 300);
    const path = { shares: store.shareCount, products: store.products };
    const native = await heatmap(store, layers);
    assert.deepEqual(path.shares, 1);
    assert.match(path.products, /^native BLAS \(.+, 2 threads\)$/);
    const wasm = await withoutNative(() => heatmap(LinearCkaLayers.open(1, 300), layers));
    native.forEach((row, i) =>
      row.forEach((v, k) => {
        const w = wasm[i][k];
        assert.ok(Math.abs(v - w) <= 1e-6 * Math.abs(w), `[${i}][${i + k}] ${v} vs ${w}`);
      }),
    );
  });

  test('REPLENS_NATIVE=0 gives the wasm threads', async () => {
    await withoutNative(async () => {
      assert.equal(nativeBlas(), undefined);
      assert.match(nativeBlasStatus(), /REPLENS_NATIVE=0/);
      const store = LinearCkaLayers.open(2, 300);
      assert.equal(store.products, 'wasm ×2 threads');
      assert.equal(store.shareCount, 2);
      await store.dispose();
    });
    assert.ok(nativeBlas() !== undefined);
  });

  test('reports products of a layer it never received', async () => {
    const shard = new NativeRowShard(addon());
    await assert.rejects(
      shard.partials(0, [1], () => undefined),
      /no layer 0/,
    );
    await shard.dispose();
  });
});
