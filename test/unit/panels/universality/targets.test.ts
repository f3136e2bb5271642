import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import {
  externalListing,
  panelFolders,
  splitSources,
  sweepsOfRuns,
  universalityCommands,
} from '../../../../src/panels/universality/targets';
import { isSweepFolder, sweepOfRun } from '../../../../src/storage/runLayout';
import { encodeSafetensors } from '../../../../src/storage/safetensors';

const sweep = '/w/.replens/runs/family/sweep-20260101T000000Z';

describe('universality command targets', () => {
  it('opens each command on its own view, asking for runs or a sweep when given nothing', () => {
    assert.deepEqual(
      universalityCommands.map((c) => [c.id, c.view, c.pick]),
      [
        ['replens.showCka', 'layers', 'one'],
        ['replens.compareRunsCka', 'runs', 'many'],
        ['replens.showStitching', 'stitching', 'many'],
        ['replens.showStarvation', 'starvation', 'sweep'],
      ],
    );
  });

  it('finds the sweep a run lies in', () => {
    assert.equal(sweepOfRun(`${sweep}/r3`), sweep);
    assert.equal(sweepOfRun('/w/.replens/runs/family/20260101T000000Z-ab12'), undefined);
    assert.equal(isSweepFolder(sweep), true);
    assert.equal(isSweepFolder(`${sweep}/r3`), false);
    assert.deepEqual(sweepsOfRuns([`${sweep}/r1`, '/w/solo', `${sweep}/r2`, '/x/sweep-2/r1']), [
      { sweepDir: sweep, runs: 2 },
      { sweepDir: '/x/sweep-2', runs: 1 },
    ]);
  });

  it('widens a single sweep member to its sweep where runs are compared', () => {
    assert.deepEqual(panelFolders('layers', [`${sweep}/r1`]), [`${sweep}/r1`]);
    assert.deepEqual(panelFolders('runs', [`${sweep}/r1`]), [sweep]);
    assert.deepEqual(panelFolders('stitching', [`${sweep}/r1`]), [sweep]);
    assert.deepEqual(panelFolders('stitching', [`${sweep}/r1`, `${sweep}/r2`]), [
      `${sweep}/r1`,
      `${sweep}/r2`,
    ]);
    assert.deepEqual(panelFolders('runs', ['/w/solo']), ['/w/solo']);
    assert.deepEqual(panelFolders('runs', [sweep]), [sweep]);
  });

  it('always opens the starvation curves on sweeps', () => {
    assert.deepEqual(panelFolders('starvation', [`${sweep}/r1`, `${sweep}/r2`, sweep]), [sweep]);
    assert.deepEqual(panelFolders('starvation', ['/w/solo']), ['/w/solo']);
  });
});

describe('external folders in the universality panel', () => {
  it('lists an external folder on the host and leaves run folders to the worker', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replens-ext-'));
    const file = path.join(dir, 'activations', 'step-3.safetensors');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const x = { dtype: 'F32' as const, shape: [4, 2], data: new Float32Array(8).fill(1) };
    fs.writeFileSync(file, encodeSafetensors(new Map([['head', x]]), {}));
    const listing = externalListing(dir);
    assert.deepEqual(listing, {
      runDir: dir,
      runId: path.basename(dir),
      experiment: 'external',
      status: 'done',
      label: path.basename(dir),
      task: 'activations',
      model: 'external',
      checkpoints: 1,
    });
    assert.deepEqual(splitSources([dir, sweep]), { external: [listing], runFolders: [sweep] });
    assert.equal(externalListing(sweep), undefined);
  });
});
