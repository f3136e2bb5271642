import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { RemoteError } from '../../../src/shared/protocol/endpoint';
import { readManifest } from '../../../src/storage/runStore';
import { requireBuild } from '../../helpers/cli';
import { withWorker, workers } from '../../helpers/worker';
import { tempDir, tinyConfig } from '../../helpers/runs';

const out = tempDir();

describe('worker process (dist/worker.js over the typed endpoint)', () => {
  before(requireBuild);

  it('trains a config it is sent, reporting start, metrics and the result', () =>
    withWorker(async (w) => {
      const steps: number[] = [];
      let started: { runDir: string; backend: string; total: number } | undefined;
      w.endpoint.on('run/started', (p) => (started = p));
      w.endpoint.on('run/metrics', (m) => steps.push(m.step));
      const configText = JSON.stringify(tinyConfig({ train: { steps: 10 } }));
      const result = await w.endpoint.request('run/start', {
        configText,
        configPath: 'tiny.replens.json',
        outRoot: out,
        backend: 'wasm',
      });
      assert.equal(result.status, 'done');
      assert.deepEqual(steps, [0, 5, 10]);
      assert.equal(started?.backend, 'wasm');
      assert.equal(started?.total, 10);
      assert.equal(started?.runDir, result.runDir);
      assert.equal(readManifest(result.runDir).status, 'done');
    }));

  it('stops a run on run/cancel, leaving it cancelled and resumable', () =>
    withWorker(async (w) => {
      const configText = JSON.stringify(tinyConfig({ train: { steps: 5000, logEvery: 10 } }));
      w.endpoint.on('run/metrics', (m) => {
        if (m.step === 20) {
          void w.endpoint.request('run/cancel', {});
        }
      });
      const result = await w.endpoint.request('run/start', {
        configText,
        configPath: 'tiny.replens.json',
        outRoot: out,
        backend: 'wasm',
      });
      assert.equal(result.status, 'cancelled');
      assert.ok(readManifest(result.runDir).lastStep < 5000);
      const resumed = await withWorker((w2) =>
        w2.endpoint.request('run/resume', { runDir: result.runDir }),
      );
      assert.equal(resumed.status, 'done');
      assert.equal(resumed.steps, 5000);
    }));

  it('ends a run cancelled, with its files valid, when the host lets go of the worker', async () => {
    const w = workers();
    await w.ready;
    let runDir = '';
    w.endpoint.on('run/started', (p) => (runDir = p.runDir));
    w.endpoint.on('run/metrics', (m) => m.step === 20 && w.release());
    const configText = JSON.stringify(tinyConfig({ train: { steps: 50000, logEvery: 10 } }));
    w.endpoint
      .request('run/start', {
        configText,
        configPath: 'tiny.replens.json',
        outRoot: out,
        backend: 'wasm',
      })
      .catch(() => undefined); // the channel closes before a reply can come
    assert.equal(await w.exited, 0);
    const manifest = readManifest(runDir);
    assert.equal(manifest.status, 'cancelled');
    assert.ok(manifest.checkpoints.includes(manifest.lastStep));
  });

  it('rejects a bad config with file:line:col instead of crashing', () =>
    withWorker(async (w) => {
      const request = w.endpoint.request('run/start', {
        configText: '{\n "task": {"kind": "nope"}\n}',
        configPath: 'bad.replens.json',
        outRoot: out,
      });
      await assert.rejects(request, (e: unknown) => {
        assert.ok(e instanceof RemoteError);
        assert.equal(e.code, 'bad-config');
        assert.match(e.message, /^bad\.replens\.json:2:11: error:/);
        return true;
      });
    }));
});
