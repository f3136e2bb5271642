/**
 * Starts worker processes (dist/worker.js) and talks to them over one typed Endpoint. One process
 * per job: a run, or one analysis request. Killing the process is the hard cancel.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { Endpoint } from '../shared/protocol/endpoint';
import { ipcTransport } from '../shared/protocol/ipcTransport';
import type { HostReceives, WorkerServes } from '../shared/protocol/workerProtocol';
import type { Disposable } from '../util/emitter';

/** A live worker: its endpoint, how to kill it, and how it ended. */
export interface WorkerHandle extends Disposable {
  endpoint: Endpoint<HostReceives, WorkerServes>;
  /** Resolves once the worker announced itself (tfjs not yet loaded). */
  ready: Promise<void>;
  /** Resolves with the exit code (or signal name) when the process ends. */
  exited: Promise<number | string>;
  kill(): void;
  /**
   * Closes the IPC channel without killing: the worker stops its run after the current step,
   * saves a checkpoint, marks the run cancelled and exits (used when the window closes).
   */
  release(): void;
  pid: number | undefined;
}

/** Starts workers; the extension and tests share this implementation. */
export type WorkerFactory = () => WorkerHandle;

export interface WorkerOptions {
  /** Absolute path of dist/worker.js. */
  workerScript: string;
  /** Node executable, read at every fork; empty = the current runtime (with ELECTRON_RUN_AS_NODE). */
  nodePath?: () => string;
  /** Receives the worker's stderr (tfjs warnings, crashes). */
  onStderr?: (text: string) => void;
}

/** Returns a factory that forks `workerScript` for every job. */
export function forkingWorkerFactory(opts: WorkerOptions): WorkerFactory {
  return () => {
    const nodePath = opts.nodePath?.() ?? '';
    const child = fork(opts.workerScript, [], {
      execPath: nodePath !== '' ? nodePath : process.execPath,
      execArgv: [],
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    child.stderr?.on('data', (d: Buffer) => opts.onStderr?.(d.toString()));
    return wrap(child);
  };
}

function wrap(child: ChildProcess): WorkerHandle {
  const endpoint = new Endpoint<HostReceives, WorkerServes>(ipcTransport(child));
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
    child.once('error', (e) => resolve(e.message));
  });
  const ready = new Promise<void>((resolve, reject) => {
    const sub = endpoint.on('worker/ready', () => {
      sub.dispose();
      resolve();
    });
    void exited.then((code) =>
      reject(new Error(`worker exited (${String(code)}) before it was ready`)),
    );
  });
  void exited.then(() => endpoint.dispose());
  const kill = (): void => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
    }
  };
  const release = (): void => {
    if (child.connected) {
      child.disconnect();
    }
  };
  return { endpoint, ready, exited, kill, release, pid: child.pid, dispose: kill };
}
