// Side-by-side benchmark of one training step (forward, backward, AdamW) of a small decoder-only
// transformer: Replens on the wasm backend and the same model in PyTorch on the CPU (1 thread,
// and 2 threads for information), all starting from the weights Replens exported. See README.md.
//
// usage: node bench/transformer-step/run.mjs [--json] [--rounds N] [--reps N] [--steps N]
//          [--python PATH] [--norm post|pre] [--batch N] [--max-length N] [--d-model N]
//          [--heads N] [--layers N] [--d-ff N]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : dflt;
};
const json = argv.includes('--json');
const rounds = Number(opt('rounds', 3));
const reps = Number(opt('reps', 5));
const steps = Number(opt('steps', 5));
const python = opt('python', process.env.REPLENS_BENCH_PYTHON ?? '/usr/bin/python3');
const modelArgs = ['norm', 'batch', 'max-length', 'd-model', 'heads', 'layers', 'd-ff'].flatMap(
  (k) => (opt(k) === undefined ? [] : [`--${k}`, opt(k)]),
);
const check = 5;
const lossTolerance = 1e-4;
const log = (msg) => {
  if (!json) process.stderr.write(`${msg}\n`);
};

/** Runs a child that prints one JSON line last; returns it, or {available: false, error}. */
function runChild(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 1 << 26,
  });
  const line = (r.stdout ?? '')
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  if (r.status === 0 && line !== undefined) return JSON.parse(line);
  const why =
    r.error?.message ?? ((r.stderr ?? '').trim().split('\n').pop() || `exit code ${r.status}`);
  return { available: false, error: why };
}

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

const torch = (dir, threads) => {
  const n = String(threads);
  const env = { OMP_NUM_THREADS: n, OPENBLAS_NUM_THREADS: n, MKL_NUM_THREADS: n };
  const script = path.join(here, 'torch_step.py');
  return runChild(python, [script, dir, '--threads', n, ...timing, '--steps', String(steps)], env);
};

/** Pools the rep times of several runs of the same implementation. */
function pool(runs, label) {
  const ok = runs.filter((r) => r.available);
  if (ok.length === 0) return { label, ...runs[0] };
  const repMs = ok.flatMap((r) => r.repMs);
  const s = [...repMs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const medianMs = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { ...ok[0], label, repMs, medianMs, minMs: s[0], maxMs: s[s.length - 1], runs: ok.length };
}

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

const ref = results.torch1.available ? results.torch1 : undefined;
for (const r of Object.values(results)) {
  if (!r.available) continue;
  r.ratioToTorch1 = ref ? r.medianMs / ref.medianMs : null;
  r.lossMaxAbsDiff =
    ref && r !== ref ? Math.max(...r.losses.map((l, i) => Math.abs(l - ref.losses[i]))) : null;
  r.lossesAgree = r.lossMaxAbsDiff === null ? null : r.lossMaxAbsDiff <= lossTolerance;
}
const ratio = results.wasm.ratioToTorch1;
const env = {
  node: process.version,
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  loadavg: os.loadavg().map((x) => Number(x.toFixed(2))),
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
  const head = ['implementation', 'threads', 'ms/step median', 'min', 'max', 'reps x steps'];
  const rows = [[...head, 'vs torch 1t', `loss |diff| (first ${check})`]];
  for (const [k, r] of Object.entries(results)) {
    if (!r.available) {
      rows.push([r.label, '-', 'unavailable', '', '', '', '', (r.error ?? '').slice(0, 60)]);
      continue;
    }
    const f = (x) => x.toFixed(2);
    const diff =
      r.lossMaxAbsDiff === null
        ? 'reference'
        : `${r.lossMaxAbsDiff.toExponential(1)} ${r.lossesAgree ? 'ok' : 'MISMATCH'}`;
    rows.push([
      r.label,
      k === 'torch2' ? '2' : '1',
      f(r.medianMs),
      f(r.minMs),
      f(r.maxMs),
      `${r.repMs.length} x ${r.stepsPerRep}`,
      r.ratioToTorch1 === null ? '-' : `x${f(r.ratioToTorch1)}`,
      diff,
    ]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const line = (row) =>
    row
      .map((cell, c) => (c === 0 || c === 7 ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
      .join('  ');
  console.log(
    `transformer train step (${env.model}), ${env.cpu}, ${env.cores} cores, ` +
      `loadavg ${env.loadavg.join(' ')}`,
  );
  console.log(`node ${env.node}, torch ${env.torch}, BLAS ${env.blas}`);
  console.log('');
  console.log(line(rows[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  rows.slice(1).forEach((row) => console.log(line(row)));
  console.log('');
  const first = (r) => (r.available ? r.losses.map((l) => l.toFixed(6)).join(' ') : 'n/a');
  console.log(`first losses  torch 1t: ${first(results.torch1)}`);
  console.log(`              wasm    : ${first(results.wasm)}`);
  console.log('');
  console.log(`ratio wasm/torch(1 thread): ${ratio === null ? 'n/a' : ratio.toFixed(2)}`);
}
const mismatch = Object.values(results).some((r) => r.available && r.lossesAgree === false);
process.exit(mismatch ? 2 : 0);
