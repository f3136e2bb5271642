/** Runs a function against a freshly forked dist/worker.js, killing the worker afterwards. */
import * as path from 'node:path';
import { forkingWorkerFactory, type WorkerHandle } from '../../src/runs/workerClient';
import { repoRoot } from './cli';

/** Starts workers from the built bundle (run `npm run build` first). */
export const workers = forkingWorkerFactory({
  workerScript: path.join(repoRoot, 'dist', 'worker.js'),
});

/** Forks a worker, waits until it is ready, runs `f` with it, then kills it. */
export async function withWorker<T>(f: (w: WorkerHandle) => Promise<T>): Promise<T> {
  const w = workers();
  try {
    await w.ready;
    return await f(w);
  } finally {
    w.kill();
    await w.exited;
  }
}
