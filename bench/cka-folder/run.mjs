// Linear CKA heatmap of a folder of activations, Replens against numpy on the same file: one
// `activations/step-0.safetensors` of L float32 layers [n, d] (24 × 10,000 × 768 by default,
// 737 MB), analysed by `replens analyze cka <folder> --json` in its own process and by a numpy
// script doing the same heatmap. Each side's wall time and peak resident memory come from
// /usr/bin/time around its process; the values are checked against numpy float64.
//
// usage: node bench/cka-folder/run.mjs [--json] [--layers L] [--n N] [--d D] [--seed S]
//                                      [--python PATH] [--keep DIR] [--threads K]
// (REPLENS_NATIVE=0 in the environment: Replens without its native BLAS add-on, on wasm threads)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliOptions, machine, root } from '../lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const { opt, json, log, python } = cliOptions();
const size = { layers: opt('layers', '24'), n: opt('n', '10000'), d: opt('d', '768') };
const seed = opt('seed', '1');
/** Replens' threads: as many as numpy's OpenBLAS uses by default (every core). */
const threads = opt('threads', String(os.cpus().length));
/** Replens' products are float32 with float64 sums: agreement with numpy float64 within this. */
const tolerance = 1e-4;
const targets = { ratio: 2, peakMiB: 2048 };

/** Runs `cmd args` under /usr/bin/time: {ok, seconds, peakMiB, stdout, error}. */
function measured(cmd, args, env = {}) {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %M', cmd, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 1 << 28,
  });
  const m = /TIME ([\d.]+) (\d+)\s*$/.exec(r.stderr ?? '');
  const tail = (r.stderr ?? '')
    .replace(/TIME .*$/, '')
    .trim()
    .split('\n')
    .pop();
  return {
    ok: r.status === 0 && m !== null,
    seconds: m ? Number(m[1]) : NaN,
    peakMiB: m ? Number(m[2]) / 1024 : NaN,
    stdout: r.stdout ?? '',
    error: r.error?.message ?? tail ?? `exit code ${r.status}`,
  };
}

const lastJson = (stdout) =>
  JSON.parse(
    stdout
      .trim()
      .split('\n')
      .reverse()
      .find((l) => l.startsWith('{')),
  );

function numpy(dir, dtype, env = {}) {
  const r = measured(
    python,
    [path.join(here, 'cka_folder_numpy.py'), 'heatmap', dir, '--dtype', dtype],
    env,
  );
  if (!r.ok) throw new Error(`numpy ${dtype}: ${r.error}`);
  return { ...r, result: lastJson(r.stdout) };
}

function replens(dir) {
  rmSync(path.join(dir, '.replens'), { recursive: true, force: true });
  const args = [
    path.join(root, 'bin', 'replens'),
    'analyze',
    'cka',
    dir,
    '--max-examples',
    size.n,
    '--threads',
    threads,
    '--json',
  ];
  const r = measured(process.execPath, args);
  if (!r.ok) throw new Error(`replens: ${r.error}`);
  const doc = JSON.parse(r.stdout);
  const { layers, matrix, products } = doc.result;
  return { ...r, products: products ?? 'not recorded', result: { layers, values: matrix.values } };
}

/** Largest relative difference between two heatmaps over the same layers. */
function maxRelError(a, b) {
  if (a.layers.join() !== b.layers.join())
    throw new Error(`layers differ: ${a.layers} vs ${b.layers}`);
  return Math.max(
    ...a.values.flatMap((row, i) =>
      row.map((v, j) => Math.abs(v - b.values[i][j]) / Math.abs(b.values[i][j])),
    ),
  );
}

const keep = opt('keep', undefined);
const dir = keep ?? mkdtempSync(path.join(os.tmpdir(), 'replens-bench-cka-folder-'));
let rs, np32, np64;
try {
  if (!existsSync(path.join(dir, 'activations', 'step-0.safetensors'))) {
    log(`writing ${size.layers} layers [${size.n}, ${size.d}] float32 to ${dir}`);
    const w = spawnSync(
      python,
      [
        path.join(here, 'cka_folder_numpy.py'),
        'write',
        dir,
        '--layers',
        size.layers,
        '--n',
        size.n,
        '--d',
        size.d,
        '--seed',
        seed,
      ],
      { stdio: 'inherit' },
    );
    if (w.status !== 0) throw new Error('writing the folder failed');
  }
  log('numpy float32 (default threads)');
  np32 = numpy(dir, 'float32');
  log('numpy float64 (the reference values)');
  np64 = numpy(dir, 'float64');
  log('replens analyze cka');
  rs = replens(dir);
} finally {
  if (keep === undefined) rmSync(dir, { recursive: true, force: true });
}

const summary = {
  replensProducts: rs.products,
  replensSeconds: rs.seconds,
  numpySeconds: np32.seconds,
  numpy64Seconds: np64.seconds,
  ratio: rs.seconds / np32.seconds,
  replensPeakMiB: rs.peakMiB,
  numpyPeakMiB: np32.peakMiB,
  maxRelError: maxRelError(rs.result, np64.result),
  numpy32MaxRelError: maxRelError(np32.result, np64.result),
};
summary.agree = summary.maxRelError <= tolerance;
/** A ratio against numpy on the reference (netlib) BLAS would flatter Replens ~15×: not printed. */
const optimisedBlas = /openblas|mkl|blis|accelerate/i.test(np32.result.blas.library);
if (!optimisedBlas) summary.ratio = null;
summary.ratioTargetMet = summary.ratio !== null && summary.ratio <= targets.ratio;
summary.memoryTargetMet = summary.replensPeakMiB < targets.peakMiB;
const env = { ...machine(), numpy: np32.result.numpy, blas: np32.result.blas };

if (json) {
  process.stdout.write(
    `${JSON.stringify({ env, settings: { ...size, seed, threads, tolerance, targets }, summary }, null, 2)}\n`,
  );
} else {
  const f = (x, k = 1) => x.toFixed(k);
  const b = env.blas;
  console.log(
    `linear CKA heatmap of a folder: ${size.layers} layers × ${size.n} rows × ${size.d} dims (float32 safetensors)`,
  );
  console.log(
    `${env.cpu}, ${env.cores} cores, loadavg ${env.loadavg.join(' ')}, node ${env.node}; numpy ${env.numpy} on ${b.library} (${b.threads} threads, core ${b.core ?? '-'})`,
  );
  console.log(`replens products: ${rs.products}`);
  console.log('');
  console.log('side                         wall s   peak MiB');
  console.log(
    `replens analyze cka (${threads}t)   ${f(rs.seconds).padStart(8)}  ${f(rs.peakMiB, 0).padStart(9)}`,
  );
  console.log(
    `numpy float32              ${f(np32.seconds).padStart(8)}  ${f(np32.peakMiB, 0).padStart(9)}`,
  );
  console.log(
    `numpy float64 (reference)  ${f(np64.seconds).padStart(8)}  ${f(np64.peakMiB, 0).padStart(9)}`,
  );
  console.log('');
  const met = (x) => (x ? 'met' : 'NOT met');
  if (summary.ratio === null) {
    console.log(
      `no ratio: numpy loaded ${env.blas.library}, not an optimised BLAS (apt-get install libopenblas0-pthread)`,
    );
  } else {
    console.log(
      `replens / numpy float32: ×${f(summary.ratio, 2)} (target ≤ ×${targets.ratio}: ${met(summary.ratioTargetMet)})`,
    );
  }
  console.log(
    `replens peak memory: ${f(summary.replensPeakMiB, 0)} MiB (target < ${targets.peakMiB} MiB: ${met(summary.memoryTargetMet)})`,
  );
  console.log(
    `largest relative difference to numpy float64: replens ${summary.maxRelError.toExponential(1)}, numpy float32 ${summary.numpy32MaxRelError.toExponential(1)} (tolerance ${tolerance}: ${summary.agree ? 'agree' : 'DISAGREE'})`,
  );
}
process.exit(summary.agree ? 0 : 2);
