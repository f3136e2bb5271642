// Side-by-side benchmark of one full-batch training step of examples/modular-addition.replens.json:
// Replens on every tfjs backend (one child process each: a process initialises one backend) and
// the same model in PyTorch on the CPU at 1 and 2 threads, all starting from the weights Replens
// exported. See README.md beside this file.
//
// usage: node bench/train-step/run.mjs [--json] [--rounds N] [--reps N] [--steps N]
//                                      [--cpu-reps N] [--python PATH] [--config FILE]
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
const cpuReps = Number(opt('cpu-reps', 3));
const python = opt('python', process.env.REPLENS_BENCH_PYTHON ?? '/usr/bin/python3');
const config = path.resolve(
  opt('config', path.join(root, 'examples', 'modular-addition.replens.json')),
);
const check = 5;
const lossTolerance = 1e-3;
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

const torch = (dir, threads) => {
  const n = String(threads);
  const env = { OMP_NUM_THREADS: n, OPENBLAS_NUM_THREADS: n, MKL_NUM_THREADS: n };
  const args = [path.join(here, 'torch_step.py'), dir, '--threads', n, '--check', String(check)];
  return runChild(
    python,
    [...args, '--warmup', '5', '--reps', String(reps), '--steps', String(steps)],
    env,
  );
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
  const rows = [
    [
      'implementation',
      'threads',
      'ms/step median',
      'min',
      'max',
      'reps x steps',
      'vs torch 1t',
      'loss |diff| (first 5)',
    ],
  ];
  for (const [k, r] of Object.entries(results)) {
    const label = k === 'node' ? 'replens node (tfjs-node)' : r.label;
    if (!r.available) {
      const why = /Cannot find module '@tensorflow\/tfjs-node'/.test(r.error ?? '')
        ? '@tensorflow/tfjs-node is not installed'
        : (r.error ?? '').slice(0, 60);
      rows.push([label, '-', 'unavailable', '', '', '', '', why]);
      continue;
    }
    const f = (x) => x.toFixed(2);
    const diff =
      r.lossMaxAbsDiff === null
        ? 'reference'
        : `${r.lossMaxAbsDiff.toExponential(1)} ${r.lossesAgree ? 'ok' : 'MISMATCH'}`;
    rows.push([
      label,
      String(threadsOf(k, r)),
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
    `train step of ${env.config} (full batch), ${env.cpu}, ${env.cores} cores, loadavg ${env.loadavg.join(' ')}`,
  );
  console.log(
    `node ${env.node}, tfjs ${JSON.stringify(env.tfjs)}, torch ${env.torch}, BLAS ${env.blas}`,
  );
  console.log('');
  console.log(line(rows[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  rows.slice(1).forEach((row) => console.log(line(row)));
  console.log('');
  const first = (r) => (r.available ? r.losses.map((l) => l.toFixed(6)).join(' ') : 'n/a');
  console.log(`first losses  torch 1t: ${first(results.torch1)}`);
  console.log(`              wasm    : ${first(results.wasm)}`);
  console.log(`              cpu     : ${first(results.cpu)}`);
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
const mismatch = Object.values(results).some((r) => r.available && r.lossesAgree === false);
process.exit(mismatch ? 2 : 0);
