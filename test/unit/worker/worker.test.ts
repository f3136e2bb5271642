import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import type { FromWorker, ToWorker } from '../../../src/shared/protocol/workerProtocol';
import { readManifest } from '../../../src/storage/runStore';
import { repoRoot, requireBuild } from '../../helpers/cli';
import { tempDir, tinyConfig } from '../../helpers/runs';

const out = tempDir();

/** Forks dist/worker.js, sends one request and collects messages until it ends. */
function talk(
  request: ToWorker,
  onMessage?: (m: FromWorker, send: (m: ToWorker) => void) => void,
): Promise<FromWorker[]> {
  const child = fork(path.join(repoRoot, 'dist', 'worker.js'), [], {
    serialization: 'advanced',
    stdio: 'pipe',
  });
  const seen: FromWorker[] = [];
  const send = (m: ToWorker): void => void child.send(m);
  return new Promise((resolve, reject) => {
    child.on('message', (m: FromWorker) => {
      seen.push(m);
      if (m.m === 'worker/ready') {
        send(request);
      }
      onMessage?.(m, send);
      if (m.m === 'run/ended' || m.m === 'run/error') {
        child.kill();
        resolve(seen);
      }
    });
    child.on('error', reject);
    child.on(
      'exit',
      (code) => code !== null && code !== 0 && reject(new Error(`worker exited ${code}`)),
    );
  });
}

describe('worker process', () => {
  before(requireBuild);

  it('announces itself, trains a config it is sent and reports metrics and the result', async () => {
    const configText = JSON.stringify(tinyConfig({ train: { steps: 10 } }));
    const seen = await talk({
      m: 'run/start',
      configText,
      configPath: 'tiny.replens.json',
      outRoot: out,
      backend: 'wasm',
    });
    assert.equal(seen[0].m, 'worker/ready');
    const started = seen.find((m) => m.m === 'run/started');
    assert.ok(started && started.m === 'run/started' && started.backend === 'wasm');
    const steps = seen.flatMap((m) => (m.m === 'run/metrics' ? [m.step] : []));
    assert.deepEqual(steps, [0, 5, 10]);
    const ended = seen[seen.length - 1];
    assert.ok(ended.m === 'run/ended');
    assert.equal(readManifest(started.runDir).status, 'done');
  });

  it('stops a run on run/cancel, leaving it cancelled and resumable', async () => {
    const configText = JSON.stringify(tinyConfig({ train: { steps: 5000, logEvery: 10 } }));
    let cancelled = false;
    const seen = await talk(
      {
        m: 'run/start',
        configText,
        configPath: 'tiny.replens.json',
        outRoot: out,
        backend: 'wasm',
      },
      (m, send) => {
        if (m.m === 'run/metrics' && m.step >= 20 && !cancelled) {
          cancelled = true;
          send({ m: 'run/cancel' });
        }
      },
    );
    const started = seen.find((m) => m.m === 'run/started');
    assert.ok(started?.m === 'run/started');
    const manifest = readManifest(started.runDir);
    assert.equal(manifest.status, 'cancelled');
    assert.ok(manifest.lastStep < 5000);
  });

  it('reports a bad config as an error with file:line:col instead of crashing', async () => {
    const seen = await talk({
      m: 'run/start',
      configText: '{\n "task": {"kind": "nope"}\n}',
      configPath: 'bad.replens.json',
      outRoot: out,
    });
    const err = seen[seen.length - 1];
    assert.ok(err.m === 'run/error');
    assert.match(err.message, /^bad\.replens\.json:2:11: error:/);
  });
});
