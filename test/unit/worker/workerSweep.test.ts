import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { experimentConfigSchema } from '../../../src/shared/experimentConfig';
import { jobConfigText, planSweepFolder } from '../../../src/shared/sweepPlan';
import { readManifest } from '../../../src/storage/runStore';
import { readSweepIndex, readSweepState } from '../../../src/storage/sweepStore';
import { requireBuild } from '../../helpers/cli';
import { tempDir, tinyConfig } from '../../helpers/runs';
import { withWorker } from '../../helpers/worker';

describe('worker sweep requests (the editor sweep folder, written by workers)', () => {
  before(requireBuild);

  it('creates the sweep folder, trains a job into it and closes its index', async () => {
    const config = experimentConfigSchema.parse({
      ...tinyConfig({ train: { steps: 10 } }),
      name: 'wsweep',
      sweep: { seeds: [1, 2] },
    });
    const sweepDir = path.join(tempDir(), 'wsweep', 'sweep-20260101T000000Z-abcd');
    const sweep = planSweepFolder(config, {
      sweepId: path.basename(sweepDir),
      sweepDir,
      configPath: '/ws/wsweep.replens.json',
      parallel: 1,
      now: new Date(0),
    });
    const created = await withWorker((w) => w.endpoint.request('sweep/create', { sweep }));
    assert.deepEqual(readSweepIndex(sweepDir), created);
    assert.deepEqual(
      created.runs.map((r) => [r.seed, r.status]),
      [
        [1, 'pending'],
        [2, 'pending'],
      ],
    );
    for (const job of sweep.jobs) {
      assert.equal(fs.readFileSync(job.configFile, 'utf8'), jobConfigText(job));
    }
    const job = sweep.jobs[0];
    const result = await withWorker((w) =>
      w.endpoint.request('run/start', {
        configText: jobConfigText(job),
        configPath: job.configFile,
        outRoot: sweepDir,
        flat: true,
        backend: 'wasm',
      }),
    );
    assert.equal(
      path.dirname(result.runDir),
      sweepDir,
      'the run lies directly in the sweep folder',
    );
    assert.equal(readManifest(result.runDir).configPath, job.configFile);
    assert.equal(readSweepState(sweepDir).runs[0].status, 'done', 'derived from the run folder');
    const final = await withWorker((w) =>
      w.endpoint.request('sweep/finish', {
        sweepDir,
        outcomes: { 1: { status: 'cancelled' } },
      }),
    );
    assert.deepEqual(readSweepIndex(sweepDir), final);
    assert.deepEqual(
      final.runs.map((r) => [r.status, r.runDir, r.final?.step]),
      [
        ['done', result.runDir, 10],
        ['cancelled', undefined, undefined],
      ],
    );
  });
});
