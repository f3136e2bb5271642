/**
 * Times Replens' exact Hessian-vector product and a Lanczos run on the benchmark embed-mlp (see
 * README.md beside this file), on the wasm backend, with the engine's own code: `createSession`,
 * `modelLossFn`, `exactHvp`, `lanczos`.
 *
 * usage: node --import tsx bench/hvp/replens_hvp.ts --export DIR [--backend wasm] [--p 97]
 *          [--embed 128] [--hidden 256] [--activation silu] [--warmup N] [--reps N]
 *          [--iterations N] [--k N]
 * Writes the initial parameters (PyTorch layout), the training pairs, the probe vector v, the
 * Lanczos start vector and Replens' H·v to DIR (raw little-endian files plus meta.json), and
 * prints one JSON line.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../src/engine/backend';
import { type HvpOperator, exactHvp } from '../../src/engine/hessian/hvp';
import { lanczos } from '../../src/engine/hessian/lanczos';
import { modelLossFn, trainableVariables } from '../../src/engine/hessian/loss';
import { type RecordedHvpOperator, recordedHvp } from '../../src/engine/hessian/recordedHvp';
import { createRng } from '../../src/engine/rng';
import { captureCheckpoint, createSession } from '../../src/engine/train/session';
import { type BackendChoice, experimentConfigSchema } from '../../src/shared/experimentConfig';

function option(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
}

const num = (name: string, dflt: number): number => Number(option(name, String(dflt)));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 === 1 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

function write(dir: string, name: string, data: Float32Array | Float64Array | Int32Array): void {
  fs.writeFileSync(
    path.join(dir, name),
    Buffer.from(data.buffer, data.byteOffset, data.byteLength),
  );
}

/** A seeded normal vector (its own stream, so the probe and the start vector differ). */
function normalVector(n: number, stream: number): Float64Array {
  const rng = createRng(0, stream);
  return Float64Array.from({ length: n }, () => rng.normal());
}

/** ms per product of `reps` products after `warmup` untimed ones. */
function timeProducts(
  op: HvpOperator | RecordedHvpOperator,
  v: Float64Array,
  warmup: number,
  reps: number,
): { repMs: number[]; medianMs: number; minMs: number; maxMs: number } {
  for (let i = 0; i < warmup; i++) {
    op.apply(v);
  }
  const repMs: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    op.apply(v);
    repMs.push(performance.now() - t0);
  }
  return { repMs, medianMs: median(repMs), minMs: Math.min(...repMs), maxMs: Math.max(...repMs) };
}

async function main(): Promise<object> {
  const dir = option('export', '');
  const info = await initBackend(option('backend', 'wasm') as BackendChoice);
  const config = experimentConfigSchema.parse({
    task: { kind: 'modular-addition', p: num('p', 97), trainFraction: 0.8 },
    model: {
      kind: 'embed-mlp',
      embedDim: num('embed', 128),
      hidden: [num('hidden', 256)],
      activation: option('activation', 'silu'),
      combine: 'concat',
    },
    train: { seed: 0 },
  });
  const session = createSession(config);
  const { model, dataset } = session;
  if (dataset.kind !== 'pairs') {
    throw new Error('the benchmark needs a pair task');
  }
  const batch = model.batch(dataset, dataset.train);
  const lossFn = modelLossFn(model, batch);
  const op = exactHvp(lossFn, trainableVariables(model));
  const v = normalVector(op.dim, 901);
  const start = normalVector(op.dim, 902);
  const hv = op.apply(v);
  const before = tf.memory().numTensors;
  const reps = num('reps', 5);
  const fresh = timeProducts(op, v, num('warmup', 2), reps);
  const recorded = recordedHvp(lossFn, trainableVariables(model));
  const t1 = performance.now();
  recorded.apply(v);
  const recordMs = performance.now() - t1;
  const reused = timeProducts(recorded, v, 1, reps);
  recorded.dispose();

  // Lanczos as an analysis runs it: a new recording, then one backward pass per step.
  const t0 = performance.now();
  const lanczosOp = recordedHvp(lossFn, trainableVariables(model));
  const eig = lanczos(lanczosOp, { iterations: num('iterations', 30), k: num('k', 5), start });
  lanczosOp.dispose();
  const lanczosSeconds = (performance.now() - t0) / 1000;
  const leakedTensors = tf.memory().numTensors - before;

  if (dir !== '') {
    exportState(dir, session, { v, start, hv });
  }
  tf.dispose([...batch.inputs, batch.labels, batch.targets]);
  session.dispose();
  return {
    impl: 'replens',
    available: true,
    backend: info.name,
    info,
    dim: op.dim,
    examples: dataset.train.length,
    ...fresh,
    recordMs,
    reused,
    lanczosSeconds,
    iterations: eig.iterations,
    hvpCount: eig.hvpCount,
    values: Array.from(eig.values),
    residuals: Array.from(eig.residuals),
    leakedTensors,
  };
}

/**
 * Writes what hvp_torch.py needs: every parameter in PyTorch layout as raw float32, the training
 * pairs as int32, the probe and start vectors and Replens' H·v as float64, and meta.json.
 */
function exportState(
  dir: string,
  session: ReturnType<typeof createSession>,
  vectors: { v: Float64Array; start: Float64Array; hv: Float64Array },
): void {
  const { model, dataset, config } = session;
  if (dataset.kind !== 'pairs') {
    throw new Error('the benchmark needs a pair task');
  }
  fs.mkdirSync(dir, { recursive: true });
  const ckpt = captureCheckpoint(session, 0);
  const params = model.params.map((p) => {
    const t = ckpt.tensors.get(p.name);
    if (t === undefined) {
      throw new Error(`no value for ${p.name}`);
    }
    write(dir, `${p.name}.f32`, t.data);
    return { name: p.name, shape: t.shape, storedTransposed: p.storedTransposed };
  });
  const pick = (src: Int32Array): Int32Array => Int32Array.from(dataset.train, (i) => src[i]);
  write(dir, 'train_a.i32', pick(dataset.a));
  write(dir, 'train_b.i32', pick(dataset.b));
  write(dir, 'train_y.i32', pick(dataset.labels));
  write(dir, 'v.f64', vectors.v);
  write(dir, 'start.f64', vectors.start);
  write(dir, 'replens_hv.f64', vectors.hv);
  const meta = { params, nTrain: dataset.train.length, model: config.model, dim: vectors.v.length };
  fs.writeFileSync(path.join(dir, 'meta.json'), JSON.stringify(meta, null, 2));
}

main().then(
  (r) => {
    process.stdout.write(JSON.stringify(r) + '\n');
  },
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
