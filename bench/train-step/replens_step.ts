/**
 * Times Replens' training step on one tfjs backend (a process can initialise only one backend, so
 * run.mjs starts this file once per backend). It uses the real engine: the config parser,
 * `createSession` and `trainStep`, the function the training loop calls for every update.
 *
 * usage: node --import tsx bench/train-step/replens_step.ts --backend wasm|cpu|node
 *          [--config FILE] [--check N] [--warmup N] [--reps N] [--steps N] [--export DIR] [--profile]
 * Prints one JSON line (see `Result`) on stdout.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs-core';
import { type BackendInfo, initBackend } from '../../src/engine/backend';
import { trainStep } from '../../src/engine/train/loop';
import { learningRate } from '../../src/engine/train/schedule';
import { captureCheckpoint, createSession } from '../../src/engine/train/session';
import type { BackendChoice } from '../../src/shared/experimentConfig';
import { parseConfig } from '../../src/shared/parseConfig';

/** What one backend run reports. Times are milliseconds per training step. */
export interface Result {
  impl: 'replens';
  backend: string;
  available: boolean;
  error?: string;
  info?: BackendInfo;
  /** Loss before update k, for k = 0 .. check-1. */
  losses?: number[];
  /** ms/step of each rep (each rep averages `steps` consecutive steps). */
  repMs?: number[];
  medianMs?: number;
  minMs?: number;
  maxMs?: number;
  stepsPerRep?: number;
  /** Tensors alive after the timed steps minus before (0 = no leak). */
  leakedTensors?: number;
  /** Kernel time of one step by kernel name (with --profile). */
  profile?: { kernel: string; calls: number; ms: number }[];
}

interface Args {
  backend: BackendChoice;
  config: string;
  check: number;
  warmup: number;
  reps: number;
  steps: number;
  exportDir?: string;
  profile: boolean;
}

function parseArgs(argv: string[]): Args {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const num = (name: string, dflt: number): number => Number(get(name) ?? dflt);
  return {
    backend: (get('backend') ?? 'wasm') as BackendChoice,
    config: get('config') ?? path.join(__dirname, '../../examples/modular-addition.replens.json'),
    check: num('check', 5),
    warmup: num('warmup', 5),
    reps: num('reps', 7),
    steps: num('steps', 5),
    exportDir: get('export'),
    profile: argv.includes('--profile'),
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 === 1 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

async function main(): Promise<Result> {
  const args = parseArgs(process.argv.slice(2));
  let info: BackendInfo;
  try {
    info = await initBackend(args.backend);
  } catch (e) {
    const error = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return { impl: 'replens', backend: args.backend, available: false, error };
  }
  const parsed = parseConfig(fs.readFileSync(args.config, 'utf8'), path.basename(args.config));
  if (parsed.config === undefined) {
    throw new Error(`invalid config: ${parsed.problems.map((p) => p.message).join('; ')}`);
  }
  const config = parsed.config;
  const session = createSession(config);
  if (args.exportDir !== undefined) {
    exportInitialState(args.exportDir, session);
  }
  const trainable = session.model.params.filter((p) => p.trainable).map((p) => p.variable);
  const batch = session.model.batch(session.dataset, session.dataset.train);
  let k = 0;
  const step = (): tf.Scalar => {
    const loss = trainStep(session, batch, trainable, learningRate(config.train, k));
    k += 1;
    return loss;
  };
  const losses: number[] = [];
  for (let i = 0; i < args.check; i++) {
    const loss = step();
    losses.push(loss.dataSync()[0]);
    loss.dispose();
  }
  for (let i = 0; i < args.warmup; i++) {
    tf.dispose(step());
  }
  const before = tf.memory().numTensors;
  const repMs: number[] = [];
  for (let r = 0; r < args.reps; r++) {
    const t0 = performance.now();
    for (let i = 0; i + 1 < args.steps; i++) {
      tf.dispose(step());
    }
    const last = step();
    last.dataSync(); // every backend here is synchronous; this only makes sure.
    last.dispose();
    repMs.push((performance.now() - t0) / args.steps);
  }
  const leakedTensors = tf.memory().numTensors - before;
  const profile = args.profile ? await profileStep(step) : undefined;
  tf.dispose([...batch.inputs, batch.labels, batch.targets]);
  session.dispose();
  return {
    impl: 'replens',
    backend: info.name,
    available: true,
    info,
    losses,
    repMs,
    medianMs: median(repMs),
    minMs: Math.min(...repMs),
    maxMs: Math.max(...repMs),
    stepsPerRep: args.steps,
    leakedTensors,
    profile,
  };
}

/** Kernel time of one step, summed per kernel name, largest first. */
async function profileStep(step: () => tf.Scalar): Promise<Result['profile']> {
  const prof = await tf.profile(() => tf.dispose(step()));
  const byName = new Map<string, { calls: number; ms: number }>();
  for (const kern of prof.kernels) {
    const e = byName.get(kern.name) ?? { calls: 0, ms: 0 };
    e.calls += 1;
    e.ms += Number(await kern.kernelTimeMs);
    byName.set(kern.name, e);
  }
  return [...byName.entries()].map(([kernel, e]) => ({ kernel, ...e })).sort((a, b) => b.ms - a.ms);
}

/**
 * Writes what torch_step.py needs to start from the same state: every parameter in PyTorch layout
 * as raw little-endian float32 (`<name>.f32`), the training pairs as int32 and `meta.json`.
 */
function exportInitialState(dir: string, session: ReturnType<typeof createSession>): void {
  fs.mkdirSync(dir, { recursive: true });
  const ckpt = captureCheckpoint(session, 0);
  const params: { name: string; shape: number[] }[] = [];
  for (const p of session.model.params) {
    const t = ckpt.tensors.get(p.name);
    if (t === undefined) {
      throw new Error(`no initial value for ${p.name}`);
    }
    fs.writeFileSync(
      path.join(dir, `${p.name}.f32`),
      Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength),
    );
    params.push({ name: p.name, shape: t.shape });
  }
  const { dataset, config } = session;
  if (dataset.kind !== 'pairs') {
    throw new Error('the train-step benchmark needs a pair-token config');
  }
  const pick = (src: Int32Array): Int32Array => Int32Array.from(dataset.train, (i) => src[i]);
  const ints = {
    train_a: pick(dataset.a),
    train_b: pick(dataset.b),
    train_y: pick(dataset.labels),
  };
  for (const [name, data] of Object.entries(ints)) {
    fs.writeFileSync(
      path.join(dir, `${name}.i32`),
      Buffer.from(data.buffer, data.byteOffset, data.byteLength),
    );
  }
  const meta = {
    params,
    nTrain: dataset.train.length,
    vocab: dataset.vocab,
    numClasses: dataset.numClasses,
    model: config.model,
    train: config.train,
  };
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
