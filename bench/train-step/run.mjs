// Side-by-side benchmark of one full-batch training step of examples/modular-addition.replens.json:
// Replens on every tfjs backend (one child process each: a process initialises one backend) and
// the same model in PyTorch on the CPU at 1 and 2 threads, all starting from the weights Replens
// exported. See README.md beside this file.
//
// usage: node bench/train-step/run.mjs [--json] [--rounds N] [--reps N] [--steps N]
//                                      [--cpu-reps N] [--python PATH] [--config FILE]
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
  root,
  runChild,
  runTorch,
} from '../lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const { opt, json, log, python } = cliOptions();
const rounds = Number(opt('rounds', 3));
const reps = Number(opt('reps', 5));
const steps = Number(opt('steps', 5));
const cpuReps = Number(opt('cpu-reps', 3));
const config = path.resolve(
  opt('config', path.join(root, 'examples', 'modular-addition.replens.json')),
);
const check = 5;
const lossTolerance = 1e-3;

const replens = (backend, extra) =>
  runChild(process.execPath, [
    '--import',
    'tsx',
    path.join(here, 'replens_step.ts'),
    '--backend',
    backend,
    '--config',
    config,
    ...extra,
  ]);

const torch = (dir, threads) =>
  runTorch(
    python,
    path.join(here, 'torch_step.py'),
    [
      dir,
      '--check',
      String(check),
      '--warmup',
      '5',
      '--reps',
      String(reps),
      '--steps',
      String(steps),
    ],
    threads,
  );

const dir = mkdtempSync(path.join(os.tmpdir(), 'replens-train-step-'));
const results = {};
try {
  const wasmRuns = [];
  const torch1Runs = [];
  for (let r = 0; r < rounds; r++) {
    log(`round ${r + 1}/${rounds}: replens wasm, torch 1 thread`);
    const exp = r === 0 ? ['--export', dir] : [];
    wasmRuns.push(
      replens('wasm', [
        ...exp,
        '--check',
        String(check),
        '--warmup',
        '5',
        '--reps',
        String(reps),
        '--steps',
        String(steps),
      ]),
    );
    if (!wasmRuns[0].available) throw new Error(`replens wasm failed: ${wasmRuns[0].error}`);
    torch1Runs.push(torch(dir, 1));
  }
  results.wasm = pool(wasmRuns, 'replens wasm');
  results.torch1 = pool(torch1Runs, 'torch cpu');
  log('torch 2 threads');
  results.torch2 = pool([torch(dir, 2)], 'torch cpu');
  log('replens cpu (about 1 s per step)');
  results.cpu = pool(
    [
      replens('cpu', [
        '--check',
        String(check),
        '--warmup',
        '1',
        '--reps',
        String(cpuReps),
        '--steps',
        '1',
      ]),
    ],
    'replens cpu',
  );
  log('replens node (tfjs-node)');
  results.node = pool(
    [
      replens('node', [
        '--check',
        String(check),
        '--warmup',
        '3',
        '--reps',
        String(reps),
        '--steps',
        String(steps),
      ]),
    ],
    'replens node',
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

compareToReference(results, results.torch1.available ? results.torch1 : undefined, lossTolerance);
const ratio = results.wasm.ratioToTorch1;
const env = {
  ...machine(),
  config: path.relative(root, config),
  torch: results.torch1.torch ?? null,
  blas: results.torch1.blas ?? null,
  tfjs: results.wasm.info?.versions ?? null,
};
const settings = { rounds, reps, steps, cpuReps, check, lossTolerance };

if (json) {
  process.stdout.write(
    JSON.stringify({ env, settings, results, ratioWasmToTorch1: ratio }, null, 2) + '\n',
  );
} else {
  const threadsOf = (k, r) => (k === 'torch1' ? 1 : k === 'torch2' ? 2 : (r.info?.threads ?? 1));
  console.log(
    `train step of ${env.config} (full batch), ${env.cpu}, ${env.cores} cores, loadavg ${env.loadavg.join(' ')}`,
  );
  console.log(
    `node ${env.node}, tfjs ${JSON.stringify(env.tfjs)}, torch ${env.torch}, BLAS ${env.blas}`,
  );
  console.log('');
  printTable(results, {
    check,
    threadsOf,
    labelOf: (k, r) => (k === 'node' ? 'replens node (tfjs-node)' : r.label),
    whyOf: (r) =>
      /Cannot find module '@tensorflow\/tfjs-node'/.test(r.error ?? '')
        ? '@tensorflow/tfjs-node is not installed'
        : undefined,
  });
  console.log('');
  console.log(`first losses  torch 1t: ${firstLosses(results.torch1)}`);
  console.log(`              wasm    : ${firstLosses(results.wasm)}`);
  console.log(`              cpu     : ${firstLosses(results.cpu)}`);
  console.log('');
  if (ratio !== null) {
    const [w, t] = [results.wasm.minMs, results.torch1.minMs];
    console.log(
      `fastest rep: wasm ${w.toFixed(2)} ms, torch ${t.toFixed(2)} ms, ratio ${(w / t).toFixed(2)}`,
    );
  }
  console.log(
    `ratio wasm/torch(1 thread): ${ratio === null ? 'n/a' : ratio.toFixed(2)} (target <= 1.5)`,
  );
}
process.exit(exitCode(results));
