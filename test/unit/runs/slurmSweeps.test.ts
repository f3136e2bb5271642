import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { CliResult, CliRunner } from '../../../src/runs/replensCli';
import { nodeCliRunner } from '../../../src/runs/replensCli';
import {
  SlurmSweeps,
  SweepCliError,
  decideExecutor,
  findSbatch,
} from '../../../src/runs/slurmSweeps';
import { slurmInfoOf, slurmSignature } from '../../../src/runs/sweepCliSchemas';
import { tempDir } from '../../helpers/runs';

const fixture = (name: string): string =>
  fs.readFileSync(path.join(__dirname, '../../fixtures/slurm', name), 'utf8');

/** A CLI that answers every call with `result` and records the calls. */
function recordedCli(result: Partial<CliResult>): { cli: CliRunner; calls: string[][] } {
  const calls: string[][] = [];
  const cli: CliRunner = (args) => {
    calls.push([...args]);
    return Promise.resolve({ code: 0, stdout: '', stderr: '', ...result });
  };
  return { cli, calls };
}

describe('Slurm sweeps through the CLI', () => {
  it('submits a config with the slurm executor into the runs root and reads its JSON', async () => {
    const stdout = JSON.stringify({
      sweepDir: '/runs/sw/sweep-1',
      executor: 'slurm',
      jobId: '123',
      tasks: 4,
    });
    const { cli, calls } = recordedCli({ stdout });
    const sub = await new SlurmSweeps(cli).submit('/ws/sw.replens.json', '/ws/.replens/runs');
    assert.deepEqual(calls, [
      [
        'sweep',
        '/ws/sw.replens.json',
        '--executor',
        'slurm',
        '--out',
        '/ws/.replens/runs',
        '--json',
      ],
    ]);
    assert.deepEqual(sub, {
      sweepDir: '/runs/sw/sweep-1',
      executor: 'slurm',
      jobId: '123',
      tasks: 4,
    });
  });

  it('reads a recorded status, with scheduler words and unknown fields read leniently', async () => {
    const { cli, calls } = recordedCli({ stdout: fixture('status-finished.json') });
    const status = await new SlurmSweeps(cli).status('/runs/sw/sweep-1');
    assert.deepEqual(calls, [['sweep', 'status', '/runs/sw/sweep-1', '--json']]);
    assert.equal(status.finished, true);
    assert.deepEqual(status.jobIds, ['123', '130']);
    assert.deepEqual(
      status.tasks.map((t) => [t.index, t.state, t.source, t.jobId]),
      [
        [0, 'COMPLETED', 'scheduler', '123_0'],
        [1, 'COMPLETED', 'scheduler', '123_1'],
        [2, 'CANCELLED', 'folders', undefined],
        [3, 'CANCELLED', 'scheduler', '130_3'],
      ],
    );
  });

  it('cancels and resubmits the failed tasks with the contract commands', async () => {
    const { cli, calls } = recordedCli({
      stdout: JSON.stringify({ sweepDir: '/s', cancelled: ['123', '130'] }),
    });
    assert.deepEqual((await new SlurmSweeps(cli).cancel('/s')).cancelled, ['123', '130']);
    const resub = recordedCli({
      stdout: JSON.stringify({
        sweepDir: '/s',
        executor: 'slurm',
        jobId: '131',
        tasks: 1,
        indices: [3],
      }),
    });
    assert.deepEqual((await new SlurmSweeps(resub.cli).resubmitFailed('/s')).indices, [3]);
    assert.deepEqual(calls, [['sweep', 'cancel', '/s', '--json']]);
    assert.deepEqual(resub.calls, [['sweep', 'resubmit', '/s', '--failed', '--json']]);
  });

  it("reports sbatch's refusal verbatim with the exit code", async () => {
    const stderr = 'sbatch: error: invalid partition specified: nope\n';
    const { cli } = recordedCli({ code: 1, stderr });
    await assert.rejects(
      new SlurmSweeps(cli).submit('/ws/sw.replens.json', '/runs'),
      (e: unknown) =>
        e instanceof SweepCliError &&
        e.code === 1 &&
        e.message === 'sbatch: error: invalid partition specified: nope',
    );
  });

  it('says how a silent failure ended, and rejects output that is not the contract', async () => {
    await assert.rejects(
      new SlurmSweeps(recordedCli({ code: 'timeout' }).cli).status('/s'),
      /replens sweep status took too long and was stopped/,
    );
    await assert.rejects(
      new SlurmSweeps(recordedCli({ stdout: 'sweep folder: /s' }).cli).status('/s'),
      /printed no JSON/,
    );
    await assert.rejects(
      new SlurmSweeps(recordedCli({ stdout: '{"sweepDir": "/s"}' }).cli).status('/s'),
      /printed unexpected JSON at "tasks"/,
    );
  });

  it('runs the CLI script with the given node and collects its exit code and output', async () => {
    const dir = tempDir();
    const script = path.join(dir, 'cli.js');
    fs.writeFileSync(
      script,
      'process.stdout.write(JSON.stringify(process.argv.slice(2)));' +
        'process.stderr.write("warn:" + process.env.ELECTRON_RUN_AS_NODE); process.exit(3);',
    );
    const run = nodeCliRunner({ cliScript: script, nodePath: () => process.execPath });
    const r = await run(['sweep', 'status', '/s', '--json'], { cwd: dir });
    assert.deepEqual(r, {
      code: 3,
      stdout: '["sweep","status","/s","--json"]',
      stderr: 'warn:1',
    });
    fs.writeFileSync(script, 'setTimeout(() => {}, 60000);');
    assert.equal((await run([], { timeoutMs: 200 })).code, 'timeout');
  });
});

describe('the sweep executor of Run Sweep', () => {
  it('asks only when sbatch is there, and refuses a forced Slurm without it', () => {
    assert.deepEqual(decideExecutor('ask', '/usr/bin/sbatch'), { kind: 'ask' });
    assert.deepEqual(decideExecutor('ask', undefined), { kind: 'local' });
    assert.deepEqual(decideExecutor('local', '/usr/bin/sbatch'), { kind: 'local' });
    assert.deepEqual(decideExecutor('slurm', '/usr/bin/sbatch'), { kind: 'slurm' });
    const refused = decideExecutor('slurm', undefined);
    assert.equal(refused.kind, 'error');
    assert.match(refused.kind === 'error' ? refused.message : '', /sbatch is not on the PATH/);
  });

  it('finds an executable sbatch on a PATH', () => {
    const empty = tempDir();
    const bin = tempDir();
    const sbatch = path.join(bin, 'sbatch');
    fs.writeFileSync(sbatch, '#!/bin/sh\n', { mode: 0o755 });
    fs.writeFileSync(path.join(empty, 'sbatch'), 'not executable', { mode: 0o644 });
    assert.equal(findSbatch([empty, bin].join(path.delimiter)), sbatch);
    assert.equal(findSbatch(empty), undefined);
    assert.equal(findSbatch(''), undefined);
  });
});

describe("a Slurm sweep's sweep.json", () => {
  it('reads the job ids, refusal and cancel time; a local sweep has none', () => {
    const info = slurmInfoOf({
      executor: 'slurm',
      slurm: {
        script: 'slurm/array.sbatch',
        options: { partition: 'debug' },
        submissions: [
          { jobId: '123', indices: [0, 1, 2, 3], submittedAt: '2026-01-01T00:00:00Z', throttle: 2 },
          { jobId: '130', indices: [3], submittedAt: '2026-01-01T01:00:00Z' },
        ],
        cancelledAt: '2026-01-01T02:00:00Z',
      },
    });
    assert.deepEqual(info, {
      jobIds: ['123', '130'],
      script: 'slurm/array.sbatch',
      cancelledAt: '2026-01-01T02:00:00Z',
      refused: undefined,
    });
    assert.equal(slurmInfoOf({}), undefined);
    const refused = slurmInfoOf({
      executor: 'slurm',
      slurm: {
        script: 'slurm/array.sbatch',
        options: {},
        submissions: [],
        refused: { message: 'sbatch: error: invalid partition', at: 'x' },
      },
    });
    assert.deepEqual(refused?.jobIds, []);
    assert.equal(refused?.refused, 'sbatch: error: invalid partition');
    assert.notEqual(slurmSignature(info ?? { jobIds: [] }), slurmSignature({ jobIds: ['123'] }));
  });
});
