// Side-by-side benchmark of linear CKA: Replens (engine on the wasm backend, one child process)
// against numpy float64 (OpenBLAS at its default thread count, and at 1 thread), on the same
// seeded data passed as .npy files: (a) one pair X, Y [n, d]; (b) the heatmap of L layers
// [n, d] each, Replens `ckaMatrix` against a naive per-pair numpy loop. Also the wall time of one
// `replens cka X.npy Y.npy --json` process. See README.md beside this file.
//
// usage: node bench/cka/run.mjs [--json] [--n N] [--d D] [--layers L] [--reps N]
//                               [--heatmap-reps N] [--seed S] [--python PATH]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliOptions, machine, root, runChild } from '../lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const { opt, json, log, python } = cliOptions();
const n = Number(opt('n', 2000));
const d = Number(opt('d', 512));
const layers = Number(opt('layers', 8));
const reps = Number(opt('reps', 5));
const heatmapReps = Number(opt('heatmap-reps', 2));
const seed = Number(opt('seed', 1));
/** Replens' large products are float32 (float64 sums): agreement within this relative error. */
const tolerance = 1e-4;
const targets = { pairRatio: 1.5, heatmapSpeedup: 3 };

/** Seeded N(0, 1) draws (mulberry32 + Box–Muller), so every run sees the same data. */
function normals(count, s) {
  let state = s | 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = new Float64Array(count);
  for (let i = 0; i < count; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - uniform()));
    const a = 2 * Math.PI * uniform();
    out[i] = r * Math.cos(a);
    if (i + 1 < count) out[i + 1] = r * Math.sin(a);
  }
  return out;
}

/** A 2-D float64 .npy (format 1.0). */
function writeNpy(file, rows, cols, data) {
  let header = `{'descr': '<f8', 'fortran_order': False, 'shape': (${rows}, ${cols}), }`;
  header += ' '.repeat(64 - ((10 + header.length + 1) % 64)) + '\n';
  const buf = Buffer.alloc(10 + header.length + data.byteLength);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]).copy(buf, 0);
  buf.writeUInt16LE(header.length, 8);
  buf.write(header, 10, 'latin1');
  Buffer.from(data.buffer, data.byteOffset, data.byteLength).copy(buf, 10 + header.length);
  writeFileSync(file, buf);
}

/**
 * X Gaussian, Y = tanh(0.8·X + 0.6·noise) (a related pair); layers L0 = X and
 * L(k+1) = tanh(0.9·Lk + 0.45·noise) (similarity decays with depth, as in a network).
 */
function writeData(dir) {
  const size = n * d;
  const x = normals(size, seed);
  const mix = (a, s, w, v) => a.map((val, i) => Math.tanh(w * val + v * s[i]));
  writeNpy(path.join(dir, 'X.npy'), n, d, x);
  writeNpy(path.join(dir, 'Y.npy'), n, d, mix(x, normals(size, seed + 1), 0.8, 0.6));
  let layer = x;
  for (let k = 0; k < layers; k++) {
    writeNpy(path.join(dir, `L${k}.npy`), n, d, layer);
    layer = mix(layer, normals(size, seed + 2 + k), 0.9, 0.45);
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function replens(dir) {
  return runChild(process.execPath, [
    '--import',
    'tsx',
    path.join(here, 'replens_cka.ts'),
    dir,
    ...['--layers', String(layers), '--reps', String(reps), '--heatmap-reps', String(heatmapReps)],
  ]);
}

function numpy(dir, env) {
  const args = ['--layers', String(layers), '--reps', String(reps)];
  return runChild(
    python,
    [path.join(here, 'cka_numpy.py'), dir, ...args, '--heatmap-reps', String(heatmapReps)],
    env,
  );
}

/** Wall time of one `replens cka X.npy Y.npy --json` process (start-up, reading, backend). */
function cliRun(dir) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(
    process.execPath,
    [
      path.join(root, 'bin', 'replens'),
      'cka',
      ...['X', 'Y'].map((f) => path.join(dir, `${f}.npy`)),
      '--json',
    ],
    { cwd: root, encoding: 'utf8' },
  );
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) return { available: false, error: (r.stderr || '').trim().split('\n').pop() };
  return { available: true, ms, value: JSON.parse(r.stdout).cka };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'replens-bench-cka-'));
let rs, npN, np1, cli;
try {
  log(`writing ${2 + layers} matrices [${n}, ${d}] (seed ${seed})`);
  writeData(dir);
  log('replens (wasm)');
  rs = replens(dir);
  log('numpy, default threads');
  npN = numpy(dir, {});
  log('numpy, 1 thread');
  np1 = numpy(dir, { OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' });
  log('replens cka CLI, one process');
  cli = cliRun(dir);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const failed = [rs, npN, np1].filter((r) => !r.available);
if (failed.length > 0) {
  for (const r of failed) console.error(`error: ${r.impl ?? 'child'}: ${r.error}`);
  process.exit(1);
}

const relError = (a, b) => Math.abs(a - b) / Math.abs(b);
const pairErr = relError(rs.pair.value, npN.pair.value);
const heatErr = Math.max(
  ...rs.heatmap.values.flatMap((row, i) =>
    row.map((v, j) => relError(v, npN.heatmap.values[i][j])),
  ),
);
const cliErr = cli.available ? relError(cli.value, npN.pair.value) : null;
const agree =
  pairErr <= tolerance && heatErr <= tolerance && (cliErr === null || cliErr <= tolerance);
const ms = (r, k) => median(r[k].repMs);
const summary = {
  pair: {
    replensMs: ms(rs, 'pair'),
    numpyMs: ms(npN, 'pair'),
    numpy1Ms: ms(np1, 'pair'),
    ratio: ms(rs, 'pair') / ms(npN, 'pair'),
    ratio1: ms(rs, 'pair') / ms(np1, 'pair'),
    relError: pairErr,
  },
  heatmap: {
    replensMs: ms(rs, 'heatmap'),
    numpyMs: ms(npN, 'heatmap'),
    numpy1Ms: ms(np1, 'heatmap'),
    speedup: ms(npN, 'heatmap') / ms(rs, 'heatmap'),
    speedup1: ms(np1, 'heatmap') / ms(rs, 'heatmap'),
    maxRelError: heatErr,
  },
  cli,
  agree,
};
summary.pair.targetMet = summary.pair.ratio <= targets.pairRatio;
summary.heatmap.targetMet = summary.heatmap.speedup >= targets.heatmapSpeedup;

const env = {
  ...machine(),
  numpy: npN.numpy,
  blas: npN.blas,
  numpyThreads: npN.threads,
  openblasCore: npN.core,
  openblasCoretypeEnv: npN.coretypeEnv,
  replensBackend: rs.backend,
};
const settings = { n, d, layers, reps, heatmapReps, seed, tolerance, targets };

if (json) {
  process.stdout.write(
    JSON.stringify({ env, settings, summary, replens: rs, numpy: npN, numpy1: np1 }, null, 2) +
      '\n',
  );
} else {
  const f = (x) => x.toFixed(1);
  const yes = (b) => (b ? 'met' : 'NOT met');
  console.log(
    `linear CKA, n = ${n}, d = ${d}; ${env.cpu}, ${env.cores} cores, loadavg ${env.loadavg.join(' ')}, node ${env.node}`,
  );
  console.log(
    `replens: ${rs.backend}; numpy ${env.numpy} on ${env.blas} (${env.numpyThreads} threads by default, core ${env.openblasCore}, OPENBLAS_CORETYPE=${env.openblasCoretypeEnv ?? 'unset'})`,
  );
  console.log('');
  const p = summary.pair;
  console.log(`(a) one pair, median of ${reps}:`);
  console.log(`    replens cka            ${f(p.replensMs)} ms`);
  console.log(
    `    numpy ${env.numpyThreads} threads        ${f(p.numpyMs)} ms   replens/numpy x${p.ratio.toFixed(2)} (target <= ${targets.pairRatio}: ${yes(p.targetMet)})`,
  );
  console.log(
    `    numpy 1 thread         ${f(p.numpy1Ms)} ms   replens/numpy x${p.ratio1.toFixed(2)} (like with like: both one thread)`,
  );
  console.log(
    `    value ${p.relError === 0 ? '' : ''}${rs.pair.value.toFixed(9)} vs numpy ${npN.pair.value.toFixed(9)}, rel. error ${p.relError.toExponential(1)}`,
  );
  if (cli.available) {
    console.log(
      `    replens cka CLI, whole process: ${f(cli.ms)} ms (rel. error ${cliErr.toExponential(1)})`,
    );
  } else {
    console.log(`    replens cka CLI: unavailable (${cli.error})`);
  }
  const h = summary.heatmap;
  console.log(`(b) ${layers}x${layers} heatmap, median of ${heatmapReps}:`);
  console.log(`    replens ckaMatrix      ${f(h.replensMs)} ms`);
  console.log(
    `    numpy naive loop ${env.numpyThreads}t   ${f(h.numpyMs)} ms   speed-up x${h.speedup.toFixed(2)} (target >= ${targets.heatmapSpeedup}: ${yes(h.targetMet)})`,
  );
  console.log(
    `    numpy naive loop 1t    ${f(h.numpy1Ms)} ms   speed-up x${h.speedup1.toFixed(2)}`,
  );
  console.log(`    max rel. error vs numpy ${h.maxRelError.toExponential(1)}`);
  console.log('');
  console.log(
    `results ${agree ? 'agree' : 'DISAGREE'} with numpy float64 (tolerance ${tolerance} relative)`,
  );
}
process.exit(agree ? 0 : 2);
