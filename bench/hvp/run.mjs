// Side-by-side benchmark of the exact Hessian-vector product and a 30-step Lanczos run on an
// embed-mlp of about 100k parameters: Replens (tfjs wasm) and the same model in PyTorch on the
// CPU at 1 thread, from the same weights, probe vector and start vector. See README.md beside
// this file.
//
// usage: node bench/hvp/run.mjs [--json] [--reps N] [--iterations N] [--python PATH]
//                               [--activation relu|silu|gelu]
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliOptions, machine, runChild, runTorch } from '../lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const { opt, json, log, python } = cliOptions();
const reps = opt('reps', '5');
const iterations = opt('iterations', '30');
const activation = opt('activation', 'silu');
const k = 5;
const target = 2;
/** Largest accepted relative difference of H·v and of the top eigenvalues (to the largest). */
const tolerance = 1e-3;

const dir = mkdtempSync(path.join(os.tmpdir(), 'replens-hvp-'));
let replens;
let torch;
try {
  log('replens wasm: exact H·v and Lanczos');
  replens = runChild(process.execPath, [
    '--import',
    'tsx',
    path.join(here, 'replens_hvp.ts'),
    '--export',
    dir,
    '--activation',
    activation,
    '--reps',
    reps,
    '--iterations',
    iterations,
    '--k',
    String(k),
  ]);
  if (!replens.available) throw new Error(`replens failed: ${replens.error}`);
  log('torch 1 thread: exact H·v and Lanczos');
  torch = runTorch(
    python,
    path.join(here, 'hvp_torch.py'),
    [dir, '--reps', reps, '--iterations', iterations, '--k', String(k)],
    1,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const comparison = compare(replens, torch);
const env = { ...machine(), torch: torch.torch ?? null, blas: torch.blas ?? null };
if (json) {
  process.stdout.write(JSON.stringify({ env, replens, torch, comparison }, null, 2) + '\n');
} else {
  report(env, comparison);
}
process.exit(comparison.agree === false ? 2 : 0);

/** Ratios to torch and agreement of H·v and the top eigenvalues (null without torch). */
function compare(r, t) {
  if (!t.available) {
    return { available: false, error: t.error, agree: null };
  }
  // Relative to the largest: eigenvalues near zero would make a per-value ratio meaningless.
  const scale = Math.max(...t.values.map(Math.abs));
  const maxEigDiff = Math.max(...r.values.map((x, i) => Math.abs(x - t.values[i]) / scale));
  const ratios = {
    hvp: r.medianMs / t.medianMs,
    reusedHvp: r.reused.medianMs / t.reused.medianMs,
    lanczos: r.lanczosSeconds / t.lanczosSeconds,
  };
  return {
    available: true,
    ratios,
    hvRelDiff: t.hvRelDiffToReplens,
    maxEigDiff,
    agree: t.hvRelDiffToReplens <= tolerance && maxEigDiff <= tolerance,
    targetMet: { hvp: ratios.hvp <= target, lanczos: ratios.lanczos <= target },
  };
}

function report(env, c) {
  const f = (x, d = 1) => x.toFixed(d);
  console.log(
    `exact H·v and ${iterations}-step Lanczos, embed-mlp (p = 97, d = 128, hidden [256], ${activation}), ` +
      `${replens.examples} examples, ${replens.dim} parameters`,
  );
  console.log(`${env.cpu}, ${env.cores} cores, loadavg ${env.loadavg.join(' ')}; node ${env.node}`);
  console.log(`torch ${env.torch ?? 'n/a'}, BLAS ${env.blas ?? 'n/a'}`);
  console.log('');
  const head = [
    'implementation',
    'H·v ms median',
    'min',
    'max',
    'record ms',
    'reused H·v ms',
    `Lanczos-${iterations} s`,
  ];
  const rows = [head];
  for (const [label, r] of [
    ['replens wasm', replens],
    ['torch cpu 1 thread', torch],
  ]) {
    rows.push(
      r.available
        ? [
            label,
            f(r.medianMs),
            f(r.minMs),
            f(r.maxMs),
            f(r.recordMs),
            f(r.reused.medianMs),
            f(r.lanczosSeconds, 2),
          ]
        : [label, 'unavailable', '', '', '', '', (r.error ?? '').slice(0, 60)],
    );
  }
  const widths = head.map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  for (const row of rows) {
    console.log(
      row
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
        .join('  '),
    );
  }
  console.log('');
  const top = (r) => (r.available ? r.values.map((x) => x.toPrecision(7)).join(' ') : 'n/a');
  console.log(`top-${k} eigenvalues  replens: ${top(replens)}`);
  console.log(`                    torch  : ${top(torch)}`);
  console.log(
    `replens residuals |β·s|  : ${replens.residuals.map((x) => x.toExponential(1)).join(' ')}`,
  );
  console.log(`replens tensors leaked   : ${replens.leakedTensors}`);
  if (!c.available) {
    console.log(`torch unavailable (${c.error}): no comparison`);
    return;
  }
  const ok = (x) => (x <= tolerance ? 'ok' : 'MISMATCH');
  console.log(`H·v relative difference  : ${c.hvRelDiff.toExponential(1)} ${ok(c.hvRelDiff)}`);
  console.log(`top eigenvalues max rel. : ${c.maxEigDiff.toExponential(1)} ${ok(c.maxEigDiff)}`);
  console.log('');
  const { hvp, reusedHvp, lanczos } = c.ratios;
  console.log(
    `ratio replens/torch: H·v ${f(hvp, 2)}, reused H·v ${f(reusedHvp, 2)}, Lanczos ${f(lanczos, 2)}`,
  );
  const fastest = replens.minMs / torch.minMs;
  const fastestReused = replens.reused.minMs / torch.reused.minMs;
  console.log(
    `ratio of the fastest products (less sensitive to other load): H·v ${f(fastest, 2)}, ` +
      `reused H·v ${f(fastestReused, 2)}`,
  );
  const met = (x) => (x ? 'met' : 'not met');
  console.log(
    `target <= ${target}x: H·v ${met(c.targetMet.hvp)}, Lanczos ${met(c.targetMet.lanczos)}`,
  );
}
