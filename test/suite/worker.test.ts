import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { forkingWorkerFactory, type WorkerHandle } from '../../src/runs/workerClient';
import { fixturePath, replensExtension, workspaceRoot } from './helpers';

suite('training worker', () => {
  let worker: WorkerHandle | undefined;
  teardown(() => worker?.dispose());

  test('dist/worker.js trains the tiny config to done under the host runtime', async function () {
    this.timeout(120_000);
    const stderr: string[] = [];
    const fork = forkingWorkerFactory({
      workerScript: path.join(replensExtension().extensionPath, 'dist', 'worker.js'),
      onStderr: (t) => stderr.push(t),
    });
    worker = fork();
    await worker.ready;
    const configPath = fixturePath('tiny.replens.json');
    const result = await worker.endpoint.request(
      'run/start',
      {
        configText: fs.readFileSync(configPath, 'utf8'),
        configPath,
        outRoot: path.join(workspaceRoot(), '.replens', 'runs'),
      },
      110_000,
    );
    assert.equal(result.status, 'done', `worker stderr:\n${stderr.join('')}`);
    assert.ok(fs.existsSync(path.join(result.runDir, 'run.json')), 'no run.json');
  });
});
