import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runFiles } from '../../../src/storage/runLayout';
import {
  readSweepFolder,
  readSweepState,
  readSweepStateAsync,
} from '../../../src/storage/sweepStore';
import { aSweepRun, writeSweep } from '../../helpers/runFolders';

const pending = (index: number) => ({
  index,
  seed: index,
  overrides: {},
  status: 'pending' as const,
});

describe('sweepStore', () => {
  let root: string;
  let sweepDir: string;
  let done: string;
  let running: string;

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'replens-sweepstore-'));
    sweepDir = writeSweep(root, 'exp', 'sweep-a', [0, 1, 2, 3].map(pending));
    // Job 0 ran twice: the newer run counts.
    aSweepRun(sweepDir, 'exp', 0)
      .withStatus('failed')
      .withManifest({ startedAt: '2026-01-01T00:00:00.000Z', error: 'killed' })
      .write();
    done = aSweepRun(sweepDir, 'exp', 0)
      .withManifest({ startedAt: '2026-01-02T00:00:00.000Z' })
      .write();
    running = aSweepRun(sweepDir, 'exp', 1).withStatus('running', 120).write();
    // Job 2: a damaged manifest counts as no run folder; job 3 never started.
    const damaged = aSweepRun(sweepDir, 'exp', 2).write();
    fs.writeFileSync(path.join(damaged, runFiles.manifest), '{"formatVersion": 1, "status":');
    // Folders that are not run folders: the task logs and a folder without run.json.
    fs.mkdirSync(path.join(sweepDir, 'slurm'));
    fs.writeFileSync(path.join(sweepDir, 'slurm', '12_0.out'), 'log\n');
    fs.mkdirSync(path.join(sweepDir, 'stray'));
  });

  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('derives each job from its newest readable run folder', () => {
    const state = readSweepState(sweepDir);
    assert.deepEqual(
      state.runs.map((r) => [r.index, r.status, r.runDir, r.error]),
      [
        [0, 'done', done, undefined],
        [1, 'running', running, undefined],
        [2, 'pending', undefined, undefined],
        [3, 'pending', undefined, undefined],
      ],
    );
    assert.equal(state.runs[0].final?.step, 500);
  });

  it('readSweepFolder also hands back each run folder manifest it read (step and steps)', () => {
    const { state, manifests } = readSweepFolder(sweepDir);
    assert.deepEqual(state, readSweepState(sweepDir));
    assert.equal(manifests.size, 3, 'both runs of job 0 and the run of job 1');
    assert.deepEqual([manifests.get(running)?.lastStep, manifests.get(running)?.steps], [120, 500]);
    assert.equal(manifests.get(done)?.status, 'done');
  });

  it('a manifest is read for its sweep fields only: a damaged config does not hide the run', () => {
    const other = writeSweep(root, 'exp', 'sweep-b', [pending(0)]);
    const runDir = aSweepRun(other, 'exp', 0).write();
    const file = path.join(runDir, runFiles.manifest);
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(file, JSON.stringify({ ...manifest, config: 'not an object' }));
    assert.equal(readSweepState(other).runs[0].status, 'done');
  });

  it('readSweepStateAsync reads the same state, and undefined where there is no index', async () => {
    assert.deepEqual(await readSweepStateAsync(sweepDir), readSweepState(sweepDir));
    assert.equal(await readSweepStateAsync(path.join(root, 'nowhere')), undefined);
  });
});
