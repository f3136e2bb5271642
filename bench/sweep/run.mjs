// Wall time of a completeness survival sweep run through the local process pool, side by side
// with the same sweep run one job at a time, plus the analysis of the resulting sweep folder.
// See README.md beside this file.
//
// usage: node bench/sweep/run.mjs [--json] [--trials N] [--steps N] [--parallel K] [--config FILE]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'jsonc-parser';
import { cliOptions, root } from '../lib.mjs';

const { opt, json, log } = cliOptions();
const trials = Number(opt('trials', 8));
const parallel = Number(opt('parallel', os.availableParallelism()));
const configFile = path.resolve(
  opt('config', path.join(root, 'examples', 'completeness-survival.replens.json')),
);

/** The example config with `trials` seeds (and optionally fewer steps), as plain JSON. */
function benchConfig(dir) {
  const config = parse(readFileSync(configFile, 'utf8'));
  config.sweep.seeds = Array.from({ length: trials }, (_, i) => i);
  const steps = opt('steps', undefined);
  if (steps !== undefined) config.train.steps = Number(steps);
  delete config.$schema;
  const file = path.join(dir, 'bench.replens.json');
  writeFileSync(file, JSON.stringify(config, null, 2));
  return { file, steps: config.train.steps };
}

/** `replens <args>`; returns [seconds, stdout]. Throws with stderr on failure. */
function replens(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'replens'), ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) {
    throw new Error(
      `replens ${args.join(' ')} failed (${r.status}): ${r.stderr.trim().split('\n').slice(-3).join(' ')}`,
    );
  }
  return [seconds, r.stdout];
}

function sweep(file, out, k) {
  log(`sweep of ${trials} runs, ${k} at a time…`);
  const [seconds, stdout] = replens([
    'sweep',
    file,
    '--out',
    out,
    '--parallel',
    String(k),
    '--json',
  ]);
  const index = JSON.parse(stdout);
  return {
    seconds,
    sweepDir: index.sweepDir,
    done: index.runs.filter((r) => r.status === 'done').length,
  };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'replens-bench-sweep-'));
try {
  const { file, steps } = benchConfig(dir);
  const pooled = sweep(file, path.join(dir, 'pool'), parallel);
  const sequential = sweep(file, path.join(dir, 'seq'), 1);
  log('analysing the pooled sweep folder…');
  const [analysisSeconds, analysis] = replens([
    'analyze',
    'completeness',
    pooled.sweepDir,
    '--json',
  ]);
  const survival = JSON.parse(analysis).result.survival;
  const result = {
    config: path.relative(root, configFile),
    trials,
    steps,
    cores: os.availableParallelism(),
    parallel,
    poolSeconds: pooled.seconds,
    sequentialSeconds: sequential.seconds,
    speedup: sequential.seconds / pooled.seconds,
    analysisSeconds,
    survivalR: survival?.pearsonR ?? null,
    survivalP: survival?.pValue ?? null,
  };
  if (json) {
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  } else {
    const f = (x) => x.toFixed(1).padStart(7);
    console.log(
      `${trials}-trial survival sweep of ${result.config} (${steps} steps), ${result.cores} cores`,
    );
    console.log(`  sequential (1 at a time)  ${f(result.sequentialSeconds)} s`);
    console.log(
      `  pool (${parallel} at a time)       ${f(result.poolSeconds)} s   speed-up ×${result.speedup.toFixed(2)}`,
    );
    console.log(
      `  analyze completeness      ${f(analysisSeconds)} s   survival r = ${result.survivalR?.toFixed(3) ?? '–'}`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
