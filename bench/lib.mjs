// What the side-by-side benchmarks share: options, child processes that print one JSON line,
// pooling rep times, the comparison with the PyTorch reference, and the result table.
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** `--name value` options and the `--json` flag of this process; progress goes to stderr. */
export function cliOptions(argv = process.argv.slice(2)) {
  const opt = (name, dflt) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : dflt;
  };
  const json = argv.includes('--json');
  const log = (msg) => {
    if (!json) process.stderr.write(`${msg}\n`);
  };
  const python = opt('python', process.env.REPLENS_BENCH_PYTHON ?? '/usr/bin/python3');
  return { opt, json, log, python };
}

/** Runs a child that prints one JSON line last; returns it, or {available: false, error}. */
export function runChild(cmd, args, env = {}) {
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

/** Runs a PyTorch script with all BLAS thread pools limited to `threads`. */
export function runTorch(python, script, args, threads) {
  const n = String(threads);
  const env = { OMP_NUM_THREADS: n, OPENBLAS_NUM_THREADS: n, MKL_NUM_THREADS: n };
  return runChild(python, [script, ...args, '--threads', n], env);
}

/** Pools the rep times of several runs of the same implementation. */
export function pool(runs, label) {
  const ok = runs.filter((r) => r.available);
  if (ok.length === 0) return { label, ...runs[0] };
  const repMs = ok.flatMap((r) => r.repMs);
  const s = [...repMs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const medianMs = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { ...ok[0], label, repMs, medianMs, minMs: s[0], maxMs: s[s.length - 1], runs: ok.length };
}

/** Adds to every result its ratio to `ref` and the largest difference of its first losses. */
export function compareToReference(results, ref, tolerance) {
  for (const r of Object.values(results)) {
    if (!r.available) continue;
    r.ratioToTorch1 = ref ? r.medianMs / ref.medianMs : null;
    r.lossMaxAbsDiff =
      ref && r !== ref ? Math.max(...r.losses.map((l, i) => Math.abs(l - ref.losses[i]))) : null;
    r.lossesAgree = r.lossMaxAbsDiff === null ? null : r.lossMaxAbsDiff <= tolerance;
  }
}

/** The machine the numbers come from. */
export function machine() {
  return {
    node: process.version,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    loadavg: os.loadavg().map((x) => Number(x.toFixed(2))),
  };
}

/**
 * Prints the result table: one row per result (`threadsOf(key, result)`, `labelOf`), with the
 * median, min and max ms per step, the ratio to torch at 1 thread and the loss agreement.
 */
export function printTable(results, { check, threadsOf, labelOf = (_, r) => r.label, whyOf }) {
  const rows = [
    [
      'implementation',
      'threads',
      'ms/step median',
      'min',
      'max',
      'reps x steps',
      'vs torch 1t',
      `loss |diff| (first ${check})`,
    ],
  ];
  for (const [k, r] of Object.entries(results)) {
    const label = labelOf(k, r);
    if (!r.available) {
      const why = whyOf?.(r) ?? (r.error ?? '').slice(0, 60);
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
  console.log(line(rows[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  rows.slice(1).forEach((row) => console.log(line(row)));
}

/** The first losses of a result, for the printout. */
export const firstLosses = (r) =>
  r.available ? r.losses.map((l) => l.toFixed(6)).join(' ') : 'n/a';

/** Exit code: 2 when some implementation's first losses disagree with the reference. */
export function exitCode(results) {
  return Object.values(results).some((r) => r.available && r.lossesAgree === false) ? 2 : 0;
}
