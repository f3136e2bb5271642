/**
 * Writes a synthetic sweep folder of N runs, laid out as `replens sweep` lays it out: the sweep
 * planned from a real config (its seeds replaced by 0..N−1), `sweep.json` with every job pending
 * (what the submitting command writes; array tasks never rewrite it), `configs/job-NNN.replens.json`,
 * and one run folder per started job with a full `run.json`, a short `metrics.jsonl` and `log.txt`
 * (no checkpoint files: no folder reader opens them). The jobs' states are a fixed mix, by index:
 * of every 20 jobs, one never started (no folder), one is running, one failed, one was
 * interrupted (cancelled) and 16 are done.
 *
 * With `--executor slurm`, `sweep.json` also carries the record `replens sweep --executor slurm`
 * writes: the script's path and one submission per array of at most `--array-size` tasks (job ids
 * 900001, 900002, …, which no scheduler knows: `sweep status` finds them gone from the queue).
 *
 * usage (from the repository root):
 *   node --import tsx bench/slurm/synthetic_sweep.ts --out DIR [--runs N] [--config FILE]
 *     [--executor local|slurm] [--array-size N]
 * Prints one JSON line: `{sweepDir, runs, folders, states, seconds}`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { configHash } from '../../src/runner/configHash';
import { createSweepFolder, writeSweepIndex } from '../../src/runner/sweepFolder';
import { requireValidConfig } from '../../src/shared/parseConfig';
import type {
  FinalMetrics,
  RunManifest,
  RunStatus,
  SweepIndex,
} from '../../src/shared/runManifest';
import { type PlannedJob, planSweepFolder } from '../../src/shared/sweepPlan';
import { runFiles } from '../../src/storage/runLayout';
import { createRunDir, writeManifest } from '../../src/storage/runStore';

/** What a synthetic sweep is made of. */
export interface SyntheticSweepOptions {
  /** Folder the sweep folder is created in (`<out>/<experiment>/sweep-synthetic-<N>`). */
  out: string;
  runs: number;
  /** The config whose sweep is planned (its `sweep.seeds` replaced by 0..runs−1). */
  configFile: string;
  /** Record the sweep as submitted to Slurm in arrays of at most `arraySize` tasks. */
  slurmArraySize?: number;
}

/** What was written. */
export interface SyntheticSweep {
  sweepDir: string;
  runs: number;
  /** Run folders written (jobs that started). */
  folders: number;
  /** Jobs by state: `pending` (no folder) and the run statuses. */
  states: Record<string, number>;
  seconds: number;
}

const createdAt = new Date(Date.UTC(2026, 0, 5, 9, 0, 0));

/** The state job `index` is written in: `pending` (no run folder) or a run status. */
export function syntheticState(index: number): RunStatus | 'pending' {
  switch (index % 20) {
    case 19:
      return 'pending';
    case 18:
      return 'running';
    case 17:
      return 'failed';
    case 16:
      return 'cancelled';
    default:
      return 'done';
  }
}

/** Writes the sweep folder; throws when `<out>/…/sweep-synthetic-<N>` already exists. */
export function writeSyntheticSweep(o: SyntheticSweepOptions): SyntheticSweep {
  const t0 = performance.now();
  const base = requireValidConfig(fs.readFileSync(o.configFile, 'utf8'), o.configFile);
  const config = {
    ...base,
    sweep: { ...base.sweep, seeds: Array.from({ length: o.runs }, (_, i) => i) },
  };
  const sweepId = `sweep-synthetic-${o.runs}`;
  const sweepDir = path.resolve(o.out, config.name ?? 'experiment', sweepId);
  if (fs.existsSync(sweepDir)) {
    throw new Error(`${sweepDir} exists already`);
  }
  const plan = planSweepFolder(config, {
    sweepId,
    sweepDir,
    configPath: path.resolve(o.configFile),
    parallel: 1,
    now: createdAt,
  });
  const index = createSweepFolder(plan);
  if (o.slurmArraySize !== undefined) {
    writeSweepIndex(sweepDir, { ...index, ...slurmRecord(o.runs, o.slurmArraySize) });
  }
  const states: Record<string, number> = {};
  let folders = 0;
  for (const job of plan.jobs) {
    const state = syntheticState(job.index);
    states[state] = (states[state] ?? 0) + 1;
    if (state !== 'pending') {
      writeRunFolder(sweepDir, job, state);
      folders++;
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  return { sweepDir, runs: o.runs, folders, states, seconds };
}

/** The `executor` and `slurm` fields of a sweep submitted as arrays of at most `size` tasks. */
function slurmRecord(runs: number, size: number): Pick<SweepIndex, 'executor' | 'slurm'> {
  const submissions = [];
  for (let first = 0, k = 1; first < runs; first += size, k++) {
    const indices = Array.from({ length: Math.min(size, runs - first) }, (_, i) => first + i);
    submissions.push({ jobId: String(900_000 + k), indices, submittedAt: createdAt.toISOString() });
  }
  const options = { partition: 'debug', time: '01:00:00', extraArgs: [] };
  return { executor: 'slurm', slurm: { script: 'slurm/array.sbatch', options, submissions } };
}

/** One run folder as `replens run` leaves it in `state`. */
function writeRunFolder(sweepDir: string, job: PlannedJob, state: RunStatus): void {
  const started = new Date(createdAt.getTime() + 1000 * (job.index + 1));
  const runId = `${started
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}-${job.index.toString(36).padStart(4, '0')}`;
  const runDir = path.join(sweepDir, runId);
  const steps = job.config.train.steps;
  const logEvery = job.config.train.logEvery;
  const lastStep = state === 'done' ? steps : Math.floor(steps / 2 / logEvery) * logEvery;
  createRunDir(runDir);
  const metrics = [];
  for (let step = 0; step <= lastStep; step += logEvery) {
    metrics.push(JSON.stringify(metricsAt(job.index, step, job.config.train.optimizer.lr)));
  }
  fs.writeFileSync(path.join(runDir, runFiles.metrics), metrics.join('\n') + '\n');
  fs.writeFileSync(
    path.join(runDir, runFiles.log),
    `${started.toISOString()} start ${runId} on wasm (wasm, SIMD, 1 thread)\n` +
      `${started.toISOString()} ${state === 'running' ? 'step' : state} at step ${lastStep}\n`,
  );
  writeManifest(runDir, manifestOf(job, runId, started, state, lastStep));
}

function manifestOf(
  job: PlannedJob,
  runId: string,
  started: Date,
  status: RunStatus,
  lastStep: number,
): RunManifest {
  const { steps } = job.config.train;
  const every = job.config.checkpoints.every ?? steps;
  const checkpoints = Array.from({ length: Math.floor(lastStep / every) + 1 }, (_, i) => i * every);
  const seed = job.seed;
  const m: RunManifest = {
    formatVersion: 1,
    runId,
    experiment: job.config.name ?? 'experiment',
    config: job.config,
    configHash: configHash(job.config),
    configPath: job.configFile,
    seed,
    seeds: { data: seed, embedding: 0, mlp: seed, batches: seed },
    backend: {
      name: 'wasm',
      requested: 'auto',
      tfBackend: 'wasm',
      simd: true,
      threads: 1,
      fallbacks: ["node: Cannot find module '@tensorflow/tfjs-node'"],
    },
    versions: {
      replens: '0.1.0',
      'tfjs-core': '4.22.0',
      node: '20.20.2',
      'tfjs-backend-wasm': '4.22.0',
    },
    status,
    startedAt: started.toISOString(),
    steps,
    lastStep,
    checkpoints,
    resumes: [],
    wallSeconds: status === 'running' ? 0 : 12.5,
  };
  if (status !== 'running') {
    m.endedAt = new Date(started.getTime() + 12_500).toISOString();
  }
  if (status === 'done') {
    m.final = metricsAt(job.index, steps, 0);
  }
  if (status === 'failed') {
    m.error = 'Error: loss is NaN at step 150';
  }
  return m;
}

/** Plausible metrics of job `index` at `step` (deterministic). */
function metricsAt(index: number, step: number, lr: number): FinalMetrics & { lr: number } {
  const t = step / 300;
  const jitter = ((index * 7919) % 1000) / 1e5;
  return {
    step,
    lr,
    trainLoss: 4.08 * Math.exp(-3 * t) + jitter,
    trainAcc: Math.min(1, 0.017 + t),
    testLoss: 4.09 * Math.exp(-2 * t) + jitter,
    testAcc: Math.min(1, 0.01 + 0.9 * t),
  };
}

function main(argv: string[]): void {
  const opt = (name: string, dflt?: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : dflt;
  };
  const out = opt('out');
  if (out === undefined) {
    throw new Error(
      'usage: synthetic_sweep.ts --out DIR [--runs N] [--config FILE] [--executor local|slurm] [--array-size N]',
    );
  }
  const configFile =
    opt('config') ?? path.resolve('examples', 'completeness-survival.replens.json');
  const slurm = opt('executor', 'local') === 'slurm';
  const result = writeSyntheticSweep({
    out,
    runs: Number(opt('runs', '10000')),
    configFile,
    slurmArraySize: slurm ? Number(opt('array-size', '1000')) : undefined,
  });
  process.stdout.write(JSON.stringify(result) + '\n');
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]).endsWith('synthetic_sweep.ts')) {
  main(process.argv.slice(2));
}
