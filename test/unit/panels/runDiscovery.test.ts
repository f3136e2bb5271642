import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { listRuns } from '../../../src/panels/runDiscovery';
import { aLiveRun, aRun, aSweepRun, writeSweep } from '../../helpers/runFolders';
import { tempDir } from '../../helpers/runs';

describe('listRuns', () => {
  it('lists runs and sweep members under the roots, newest first', async () => {
    const root = tempDir();
    const older = aRun(root, 'a').withManifest({ startedAt: '2026-01-01T00:00:00.000Z' }).write();
    const newer = aRun(root, 'b').withManifest({ startedAt: '2026-02-01T00:00:00.000Z' }).write();
    const sweep = writeSweep(root, 'a', 'sweep-1', []);
    const member = aSweepRun(sweep, 'a', 0)
      .withManifest({ startedAt: '2026-01-15T00:00:00.000Z' })
      .write();
    const runs = await listRuns([root, path.join(root, 'missing')], []);
    assert.deepEqual(
      runs.map((r) => r.runDir),
      [newer, member, older],
    );
    assert.equal(runs[0].status, 'done');
    assert.match(runs[1].configPath ?? '', /job-000/);
  });

  it('adds live runs outside the roots and lets live state win', async () => {
    const root = tempDir();
    const onDisk = aRun(root, 'a').withStatus('running').write();
    const elsewhere = path.join(tempDir(), 'x', 'fresh');
    const live = [
      aLiveRun({ key: 'run-1', runDir: onDisk, state: 'cancelled', step: 130 }),
      aLiveRun({
        key: 'run-2',
        runDir: elsewhere,
        state: 'starting',
        configPath: '/w/x.replens.json',
      }),
      aLiveRun({ key: 'run-3', state: 'queued' }),
    ];
    const runs = await listRuns([root], live);
    assert.deepEqual(
      runs.map((r) => [r.runDir, r.status]),
      [
        [elsewhere, 'starting'],
        [onDisk, 'cancelled'],
      ],
    );
    assert.equal(runs[0].configPath, '/w/x.replens.json');
    assert.equal(runs[1].step, 130);
  });
});
