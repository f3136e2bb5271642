/**
 * The live one-node Slurm cluster (scripts/slurm-local.sh, started here through ensureSlurm) does
 * what the Slurm executor relies on: array jobs with a throttle, a requeue that signals the task
 * and runs it again with SLURM_RESTART_COUNT, the time-limit warning signal to the batch shell,
 * scancel, and a refused submission. Bash scripts stand in for replens; each leaves marker lines.
 * A cluster that cannot start fails these tests; REPLENS_SKIP_SLURM=1 skips them (no root).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  ensureSlurm,
  sbatch,
  slurmCommand,
  squeueStates,
  waitFor,
  waitUntilGone,
} from '../../helpers/slurm';

const skip = process.env.REPLENS_SKIP_SLURM === '1' ? 'REPLENS_SKIP_SLURM=1' : false;

/** Writes one file per array task. */
const arrayScript = `#!/bin/bash
echo "$SLURM_ARRAY_JOB_ID $SLURM_ARRAY_TASK_ID" > "$1/out-$SLURM_ARRAY_TASK_ID"
`;

/**
 * Appends "<event> restart=<SLURM_RESTART_COUNT> <epoch ms>" lines to $1/task-<index>.log: start, TERM (then
 * exits), USR1 (then requeues its own task, as the sweep's sbatch script does at the time-limit
 * warning), done (a rerun exits at once when $2 is "once").
 */
const markerScript = `#!/bin/bash
log="$1/task-$SLURM_ARRAY_TASK_ID.log"
note() { echo "$1 restart=\${SLURM_RESTART_COUNT:-none} $(date +%s%3N)" >> "$log"; }
note start
trap 'note TERM; exit 143' TERM
trap 'note USR1; scontrol requeue "\${SLURM_ARRAY_JOB_ID}_\${SLURM_ARRAY_TASK_ID}"' USR1
if [ -n "\${SLURM_RESTART_COUNT:-}" ] && [ "$2" = once ]; then note done; exit 0; fi
sleep 600 &
child=$!
while kill -0 "$child" 2>/dev/null; do wait "$child"; done
`;

describe('live Slurm cluster', () => {
  let dir = '';
  const submitted: string[] = [];
  let signalJob = '';

  const submit = (args: string[]): string => {
    const id = sbatch(args);
    submitted.push(id);
    return id;
  };
  /** The marker lines of a task: each event with the time it was written (epoch ms). */
  const markerLines = (sub: string, index: number): { event: string; at: number }[] => {
    const file = path.join(dir, sub, `task-${String(index)}.log`);
    const lines = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n') : [];
    return lines.map((line) => {
      const space = line.lastIndexOf(' ');
      return { event: line.slice(0, space), at: Number(line.slice(space + 1)) };
    });
  };
  const markers = (sub: string, index: number): string[] =>
    markerLines(sub, index).map((m) => m.event);
  /** Seconds between two events of a task's markers. */
  const between = (sub: string, index: number, from: string, to: string): string => {
    const lines = markerLines(sub, index);
    const at = (event: string): number => lines.find((m) => m.event === event)?.at ?? NaN;
    return ((at(to) - at(from)) / 1000).toFixed(1);
  };
  const workDir = (sub: string): string => {
    const d = path.join(dir, sub);
    fs.mkdirSync(d, { recursive: true });
    return d;
  };
  const seconds = (since: number): string => ((Date.now() - since) / 1000).toFixed(1);

  before(() => {
    if (skip !== false) {
      return;
    }
    const cluster = ensureSlurm();
    if (!cluster.ok) {
      throw new Error(
        `no live Slurm cluster (set REPLENS_SKIP_SLURM=1 to skip): ${cluster.reason}`,
      );
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replens-slurm-test-'));
    fs.writeFileSync(path.join(dir, 'array.sh'), arrayScript);
    fs.writeFileSync(path.join(dir, 'marker.sh'), markerScript);
    // Submitted first: Slurm checks time limits about every 30 s, so the warning comes late.
    signalJob = submit([
      '--array=0',
      '--time=1',
      '--signal=B:USR1@59',
      `--output=${dir}/signal-%A_%a.out`,
      path.join(dir, 'marker.sh'),
      workDir('signal'),
      'once',
    ]);
  });

  after(() => {
    if (submitted.length > 0) {
      slurmCommand('scancel', submitted);
    }
    if (dir !== '') {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs every task of a throttled array job', { skip, timeout: 90_000 }, async (t) => {
    const started = Date.now();
    const out = workDir('array');
    const job = submit([
      '--array=0-3%2',
      `--output=${out}/%A_%a.out`,
      path.join(dir, 'array.sh'),
      out,
    ]);
    assert.match(job, /^\d+$/);
    const states = await waitUntilGone(job, 80_000);
    assert.deepEqual(
      [...states.entries()].sort(),
      [0, 1, 2, 3].map((i) => [`${job}_${String(i)}`, 'COMPLETED']),
    );
    for (const i of [0, 1, 2, 3]) {
      const text = fs.readFileSync(path.join(out, `out-${String(i)}`), 'utf8');
      assert.equal(text, `${job} ${String(i)}\n`);
      assert.ok(fs.existsSync(path.join(out, `${job}_${String(i)}.out`)), 'per-task log');
    }
    t.diagnostic(`4 tasks, 2 at a time: ${seconds(started)} s`);
  });

  it(
    'requeues a running task: SIGTERM, then a rerun with SLURM_RESTART_COUNT',
    { skip, timeout: 150_000 },
    async (t) => {
      const started = Date.now();
      const job = submit([
        '--array=0',
        '--open-mode=append',
        `--output=${dir}/requeue-%A_%a.out`,
        path.join(dir, 'marker.sh'),
        workDir('requeue'),
        'once',
      ]);
      const task = `${job}_0`;
      await waitFor(() => markers('requeue', 0).includes('start restart=none'), {
        timeoutMs: 60_000,
        what: `${task} to start`,
      });
      const requeuedAt = Date.now();
      const r = slurmCommand('scontrol', ['requeue', task]);
      assert.equal(r.code, 0, r.stderr);
      await waitFor(() => markers('requeue', 0).includes('TERM restart=none'), {
        timeoutMs: 10_000,
        what: `SIGTERM in ${task} after scontrol requeue`,
      });
      // Requeued, the task waits (cred_expire) under the same id.
      await waitFor(() => squeueStates(job).get(task) === 'PENDING', {
        timeoutMs: 10_000,
        what: `${task} to be pending again after its requeue`,
      });
      assert.deepEqual([...squeueStates(job).keys()], [task]);
      await waitFor(() => markers('requeue', 0).includes('done restart=1'), {
        timeoutMs: 60_000,
        what: `the rerun of ${task}`,
      });
      assert.deepEqual(markers('requeue', 0), [
        'start restart=none',
        'TERM restart=none',
        'start restart=1',
        'done restart=1',
      ]);
      assert.deepEqual([...(await waitUntilGone(job, 30_000))], [[task, 'COMPLETED']]);
      const termAt = markerLines('requeue', 0).find((m) => m.event === 'TERM restart=none')?.at;
      const term = ((Number(termAt) - requeuedAt) / 1000).toFixed(2);
      const rerun = between('requeue', 0, 'TERM restart=none', 'start restart=1');
      t.diagnostic(
        `scontrol requeue to SIGTERM ${term} s, to rerun ${rerun} s; all ${seconds(started)} s`,
      );
    },
  );

  it(
    'cancels an array job: its running tasks get SIGTERM',
    { skip, timeout: 120_000 },
    async (t) => {
      const started = Date.now();
      const job = submit([
        '--array=0-2',
        `--output=${dir}/cancel-%A_%a.out`,
        path.join(dir, 'marker.sh'),
        workDir('cancel'),
      ]);
      await waitFor(() => markers('cancel', 0).includes('start restart=none'), {
        timeoutMs: 60_000,
        what: `${job}_0 to start`,
      });
      const r = slurmCommand('scancel', [job]);
      assert.equal(r.code, 0, r.stderr);
      const states = await waitUntilGone(job, 30_000);
      assert.deepEqual(
        [...states.values()],
        [...states.keys()].map(() => 'CANCELLED'),
      );
      assert.equal(states.size, 3);
      await waitFor(() => markers('cancel', 0).includes('TERM restart=none'), {
        timeoutMs: 10_000,
        what: `SIGTERM in ${job}_0 after scancel`,
      });
      t.diagnostic(`cancelled in ${seconds(started)} s`);
    },
  );

  it('refuses a job for a partition that does not exist', { skip }, () => {
    const r = slurmCommand('sbatch', [
      '--parsable',
      '--partition=nosuch',
      path.join(dir, 'array.sh'),
      dir,
    ]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /invalid partition/i);
    assert.equal(r.stdout, '');
  });

  it(
    'warns the batch shell with USR1 before the time limit; it requeues itself',
    { skip, timeout: 120_000 },
    async (t) => {
      const task = `${signalJob}_0`;
      await waitFor(() => markers('signal', 0).includes('USR1 restart=none'), {
        timeoutMs: 100_000,
        what: `USR1 in ${task} (--time=1 --signal=B:USR1@59)`,
      });
      await waitFor(() => markers('signal', 0).includes('done restart=1'), {
        timeoutMs: 60_000,
        what: `the rerun of ${task} after it requeued itself`,
      });
      assert.deepEqual(markers('signal', 0), [
        'start restart=none',
        'USR1 restart=none',
        'TERM restart=none',
        'start restart=1',
        'done restart=1',
      ]);
      const warned = between('signal', 0, 'start restart=none', 'USR1 restart=none');
      const rerun = between('signal', 0, 'USR1 restart=none', 'start restart=1');
      t.diagnostic(`USR1 ${warned} s after the start, rerun ${rerun} s later`);
    },
  );
});
