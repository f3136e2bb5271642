import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import {
  arraySpec,
  sbatchScript,
  shellQuote,
  slurmTimeSeconds,
  warningSecondsFor,
} from '../../../../src/runner/slurm/sbatchScript';
import { slurmOptionsOf } from '../../../../src/cli/commands/sweepSlurm';
import { UsageError } from '../../../../src/cli/errors';
import { tempDir } from '../../../helpers/runs';

const input = {
  experiment: 'my exp',
  sweepId: 'sweep-1',
  sweepDir: "/data/it's here/sweep-1",
  node: '/usr/bin/node',
  cliPath: '/opt/replens/bin/replens',
  tasks: 24,
  throttle: 4,
  options: { partition: 'gpu', time: '01:00:00', cpusPerTask: 2, extraArgs: ['--gres=gpu:1'] },
  taskArgs: ['--backend', 'wasm'],
};

describe('the sbatch script of a Slurm sweep', () => {
  it('array specs: the full range with a throttle, and compact lists of some indices', () => {
    assert.equal(arraySpec(24, 4), '0-23%4');
    assert.equal(arraySpec(1), '0-0');
    assert.equal(arraySpec([7, 0, 1, 2, 5, 8]), '0-2,5,7-8');
    assert.equal(arraySpec([3], 2), '3%2');
  });

  it('reads Slurm times and asks for the time-limit warning a quarter before a short limit', () => {
    const cases: [string, number][] = [
      ['10', 600],
      ['10:30', 630],
      ['01:00:00', 3600],
      ['1-00', 86400],
      ['1-02:03', 93780],
      ['2-00:00:05', 172805],
    ];
    for (const [t, s] of cases) {
      assert.equal(slurmTimeSeconds(t), s, t);
    }
    assert.equal(warningSecondsFor(undefined), 120);
    assert.equal(warningSecondsFor('1'), 30);
    assert.equal(warningSecondsFor('4'), 60);
    assert.equal(warningSecondsFor('01:00:00'), 120);
  });

  it('has one #SBATCH line per option, the signals and requeue, and passes bash -n', () => {
    const text = sbatchScript(input);
    const directives = text
      .split('\n')
      .filter((l) => l.startsWith('#SBATCH '))
      .map((l) => l.slice('#SBATCH '.length));
    assert.deepEqual(directives, [
      '--job-name=replens-my-exp',
      '--array=0-23%4',
      "--output=/data/it's here/sweep-1/slurm/%A_%a.out",
      '--open-mode=append',
      '--requeue',
      '--signal=B:USR1@120',
      '--partition=gpu',
      '--time=01:00:00',
      '--cpus-per-task=2',
      '--gres=gpu:1',
    ]);
    assert.match(text, /trap 'stop; exit 143' TERM/);
    assert.match(text, /scontrol requeue "\$\{SLURM_ARRAY_JOB_ID\}_\$\{SLURM_ARRAY_TASK_ID\}"/);
    const file = path.join(tempDir(), 'array.sbatch');
    fs.writeFileSync(file, text);
    const r = spawnSync('bash', ['-n', file], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });

  it('runs `sweep task` with the paths and arguments quoted for bash', () => {
    const dir = tempDir();
    const echo = path.join(dir, 'echo-args.sh');
    fs.writeFileSync(echo, '#!/bin/bash\nprintf "%s\\n" "$@"\n', { mode: 0o755 });
    // The same script with `node` replaced by an argument printer, run as a task would be.
    const text = sbatchScript({ ...input, node: echo });
    const file = path.join(dir, 'array.sbatch');
    fs.writeFileSync(file, text);
    const r = spawnSync('bash', [file], {
      encoding: 'utf8',
      env: { ...process.env, SLURM_ARRAY_TASK_ID: '5', SLURM_ARRAY_JOB_ID: '77' },
    });
    assert.equal(r.status, 0, r.stderr);
    const args = r.stdout.trim().split('\n').slice(1);
    assert.deepEqual(args, [
      '/opt/replens/bin/replens',
      'sweep',
      'task',
      "/data/it's here/sweep-1",
      '5',
      '--backend',
      'wasm',
    ]);
    assert.equal(shellQuote("a'b"), `'a'\\''b'`);
  });
});

describe("Slurm options: the config's sweep.slurm under the --slurm-* flags", () => {
  it('flags override fields and add extra arguments', () => {
    const o = slurmOptionsOf(
      { partition: 'cpu', time: '10', extraArgs: ['--constraint=x'] },
      { 'slurm-partition': 'gpu', 'slurm-cpus-per-task': '4', 'slurm-arg': ['--exclusive'] },
    );
    assert.deepEqual(o, {
      partition: 'gpu',
      time: '10',
      cpusPerTask: 4,
      extraArgs: ['--constraint=x', '--exclusive'],
    });
  });

  it('bad values are usage errors naming the option', () => {
    assert.throws(
      () => slurmOptionsOf(undefined, { 'slurm-time': 'soon' }),
      (e: unknown) => {
        assert.ok(e instanceof UsageError);
        assert.match(e.message, /^Slurm option time: expected a Slurm time/);
        return true;
      },
    );
    assert.throws(() => slurmOptionsOf(undefined, { 'slurm-cpus-per-task': '0' }), /cpusPerTask/);
    assert.throws(() => slurmOptionsOf(undefined, { 'slurm-arg': ['exclusive'] }), /extraArgs/);
  });
});
