// The cost of running a sweep on Slurm: (1) seconds per task of the same small sweep through the
// local process pool and through a Slurm array job, both in this run; (2) `replens sweep status`
// and the sweep folder readers on a synthetic 10,000-run sweep folder. See README.md beside this
// file.
//
// usage: node bench/slurm/run.mjs [--json] [--tasks N] [--steps N] [--parallel K]
//          [--rounds R] [--status-runs N] [--reps N] [--no-slurm] [--timeout S]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'jsonc-parser';
import { cliOptions, machine, root } from '../lib.mjs';

const { opt, json, log } = cliOptions();
const argv = process.argv.slice(2);
const tasks = Number(opt('tasks', 4));
const steps = Number(opt('steps', 50));
const parallel = Number(opt('parallel', 2));
const statusRuns = Number(opt('status-runs', 10000));
const reps = Number(opt('reps', 3));
const rounds = Number(opt('rounds', 3));
const timeoutMs = Number(opt('timeout', 600)) * 1000;
const here = path.join(root, 'bench', 'slurm');

/** A command's [seconds, stdout]; throws with its stderr when it fails. */
function timed(cmd, args, env = process.env) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', env, maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) {
    const why = (r.stderr || r.error?.message || '').trim().split('\n').slice(-3).join(' ');
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${why}`);
  }
  return [seconds, r.stdout];
}

const replens = (args) => timed(process.execPath, [path.join(root, 'bin', 'replens'), ...args]);
const tsx = (script, args) =>
  JSON.parse(timed(process.execPath, ['--import', 'tsx', path.join(here, script), ...args])[1]);

/** The tiny sweep both executors run: modular addition, `tasks` seeds, `steps` steps. */
function benchConfig(dir) {
  const file = path.join(root, 'examples', 'modular-addition.replens.json');
  const config = parse(readFileSync(file, 'utf8'));
  delete config.$schema;
  config.name = 'bench-slurm';
  config.train.steps = steps;
  config.checkpoints = { every: Math.max(1, Math.floor(steps / 2)) };
  config.sweep = { seeds: Array.from({ length: tasks }, (_, i) => i), parallel };
  config.analyses = [];
  const out = path.join(dir, 'bench.replens.json');
  writeFileSync(out, JSON.stringify(config, null, 2));
  return out;
}

/** Mean seconds of training per run (run.json `wallSeconds`) of a sweep's status. */
const meanTraining = (status) =>
  status.tasks.reduce((s, t) => s + runWall(t.runDir), 0) / status.tasks.length;
const runWall = (runDir) => runManifest(runDir)?.wallSeconds ?? 0;

/** Seconds from `startMs` to the end of the sweep's last run (run.json `endedAt`). */
function wallToLastEnd(startMs, status) {
  const ends = status.tasks.map((t) => Date.parse(runManifest(t.runDir)?.endedAt));
  return (Math.max(...ends) - startMs) / 1000;
}
const runManifest = (runDir) =>
  runDir === undefined ? undefined : JSON.parse(readFileSync(path.join(runDir, 'run.json')));

/** Wall time → seconds per task (K tasks share the wall time) and overhead beyond training. */
function perTask(label, wallSeconds, status) {
  const done = status.totals.COMPLETED ?? 0;
  const secondsPerTask = (wallSeconds * parallel) / tasks;
  const trainingPerTask = meanTraining(status);
  return {
    label,
    wallSeconds,
    completed: done,
    secondsPerTask,
    trainingPerTask,
    overheadPerTask: secondsPerTask - trainingPerTask,
  };
}

function localSweep(config, dir) {
  log(`local pool: ${tasks} runs of ${steps} steps, ${parallel} at a time…`);
  const start = Date.now();
  const [, stdout] = replens([
    'sweep',
    config,
    '--out',
    dir,
    '--parallel',
    String(parallel),
    '--json',
  ]);
  const status = JSON.parse(replens(['sweep', 'status', JSON.parse(stdout).sweepDir, '--json'])[1]);
  return perTask('local pool', wallToLastEnd(start, status), status);
}

/** Whether Slurm answers here; starts the one-node test cluster when its script is present. */
function slurmUp() {
  const sinfo = () => spawnSync('sinfo', ['-h'], { encoding: 'utf8' }).status === 0;
  if (sinfo()) return { up: true, started: false };
  const script = path.join(root, 'scripts', 'slurm-local.sh');
  const r = spawnSync('bash', [script, 'start'], { cwd: root, encoding: 'utf8', timeout: 180_000 });
  return r.status === 0 && sinfo()
    ? { up: true, started: true }
    : {
        up: false,
        why: (r.stderr || 'no sinfo, no scripts/slurm-local.sh').trim().split('\n').pop(),
      };
}

function slurmSweep(config, dir) {
  log(`Slurm array: ${tasks} tasks of ${steps} steps, %${parallel}…`);
  const others = spawnSync('squeue', ['-h'], { encoding: 'utf8' }).stdout.trim();
  const start = Date.now();
  const since = () => (Date.now() - start) / 1000;
  const [submitSeconds, stdout] = replens([
    'sweep',
    config,
    '--executor',
    'slurm',
    '--out',
    dir,
    '--parallel',
    String(parallel),
    '--json',
  ]);
  const { sweepDir, jobId } = JSON.parse(stdout);
  let status;
  for (;;) {
    status = JSON.parse(replens(['sweep', 'status', sweepDir, '--json'])[1]);
    if (status.finished) break;
    if (since() * 1000 > timeoutMs) {
      spawnSync('scancel', [jobId]);
      throw new Error(
        `the Slurm sweep did not finish in ${timeoutMs / 1000} s: ${JSON.stringify(status.totals)}`,
      );
    }
    spawnSync('sleep', ['0.25']);
  }
  return {
    ...perTask('Slurm array', wallToLastEnd(start, status), status),
    submitSeconds,
    jobId,
    queueBusy: others.length > 0,
  };
}

/** `replens sweep status --json` on the synthetic folder, `reps` times: median seconds. */
function statusSeconds(sweepDir) {
  const times = [];
  for (let i = 0; i < reps; i++) times.push(replens(['sweep', 'status', sweepDir, '--json'])[0]);
  return median(times);
}
const sign = (x) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(2)}`;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function statusAtScale(dir) {
  log(`synthetic sweep folder of ${statusRuns} runs…`);
  const made = tsx('synthetic_sweep.ts', [
    '--out',
    dir,
    '--runs',
    String(statusRuns),
    '--executor',
    'slurm',
  ]);
  log(`sweep status and the folder readers on ${statusRuns} runs (${reps} reps)…`);
  const slurm = statusSeconds(made.sweepDir);
  const indexFile = path.join(made.sweepDir, 'sweep.json');
  const index = JSON.parse(readFileSync(indexFile, 'utf8'));
  delete index.executor;
  delete index.slurm;
  writeFileSync(indexFile, JSON.stringify(index, null, 2) + '\n');
  const local = statusSeconds(made.sweepDir);
  const scan = tsx('replens_scan.ts', [made.sweepDir, '--reps', String(reps)]);
  const ms = (k) => scan.readers[k].medianMs / 1000;
  return {
    runs: statusRuns,
    folders: made.folders,
    writeSeconds: made.seconds,
    statusSlurmSeconds: slurm,
    statusLocalSeconds: local,
    readSweepStateSeconds: ms('readSweepState'),
    readSweepStateAsyncSeconds: ms('readSweepStateAsync'),
    sourceRunsSeconds: ms('sourceRuns'),
    taskStartSeconds: ms('planSweepTask'),
  };
}

function printOverhead(rows) {
  const f = (x, d = 2) => (x === undefined ? '-' : x.toFixed(d));
  const table = [
    ['executor', 'wall s', 'done', 's/task', 'training s/task', 'overhead s/task'],
    ...rows.map((r) =>
      r.available === false
        ? [r.label, 'unavailable', '', '', '', r.why ?? '']
        : [
            r.label,
            f(r.wallSeconds, 1),
            `${r.completed}/${tasks}`,
            f(r.secondsPerTask),
            f(r.trainingPerTask),
            f(r.overheadPerTask),
          ],
    ),
  ];
  const w = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
  const line = (row) => row.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
  console.log(line(table[0]));
  console.log(w.map((n) => '-'.repeat(n)).join('  '));
  table.slice(1).forEach((row) => console.log(line(row)));
}

/** Each numeric field's median over the rounds (the other fields of the first round). */
function medianRow(rows) {
  const out = { ...rows[0], rounds: rows.length };
  for (const [k, v] of Object.entries(rows[0])) {
    if (typeof v === 'number') out[k] = median(rows.map((r) => r[k]));
  }
  out.queueBusy = rows.some((r) => r.queueBusy);
  return out;
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'replens-bench-slurm-'));
let cluster;
try {
  const config = benchConfig(dir);
  cluster = argv.includes('--no-slurm') ? { up: false, why: '--no-slurm' } : slurmUp();
  const locals = [];
  const slurms = [];
  // Alternating rounds, so both executors see the same machine load.
  for (let r = 0; r < rounds; r++) {
    locals.push(localSweep(config, path.join(dir, `local-${r}`)));
    if (cluster.up) slurms.push(slurmSweep(config, path.join(dir, `slurm-${r}`)));
  }
  const local = medianRow(locals);
  const slurm = cluster.up
    ? medianRow(slurms)
    : { label: 'Slurm array', available: false, why: cluster.why };
  const scale = statusAtScale(path.join(dir, 'scale'));
  const result = {
    machine: machine(),
    sweep: { tasks, steps, parallel },
    local,
    slurm,
    slurmOverheadPerTask:
      slurm.available === false ? null : slurm.overheadPerTask - local.overheadPerTask,
    scale,
  };
  if (json) {
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  } else {
    const m = result.machine;
    console.log(
      `${tasks}-task sweep (modular addition, ${steps} steps), ${parallel} at a time, median of ${rounds} rounds`,
    );
    console.log(`${m.cpu}, ${m.cores} cores, node ${m.node}, load ${m.loadavg.join(' ')}`);
    printOverhead([local, slurm]);
    if (result.slurmOverheadPerTask !== null) {
      console.log(
        `Slurm path: ${sign(result.slurmOverheadPerTask)} s per task over the local pool` +
          ` (sbatch ${slurm.submitSeconds.toFixed(2)} s${slurm.queueBusy ? '; the queue held other jobs' : ''})`,
      );
    }
    const s = result.scale;
    console.log(`\n${s.runs}-run sweep folder (${s.folders} run folders), median of ${reps}:`);
    console.log(
      `  replens sweep status --json (Slurm sweep)  ${s.statusSlurmSeconds.toFixed(2)} s`,
    );
    console.log(
      `  replens sweep status --json (local sweep)  ${s.statusLocalSeconds.toFixed(2)} s`,
    );
    console.log(
      `  readSweepState                             ${s.readSweepStateSeconds.toFixed(2)} s`,
    );
    console.log(
      `  readSweepStateAsync (runs tree)            ${s.readSweepStateAsyncSeconds.toFixed(2)} s`,
    );
    console.log(`  sourceRuns (sweep analyses' folder scan)   ${s.sourceRunsSeconds.toFixed(2)} s`);
    console.log(`  planSweepTask (what each array task reads) ${s.taskStartSeconds.toFixed(2)} s`);
  }
} finally {
  if (cluster?.started) spawnSync('bash', [path.join(root, 'scripts', 'slurm-local.sh'), 'stop']);
  rmSync(dir, { recursive: true, force: true });
}
