import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { initBackend } from '../../../src/engine/backend';
import { createSession } from '../../../src/engine/train/session';
import { resumeRun, startRun } from '../../../src/runner/runExperiment';
import { readManifest, readMetrics } from '../../../src/storage/runStore';
import { writeIndexNpy } from '../../helpers/npyIndices';
import { tempDir, tinyConfig } from '../../helpers/runs';

const out = tempDir();

describe('a run with a given split (wasm backend)', () => {
  before(async () => {
    await initBackend('wasm');
  });

  it('trains exactly as the random split whose train indices it is given', async () => {
    const random = tinyConfig();
    const session = createSession(random);
    const { train, test } = session.dataset;
    session.dispose();
    const file = path.join(out, 'train.npy');
    writeIndexNpy(file, [...train].reverse());
    const given = tinyConfig({ task: { trainFraction: 0.5, split: { trainIndices: file } } });
    const givenSession = createSession(given, { trainIndices: Int32Array.from(train) });
    assert.deepEqual(givenSession.dataset.train, train);
    assert.deepEqual(givenSession.dataset.test, test);
    givenSession.dispose();

    const a = await startRun({ config: random, outRoot: path.join(out, 'random') });
    const b = await startRun({ config: given, outRoot: path.join(out, 'given') });
    assert.equal(b.status, 'done', b.error);
    assert.deepEqual(readMetrics(b.runDir), readMetrics(a.runDir));
    const m = readManifest(b.runDir);
    assert.equal(m.split?.trainIndices, file);
    assert.match(m.split?.sha256 ?? '', /^[0-9a-f]{64}$/);
    assert.deepEqual([m.split?.train, m.split?.test], [train.length, test.length]);
    assert.equal(readManifest(a.runDir).split, undefined, 'no split field without a given split');
  });

  it('refuses to resume when the split file changed since the run started', async () => {
    const file = path.join(out, 'resume.npy');
    writeIndexNpy(file, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const config = tinyConfig({ task: { split: { trainIndices: file } } });
    const r = await startRun({ config, outRoot: path.join(out, 'resume') });
    assert.equal(r.status, 'done', r.error);
    writeIndexNpy(file, [1, 2, 3]);
    await assert.rejects(
      resumeRun({ runDir: r.runDir }),
      /resume\.npy: changed since the run started/,
    );
  });

  it('refuses a bad split file before making a run folder', async () => {
    const config = tinyConfig({ task: { split: { trainIndices: path.join(out, 'none.npy') } } });
    await assert.rejects(
      startRun({ config, outRoot: path.join(out, 'bad') }),
      /task\.split\.trainIndices .*none\.npy: file not found/,
    );
    assert.equal(fs.existsSync(path.join(out, 'bad')), false);
  });
});
