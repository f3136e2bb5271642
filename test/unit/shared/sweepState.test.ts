import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { experimentConfigSchema } from '../../../src/shared/experimentConfig';
import { sweepExitStatus } from '../../../src/shared/sweepExecutor';
import {
  initialSweepIndex,
  jobConfigFile,
  jobIndexOfConfig,
  planSweepFolder,
} from '../../../src/shared/sweepPlan';
import { deriveSweepIndex } from '../../../src/shared/sweepState';

const config = experimentConfigSchema.parse({
  name: 'grid',
  task: { kind: 'modular-addition', p: 7 },
  sweep: { seeds: [3, 4], grid: { 'model.embedDim': [8, 16] }, parallel: 2 },
});
const sweepDir = '/runs/grid/sweep-x';
const sweep = planSweepFolder(config, {
  sweepId: 'sweep-x',
  sweepDir,
  configPath: '/ws/grid.replens.json',
  parallel: 2,
  now: new Date(0),
});
const final = { step: 10, trainLoss: 0.1, trainAcc: 1, testLoss: 0.2, testAcc: 0.9 };

describe('planSweepFolder', () => {
  it('lays the jobs out as replens sweep does: grid cells outer, seeds inner, one config file each', () => {
    assert.equal(sweep.experiment, 'grid');
    assert.deepEqual(
      sweep.jobs.map((j) => [j.index, j.seed, j.overrides['model.embedDim'], j.configFile]),
      [
        [0, 3, 8, '/runs/grid/sweep-x/configs/job-000.replens.json'],
        [1, 4, 8, '/runs/grid/sweep-x/configs/job-001.replens.json'],
        [2, 3, 16, '/runs/grid/sweep-x/configs/job-002.replens.json'],
        [3, 4, 16, '/runs/grid/sweep-x/configs/job-003.replens.json'],
      ],
    );
    assert.equal(jobIndexOfConfig(sweep.jobs[3].configFile), 3);
    assert.equal(jobIndexOfConfig('/ws/grid.replens.json'), undefined);
    assert.equal(jobConfigFile('C:\\runs\\s', 7), 'C:\\runs\\s\\configs\\job-007.replens.json');
    const index = initialSweepIndex(sweep);
    assert.deepEqual(
      { ...index, runs: index.runs.map((r) => r.status) },
      {
        formatVersion: index.formatVersion,
        sweepId: 'sweep-x',
        experiment: 'grid',
        configPath: '/ws/grid.replens.json',
        createdAt: '1970-01-01T00:00:00.000Z',
        parallel: 2,
        runs: ['pending', 'pending', 'pending', 'pending'],
      },
    );
  });
});

describe('deriveSweepIndex', () => {
  it('takes the state of jobs with a run folder from their manifests, the newest run per job', () => {
    const index = initialSweepIndex(sweep);
    index.runs[3] = { ...index.runs[3], status: 'failed', error: 'worker exit 134' };
    const manifest = (job: number, status: 'running' | 'done', startedAt: string) => ({
      configPath: sweep.jobs[job].configFile,
      status,
      startedAt,
      ...(status === 'done' ? { final } : {}),
    });
    const derived = deriveSweepIndex(index, [
      { runDir: '/runs/grid/sweep-x/a', manifest: manifest(0, 'done', '2026-01-01T00:00:00Z') },
      { runDir: '/runs/grid/sweep-x/b', manifest: manifest(1, 'running', '2026-01-01T00:00:01Z') },
      { runDir: '/runs/grid/sweep-x/c', manifest: manifest(1, 'done', '2026-01-01T00:00:00Z') },
      { runDir: '/elsewhere', manifest: { ...manifest(0, 'done', ''), configPath: '/ws/x.json' } },
    ]);
    assert.deepEqual(
      derived.runs.map((r) => [r.status, r.runDir, r.final?.testAcc, r.error]),
      [
        ['done', '/runs/grid/sweep-x/a', 0.9, undefined],
        ['running', '/runs/grid/sweep-x/b', undefined, undefined],
        ['pending', undefined, undefined, undefined],
        ['failed', undefined, undefined, 'worker exit 134'],
      ],
    );
    assert.equal(index.runs[0].status, 'pending', 'the index passed in is left as it was');
  });

  it('gives replens sweep its exit status', () => {
    const index = initialSweepIndex(sweep);
    const withStatus = (...s: (typeof index.runs)[number]['status'][]) => ({
      ...index,
      runs: index.runs.map((r, i) => ({ ...r, status: s[i] })),
    });
    assert.equal(sweepExitStatus(withStatus('done', 'done', 'done', 'done')), 'ok');
    assert.equal(sweepExitStatus(withStatus('done', 'failed', 'done', 'done')), 'failed');
    assert.equal(sweepExitStatus(withStatus('done', 'failed', 'cancelled', 'done')), 'cancelled');
  });
});
