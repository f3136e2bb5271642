/**
 * Times Replens' CKA on the .npy files that run.mjs wrote: (a) `cka` of X.npy and Y.npy (linear),
 * (b) `ckaMatrix` of L0.npy … L{k-1}.npy (linear, all pairs). Runs on the wasm backend, as the
 * engine does.
 *
 * usage: node --import tsx bench/cka/replens_cka.ts DIR --layers L [--warmup N] [--reps N]
 *          [--heatmap-reps N]
 * Prints one JSON line (see `Result`) on stdout.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs-core';
import { type Float64Matrix, cka, ckaMatrix } from '../../src/engine/analysis/cka';
import { initBackend } from '../../src/engine/backend';
import { decodeNpy } from '../../src/storage/npy';

/** What this run reports. Times in milliseconds. */
export interface Result {
  impl: 'replens';
  available: boolean;
  error?: string;
  backend?: string;
  pair?: { value: number; repMs: number[] };
  heatmap?: { values: number[][]; repMs: number[] };
  /** Tensors alive after the timed calls minus before (0 = no leak). */
  leakedTensors?: number;
}

function arg(argv: string[], name: string, dflt: number): number {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
}

function readMatrix(file: string): Float64Matrix {
  const arr = decodeNpy(new Uint8Array(fs.readFileSync(file)));
  return { rows: arr.shape[0], cols: arr.shape[1], data: arr.data };
}

/** `warmup` untimed calls (at least one), then `reps` timed ones. */
function timed<T>(warmup: number, reps: number, f: () => T): { last: T; repMs: number[] } {
  let last = f();
  for (let i = 1; i < warmup; i++) {
    last = f();
  }
  const repMs: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    last = f();
    repMs.push(performance.now() - t0);
  }
  return { last, repMs };
}

async function main(): Promise<Result> {
  const argv = process.argv.slice(2);
  const dir = argv[0];
  const layers = arg(argv, 'layers', 8);
  const warmup = arg(argv, 'warmup', 1);
  const info = await initBackend('wasm');
  const [x, y] = ['X', 'Y'].map((f) => readMatrix(path.join(dir, `${f}.npy`)));
  const ls = Array.from({ length: layers }, (_, i) => readMatrix(path.join(dir, `L${i}.npy`)));
  const before = tf.memory().numTensors;
  const pair = timed(warmup, arg(argv, 'reps', 5), () => cka(x, y, { estimator: 'linear' }));
  const heat = timed(warmup, arg(argv, 'heatmap-reps', 3), () =>
    ckaMatrix(ls, undefined, { estimator: 'linear' }),
  );
  return {
    impl: 'replens',
    available: true,
    backend: `${info.name}${info.simd === true ? ' simd' : ''}, ${info.threads ?? 1} thread(s)`,
    pair: { value: pair.last.value, repMs: pair.repMs },
    heatmap: { values: heat.last.values, repMs: heat.repMs },
    leakedTensors: tf.memory().numTensors - before,
  };
}

main().then(
  (r) => console.log(JSON.stringify(r)),
  (e: unknown) => {
    console.log(JSON.stringify({ impl: 'replens', available: false, error: String(e) }));
    process.exitCode = 1;
  },
);
