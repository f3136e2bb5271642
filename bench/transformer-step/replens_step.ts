/**
 * Times one training step of Replens' transformer (forward, backward, AdamW) on one tfjs backend,
 * through `trainStep` of src/engine/train/loop.ts, the function the training loop calls for every
 * update. The batch is built here (aⁿbⁿ-like, see README.md) so the benchmark does not depend on
 * the task generator.
 *
 * usage: node --import tsx bench/transformer-step/replens_step.ts [--backend wasm|cpu]
 *          [--batch N] [--max-length N] [--d-model N] [--heads N] [--layers N] [--d-ff N]
 *          [--norm post|pre] [--check N] [--warmup N] [--reps N] [--steps N] [--export DIR]
 *          [--profile] [--profile-shapes]
 *        or, to time the LSTM instead (Replens only, no PyTorch counterpart):
 *          ... --model lstm [--embed-dim N] [--hidden N] [--layers N]
 * Prints one JSON line (see `Result`) on stdout.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs-core';
import { type BackendInfo, initBackend } from '../../src/engine/backend';
import { createModel } from '../../src/engine/model/registry';
import { createRng, streams } from '../../src/engine/rng';
import type { SequenceDataset } from '../../src/engine/tasks/types';
import { AdamW } from '../../src/engine/train/adamw';
import { trainStep } from '../../src/engine/train/loop';
import { resolveSeeds } from '../../src/engine/train/seeds';
import type { Session } from '../../src/engine/train/session';
import { type BackendChoice, experimentConfigSchema } from '../../src/shared/experimentConfig';

export interface Result {
  impl: 'replens';
  backend: string;
  available: boolean;
  error?: string;
  info?: BackendInfo;
  losses?: number[];
  repMs?: number[];
  medianMs?: number;
  minMs?: number;
  maxMs?: number;
  stepsPerRep?: number;
  leakedTensors?: number;
  profile?: { kernel: string; calls: number; ms: number }[];
}

const argv = process.argv.slice(2);
const arg = (name: string, dflt: string): string => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : dflt;
};
const num = (name: string, dflt: number): number => Number(arg(name, String(dflt)));

const [SOS, EOS, PAD, A, B] = [0, 1, 2, 3, 4];

/** `count` sequences SOS aⁿ bⁿ EOS PAD… of length maxLength + 2, n = 1 + (i mod maxLength/2). */
export function anbnBatch(count: number, maxLength: number): SequenceDataset {
  const seqLen = maxLength + 2;
  const tokens = new Int32Array(count * seqLen).fill(PAD);
  for (let i = 0; i < count; i++) {
    const n = 1 + (i % Math.floor(maxLength / 2));
    const row = [SOS, ...Array<number>(n).fill(A), ...Array<number>(n).fill(B), EOS];
    tokens.set(row, i * seqLen);
  }
  const all = Int32Array.from({ length: count }, (_, i) => i);
  return {
    kind: 'sequences',
    tokens,
    count,
    seqLen,
    vocab: 5,
    pad: PAD,
    sos: SOS,
    eos: EOS,
    tokenNames: ['SOS', 'EOS', 'PAD', 'a', 'b'],
    lossFrom: new Int32Array(count).fill(1),
    train: all,
    test: all,
    extra: new Int32Array(0),
    tokenLabels: {},
    numClasses: 5,
  };
}

function makeSession(): Session {
  const config = experimentConfigSchema.parse({
    task: { kind: 'formal-language', maxLength: num('max-length', 64) },
    model:
      arg('model', 'transformer') === 'lstm'
        ? {
            kind: 'lstm',
            embedDim: num('embed-dim', 10),
            hidden: num('hidden', 64),
            layers: num('layers', 5),
            dropout: 0,
          }
        : {
            kind: 'transformer',
            dModel: num('d-model', 16),
            heads: num('heads', 4),
            layers: num('layers', 2),
            dFF: num('d-ff', 64),
            dropout: 0,
            norm: arg('norm', 'post'),
          },
    train: { optimizer: { lr: 1e-3, weightDecay: 0.01 }, seed: 7 },
  });
  const seeds = resolveSeeds(config);
  const dataset = anbnBatch(num('batch', 64), num('max-length', 64));
  const model = createModel(config.model, dataset, {
    embedding: createRng(seeds.embedding, streams.embedding),
    mlp: createRng(seeds.mlp, streams.mlp),
  });
  const { weightDecay, beta1, beta2, eps } = config.train.optimizer;
  const optimizer = new AdamW(model.params, { weightDecay, beta1, beta2, eps });
  const dispose = (): void => {
    optimizer.dispose();
    tf.dispose(model.params.map((p) => p.variable));
  };
  return { config, dataset, model, optimizer, seeds, dispose };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 === 1 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

async function main(): Promise<Result> {
  const backend = arg('backend', 'wasm') as BackendChoice;
  let info: BackendInfo;
  try {
    info = await initBackend(backend);
  } catch (e) {
    const error = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return { impl: 'replens', backend, available: false, error };
  }
  const session = makeSession();
  const exportDir = argv.includes('--export') ? arg('export', '') : undefined;
  if (exportDir !== undefined) {
    exportInitialState(exportDir, session);
  }
  const trainable = session.model.params.map((p) => p.variable);
  const batch = session.model.batch(session.dataset, session.dataset.train);
  const lr = session.config.train.optimizer.lr;
  let k = 0;
  const step = (): tf.Scalar => trainStep(session, batch, trainable, lr, k++);
  const losses: number[] = [];
  for (let i = 0; i < num('check', 5); i++) {
    const loss = step();
    losses.push(loss.dataSync()[0]);
    loss.dispose();
  }
  for (let i = 0; i < num('warmup', 5); i++) {
    tf.dispose(step());
  }
  const before = tf.memory().numTensors;
  const repMs: number[] = [];
  const steps = num('steps', 5);
  for (let r = 0; r < num('reps', 7); r++) {
    const t0 = performance.now();
    for (let i = 0; i + 1 < steps; i++) {
      tf.dispose(step());
    }
    const last = step();
    last.dataSync();
    last.dispose();
    repMs.push((performance.now() - t0) / steps);
  }
  const leakedTensors = tf.memory().numTensors - before;
  const shapes = argv.includes('--profile-shapes');
  const profile =
    argv.includes('--profile') || shapes ? await profileStep(step, shapes) : undefined;
  tf.dispose([
    ...batch.inputs,
    batch.labels,
    batch.targets,
    ...(batch.weights ? [batch.weights] : []),
  ]);
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
    stepsPerRep: steps,
    leakedTensors,
    profile,
  };
}

/** Kernel time of one step, summed per kernel name (and input shapes), largest first. */
async function profileStep(step: () => tf.Scalar, shapes: boolean): Promise<Result['profile']> {
  const prof = await tf.profile(() => tf.dispose(step()));
  const byName = new Map<string, { calls: number; ms: number }>();
  for (const kern of prof.kernels) {
    const key = shapes ? `${kern.name} ${JSON.stringify(kern.inputShapes)}` : kern.name;
    const e = byName.get(key) ?? { calls: 0, ms: 0 };
    e.calls += 1;
    e.ms += Number(await kern.kernelTimeMs);
    byName.set(key, e);
  }
  return [...byName.entries()].map(([kernel, e]) => ({ kernel, ...e })).sort((a, b) => b.ms - a.ms);
}

/**
 * Writes what torch_step.py needs: every parameter in PyTorch layout as raw little-endian float32
 * (`<name>.f32`), the token rows as int32, and meta.json (shapes, model and optimizer settings).
 */
function exportInitialState(dir: string, session: Session): void {
  fs.mkdirSync(dir, { recursive: true });
  const params: { name: string; shape: number[] }[] = [];
  for (const p of session.model.params) {
    const t = tf.tidy(() => (p.storedTransposed ? tf.transpose(p.variable) : p.variable.clone()));
    const data = t.dataSync() as Float32Array;
    fs.writeFileSync(
      path.join(dir, `${p.name}.f32`),
      Buffer.from(data.buffer, data.byteOffset, data.byteLength),
    );
    params.push({ name: p.name, shape: t.shape });
    t.dispose();
  }
  const ds = session.dataset as SequenceDataset;
  fs.writeFileSync(path.join(dir, 'tokens.i32'), Buffer.from(ds.tokens.buffer));
  const meta = {
    params,
    count: ds.count,
    seqLen: ds.seqLen,
    vocab: ds.vocab,
    pad: ds.pad,
    model: session.config.model,
    optimizer: session.config.train.optimizer,
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
