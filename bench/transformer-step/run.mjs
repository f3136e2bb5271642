// Side-by-side benchmark of one training step (forward, backward, AdamW) of a small decoder-only
// transformer: Replens on the wasm backend and the same model in PyTorch on the CPU (1 thread,
// and 2 threads for information), all starting from the weights Replens exported. See README.md.
//
// usage: node bench/transformer-step/run.mjs [--json] [--rounds N] [--reps N] [--steps N]
//          [--python PATH] [--norm post|pre] [--batch N] [--max-length N] [--d-model N]
//          [--heads N] [--layers N] [--d-ff N]
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  cliOptions,
  compareToReference,
  exitCode,
  firstLosses,
  machine,
  pool,
  printTable,
  runChild,
  runTorch,
} from '../lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const { opt, json, log, python } = cliOptions();
const rounds = Number(opt('rounds', 3));
const reps = Number(opt('reps', 5));
const steps = Number(opt('steps', 5));
const modelArgs = ['norm', 'batch', 'max-length', 'd-model', 'heads', 'layers', 'd-ff'].flatMap(
  (k) => (opt(k) === undefined ? [] : [`--${k}`, opt(k)]),
);
const check = 5;
const lossTolerance = 1e-4;
const timing = ['--check', String(check), '--warmup', '5', '--reps', String(reps)];
const replens = (extra) =>
  runChild(process.execPath, [
    '--import',
    'tsx',
    path.join(here, 'replens_step.ts'),
    ...modelArgs,
    ...timing,
    '--steps',
    String(steps),
    ...extra,
  ]);
const torch = (dir, threads) =>
  runTorch(
    python,
    path.join(here, 'torch_step.py'),
    [dir, ...timing, '--steps', String(steps)],
    threads,
  );

const dir = mkdtempSync(path.join(os.tmpdir(), 'replens-transformer-step-'));
const results = {};
try {
  const wasmRuns = [];
  const torchRuns = [];
  for (let r = 0; r < rounds; r++) {
    log(`round ${r + 1}/${rounds}: replens wasm, torch 1 thread`);
    wasmRuns.push(replens(r === 0 ? ['--export', dir] : []));
    if (!wasmRuns[0].available) throw new Error(`replens wasm failed: ${wasmRuns[0].error}`);
    torchRuns.push(torch(dir, 1));
  }
  results.wasm = pool(wasmRuns, 'replens wasm');
  results.torch1 = pool(torchRuns, 'torch cpu');
  log('torch 2 threads');
  results.torch2 = pool([torch(dir, 2)], 'torch cpu');
} finally {
  rmSync(dir, { recursive: true, force: true });
}

compareToReference(results, results.torch1.available ? results.torch1 : undefined, lossTolerance);
const ratio = results.wasm.ratioToTorch1;
const env = {
  ...machine(),
  model: modelArgs.join(' ') || 'defaults',
  torch: results.torch1.torch ?? null,
  blas: results.torch1.blas ?? null,
};

if (json) {
  const settings = { rounds, reps, steps, check, lossTolerance };
  process.stdout.write(
    JSON.stringify({ env, settings, results, ratioWasmToTorch1: ratio }, null, 2) + '\n',
  );
} else {
  console.log(
    `transformer train step (${env.model}), ${env.cpu}, ${env.cores} cores, ` +
      `loadavg ${env.loadavg.join(' ')}`,
  );
  console.log(`node ${env.node}, torch ${env.torch}, BLAS ${env.blas}`);
  console.log('');
  printTable(results, { check, threadsOf: (k) => (k === 'torch2' ? 2 : 1) });
  console.log('');
  console.log(`first losses  torch 1t: ${firstLosses(results.torch1)}`);
  console.log(`              wasm    : ${firstLosses(results.wasm)}`);
  console.log('');
  console.log(`ratio wasm/torch(1 thread): ${ratio === null ? 'n/a' : ratio.toFixed(2)}`);
}
process.exit(exitCode(results));
