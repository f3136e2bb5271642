/**
 * `replens sweep --executor slurm` against the live one-node Slurm of scripts/slurm-local.sh:
 * submission, the array's runs equal to a local sweep's, a requeue mid-run, cancel, a failing
 * task resubmitted, a refused submission. Every wait is bounded.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { SweepStatus } from '../../../src/runner/slurm/sweepStatus';
import { readCheckpoint } from '../../../src/storage/checkpointStore';
import { checkpointFile } from '../../../src/storage/runLayout';
import { readManifest } from '../../../src/storage/runStore';
import { type CliResult, replens, requireBuild } from '../../helpers/cli';
import { tempDir, tinyConfig } from '../../helpers/runs';
import { ensureSlurm, slurmCommand, slurmEnv, waitFor } from '../../helpers/slurm';

const dir = tempDir('replens-slurm-test-');
/** Jobs submitted here, cancelled at the end whatever happens. */
const submitted: string[] = [];

function config(name: string, steps: number, seeds: number[], every = 100): string {
  const file = path.join(dir, `${name}.replens.json`);
  const c = tinyConfig({ train: { steps, logEvery: 50 }, checkpoints: { every } });
  fs.writeFileSync(file, JSON.stringify({ ...c, name, sweep: { seeds, parallel: 2 } }));
  return file;
}

function ok(r: CliResult): string {
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Submits a sweep; returns its folder and job id. */
function submit(file: string, extra: string[] = []): { sweepDir: string; jobId: string } {
  const out = ok(
    replens([
      'sweep',
      file,
      '--executor',
      'slurm',
      '--out',
      path.join(dir, 'runs'),
      ...extra,
      '--json',
    ]),
  );
  const s = JSON.parse(out) as { sweepDir: string; jobId: string; executor: string };
  assert.equal(s.executor, 'slurm');
  submitted.push(s.jobId);
  return s;
}

function status(sweepDir: string): SweepStatus {
  return JSON.parse(ok(replens(['sweep', 'status', sweepDir, '--json']))) as SweepStatus;
}

/** Waits until every task is in one of `states` (2 minutes at most). */
function settle(sweepDir: string, states: string[], timeoutMs = 120_000): Promise<SweepStatus> {
  return waitFor(
    () => {
      const s = status(sweepDir);
      return s.tasks.every((t) => states.includes(t.state)) ? s : undefined;
    },
    { timeoutMs, what: `every task of ${sweepDir} in ${states.join('/')}`, intervalMs: 1000 },
  );
}

function finalWeights(runDir: string): Map<string, Float32Array> {
  const steps = readManifest(runDir).steps;
  return new Map(
    [...readCheckpoint(checkpointFile(runDir, steps)).tensors].map(([k, t]) => [k, t.data]),
  );
}

describe('sweeps on a live Slurm cluster', () => {
  before(() => {
    requireBuild();
    const cluster = ensureSlurm();
    assert.ok(cluster.ok, cluster.ok ? '' : cluster.reason);
    Object.assign(process.env, slurmEnv());
  });

  after(() => {
    if (submitted.length > 0) {
      slurmCommand('scancel', submitted);
    }
  });

  it('a 4-task array ends with the same weights per seed as the local sweep', async () => {
    const file = config('array4', 200, [0, 1, 2, 3]);
    const { sweepDir } = submit(file, ['--parallel', '2']);
    const script = fs.readFileSync(path.join(sweepDir, 'slurm', 'array.sbatch'), 'utf8');
    assert.match(script, /#SBATCH --array=0-3%2/);
    const done = await settle(sweepDir, ['COMPLETED', 'FAILED']);
    assert.deepEqual(done.totals, { COMPLETED: 4 }, JSON.stringify(done.tasks));
    assert.equal(done.finished, true);

    const local = JSON.parse(
      ok(replens(['sweep', file, '--out', path.join(dir, 'local'), '--json'])),
    ) as { runs: { seed: number; runDir: string }[] };
    for (const t of done.tasks) {
      const twin = local.runs.find((r) => r.seed === t.seed);
      assert.ok(twin && t.runDir);
      assert.deepEqual(finalWeights(t.runDir), finalWeights(twin.runDir), `seed ${t.seed}`);
    }
  });

  it('a task requeued mid-run resumes from its checkpoint and ends bit-identical', async () => {
    const file = config('requeue', 3000, [5], 250);
    const { sweepDir, jobId } = submit(file);
    const runDir = await waitFor(
      () => {
        const t = status(sweepDir).tasks[0];
        return t.runDir !== undefined && (t.step ?? 0) >= 500 ? t.runDir : undefined;
      },
      { timeoutMs: 90_000, what: 'the task to pass step 500' },
    );
    const r = slurmCommand('scontrol', ['requeue', `${jobId}_0`]);
    assert.equal(r.code, 0, r.stderr);
    const done = await settle(sweepDir, ['COMPLETED', 'FAILED'], 150_000);
    assert.equal(done.tasks[0].state, 'COMPLETED', JSON.stringify(done.tasks[0]));
    const m = readManifest(runDir);
    assert.equal(m.status, 'done');
    assert.ok(m.resumes.length >= 1, 'the run was resumed, not restarted');
    const log = fs.readFileSync(path.join(sweepDir, done.tasks[0].log ?? ''), 'utf8');
    assert.match(log, /restart 1/);
    assert.match(log, /SIGTERM: checkpointing/);

    const ref = JSON.parse(
      ok(
        replens([
          'run',
          path.join(sweepDir, 'configs', 'job-000.replens.json'),
          '--out',
          path.join(dir, 'ref'),
          '--json',
        ]),
      ),
    ) as { runDir: string };
    assert.deepEqual(finalWeights(runDir), finalWeights(ref.runDir));
  });

  it('sweep cancel cancels every task; their runs keep a checkpoint to resume from', async () => {
    const { sweepDir } = submit(config('cancel', 200_000, [0, 1], 1000));
    await waitFor(
      () => status(sweepDir).tasks.every((t) => t.state === 'RUNNING' && (t.step ?? 0) > 0),
      { timeoutMs: 90_000, what: 'both tasks running past step 0' },
    );
    const out = JSON.parse(ok(replens(['sweep', 'cancel', sweepDir, '--json']))) as {
      cancelled: string[];
    };
    assert.equal(out.cancelled.length, 1);
    const s = await settle(sweepDir, ['CANCELLED']);
    for (const t of s.tasks) {
      const m = readManifest(t.runDir ?? '');
      assert.equal(m.status, 'cancelled');
      assert.ok(m.checkpoints.includes(m.lastStep), `a checkpoint at the last step ${m.lastStep}`);
    }
  });

  it('a failing task is reported with its log; resubmit --failed runs just it', async () => {
    const { sweepDir } = submit(config('failing', 100, [0, 1, 2]), ['--slurm-arg=--begin=now+4']);
    const job1 = path.join(sweepDir, 'configs', 'job-001.replens.json');
    fs.renameSync(job1, `${job1}.away`);
    const s = await settle(sweepDir, ['COMPLETED', 'FAILED']);
    assert.deepEqual(
      s.tasks.map((t) => t.state),
      ['COMPLETED', 'FAILED', 'COMPLETED'],
    );
    const failed = s.tasks[1];
    assert.match(failed.error ?? '', /slurm\/\d+_1\.out/);
    assert.match(fs.readFileSync(path.join(sweepDir, failed.log ?? ''), 'utf8'), /job-001/);
    const text = ok(replens(['sweep', 'status', sweepDir]));
    assert.match(text, /3 tasks: 2 COMPLETED, 1 FAILED/);

    fs.renameSync(`${job1}.away`, job1);
    const again = JSON.parse(
      ok(replens(['sweep', 'resubmit', sweepDir, '--failed', '--json'])),
    ) as {
      jobId: string;
      indices: number[];
    };
    submitted.push(again.jobId);
    assert.deepEqual(again.indices, [1]);
    const fixed = await settle(sweepDir, ['COMPLETED', 'FAILED']);
    assert.deepEqual(fixed.totals, { COMPLETED: 3 });
    assert.equal(fixed.tasks[1].jobId, `${again.jobId}_1`);
    const nothing = replens(['sweep', 'resubmit', sweepDir, '--failed']);
    assert.equal(nothing.code, 2);
    assert.match(nothing.stderr, /no failed task to resubmit \(3 COMPLETED\)/);
  });

  it("a refused submission exits 1 with sbatch's message; the folder can be submitted again", async () => {
    const file = config('refused', 50, [0]);
    const r = replens([
      'sweep',
      file,
      '--executor',
      'slurm',
      '--out',
      path.join(dir, 'runs'),
      '--slurm-partition',
      'nosuch',
    ]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /invalid partition specified: nosuch/);
    const sweeps = fs.readdirSync(path.join(dir, 'runs', 'refused'));
    assert.equal(sweeps.length, 1);
    const sweepDir = path.join(dir, 'runs', 'refused', sweeps[0]);
    const s = status(sweepDir);
    assert.match(s.refused ?? '', /invalid partition/);
    assert.deepEqual(s.totals, { UNSUBMITTED: 1 });

    const again = JSON.parse(
      ok(
        replens([
          'sweep',
          'resubmit',
          sweepDir,
          '--unfinished',
          '--slurm-partition',
          'debug',
          '--json',
        ]),
      ),
    ) as { jobId: string };
    submitted.push(again.jobId);
    const done = await settle(sweepDir, ['COMPLETED', 'FAILED']);
    assert.deepEqual(done.totals, { COMPLETED: 1 });
    assert.equal(done.refused, undefined);
  });

  it('without sbatch on the PATH: exit 2, a clear message, nothing written', () => {
    const empty = tempDir();
    const before = fs.readdirSync(path.join(dir, 'runs')).length;
    const saved = process.env.PATH;
    process.env.PATH = empty;
    try {
      const r = replens([
        'sweep',
        config('nosbatch', 10, [0]),
        '--executor',
        'slurm',
        '--out',
        path.join(dir, 'runs'),
      ]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /sbatch is not on the PATH/);
    } finally {
      process.env.PATH = saved;
    }
    assert.equal(fs.readdirSync(path.join(dir, 'runs')).length, before);
  });
});
