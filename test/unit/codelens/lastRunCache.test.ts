import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { LastRunCache } from '../../../src/codelens/lastRunCache';
import { type RunManifest, manifestFormatVersion } from '../../../src/shared/runManifest';
import { allRuns, newestRun } from '../../../src/storage/runFolders';
import { writeManifest } from '../../../src/storage/runStore';
import { tempDir } from '../../helpers/runs';

function manifest(runId: string, extra: Partial<RunManifest> = {}): RunManifest {
  return {
    formatVersion: manifestFormatVersion,
    runId,
    experiment: 'tiny',
    config: {},
    configHash: 'h',
    seed: 0,
    seeds: {},
    backend: { name: 'wasm', requested: 'auto', tfBackend: 'wasm', fallbacks: [] },
    versions: {},
    status: 'done',
    startedAt: `2026-11-22T10:00:0${runId.slice(-1)}Z`,
    endedAt: '2026-11-22T10:05:00Z',
    steps: 30,
    lastStep: 30,
    checkpoints: [],
    final: { step: 30, trainLoss: 0.1, trainAcc: 1, testLoss: 0.2, testAcc: 0.75 },
    resumes: [],
    wallSeconds: 1,
    ...extra,
  };
}

function writeRun(dir: string, m: RunManifest): string {
  fs.mkdirSync(dir, { recursive: true });
  writeManifest(dir, m);
  return dir;
}

/** A runs root with tiny's runs: 1 done, 2 cancelled, 3 from another config, 4 running. */
function fixture(configPath: string): string {
  const root = tempDir('replens-lens-');
  const exp = path.join(root, 'tiny');
  writeRun(path.join(exp, 'run-1'), manifest('run-1', { configPath }));
  writeRun(path.join(exp, 'run-2'), manifest('run-2', { configPath, status: 'cancelled' }));
  writeRun(path.join(exp, 'run-3'), manifest('run-3', { configPath: '/elsewhere/x.json' }));
  writeRun(path.join(exp, 'run-4'), manifest('run-4', { configPath, status: 'running' }));
  writeRun(path.join(exp, 'sweep-1', 'run-5'), manifest('run-5', { status: 'failed' }));
  fs.mkdirSync(path.join(exp, 'not-a-run'));
  return root;
}

describe('run folders', () => {
  it('newestRun picks the newest accepted run and skips sweeps and foreign folders', async () => {
    const root = fixture('/ws/tiny.replens.json');
    const found = await newestRun(path.join(root, 'tiny'), (m) => m.status !== 'running');
    assert.equal(found?.manifest.runId, 'run-3');
    assert.equal(await newestRun(path.join(root, 'missing'), () => true), undefined);
  });

  it('allRuns lists every run, sweep members included, newest first', async () => {
    const root = fixture('/ws/tiny.replens.json');
    const runs = await allRuns([root, path.join(root, 'missing')]);
    assert.deepEqual(
      runs.map((r) => r.manifest.runId),
      ['run-5', 'run-4', 'run-3', 'run-2', 'run-1'],
    );
  });
});

describe('LastRunCache', () => {
  const configPath = '/ws/tiny.replens.json';

  it('reads in the background, then serves the newest finished run of this config', async () => {
    const root = fixture(configPath);
    const cache = new LastRunCache(() => root);
    const loaded = new Promise<string>((resolve) => cache.onDidLoad(resolve));
    assert.equal(cache.get(configPath, 'tiny'), undefined);
    assert.equal(await loaded, configPath);
    const last = cache.get(configPath, 'tiny');
    assert.equal(last?.runDir, path.join(root, 'tiny', 'run-2'));
    assert.equal(last?.status, 'cancelled');
    assert.equal(last?.endedAt, Date.parse('2026-11-22T10:05:00Z'));
  });

  it('re-reads after invalidate, keeping the old value meanwhile', async () => {
    const root = fixture(configPath);
    const cache = new LastRunCache(() => root);
    const next = (): Promise<string> => new Promise((resolve) => cache.onDidLoad(resolve));
    let loaded = next();
    cache.get(configPath, 'tiny');
    await loaded;
    writeRun(path.join(root, 'tiny', 'run-6'), manifest('run-6', { configPath }));
    assert.equal(cache.get(configPath, 'tiny')?.runDir, path.join(root, 'tiny', 'run-2'));
    cache.invalidate(configPath);
    loaded = next();
    assert.equal(cache.get(configPath, 'tiny')?.runDir, path.join(root, 'tiny', 'run-2'));
    await loaded;
    const last = cache.get(configPath, 'tiny');
    assert.equal(last?.runDir, path.join(root, 'tiny', 'run-6'));
    assert.equal(last?.testAcc, 0.75);
  });

  it('without an experiment name (invalid config) it does not read', () => {
    let reads = 0;
    const cache = new LastRunCache(() => {
      reads++;
      return '/nowhere';
    });
    assert.equal(cache.get(configPath, undefined), undefined);
    assert.equal(reads, 0);
  });
});
