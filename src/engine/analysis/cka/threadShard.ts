/**
 * A share of a heatmap's rows held by another thread (./rowShardThread.ts, bundled as
 * dist/ckaThread.js), each thread with its own wasm backend: tfjs wasm runs one thread per backend
 * under Node, so a heatmap split by rows between k threads multiplies on k cores. Rows go over as
 * transferred float32 buffers, partial products come back as transferred float64 buffers
 * ([p, p] per pair, ≈ 4.7 MB at p = 768).
 *
 * Measured (bench/cka-folder, 2 cores): two threads multiply ≈ 1.5–1.9× faster than one.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PartialSink, RowShard } from './rowShard';

/** Messages to the thread. */
export type ShardRequest =
  | { kind: 'add'; rows: number; cols: number; data: Float32Array }
  | { kind: 'partials'; id: number; i: number; js: number[] };

/** Messages from the thread. */
export type ShardReply =
  | { kind: 'partial'; id: number; j: number; values: Float64Array }
  | { kind: 'done'; id: number }
  | { kind: 'error'; message: string };

/** The thread's script: the bundle beside this one, or the source file when run through tsx. */
export function shardThreadScript(): string {
  if (__filename.endsWith('.ts')) {
    return path.join(__dirname, 'rowShardThread.ts');
  }
  return path.join(__dirname, 'ckaThread.js');
}

/** Whether the thread's script is there (a bundle built without it runs in one thread). */
export function shardThreadsAvailable(): boolean {
  return fs.existsSync(shardThreadScript());
}

interface Pending {
  sink: PartialSink;
  resolve: () => void;
  reject: (e: Error) => void;
}

/** A share of the rows in a worker thread. */
export class ThreadRowShard implements RowShard {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failure: Error | undefined;

  constructor(chunkRows: number) {
    const script = shardThreadScript();
    const options = { workerData: { chunkRows } };
    this.worker = script.endsWith('.ts')
      ? // From source (tests, scripts) the thread loads TypeScript through tsx, as its parent does.
        new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(script)});`, {
          ...options,
          eval: true,
        })
      : new Worker(script, options);
    this.worker.on('message', (m: ShardReply) => this.receive(m));
    this.worker.on('error', (e) => this.fail(e));
    this.worker.on('exit', (code) => this.fail(new Error(`a CKA thread exited (code ${code})`)));
  }

  add(rows: number, cols: number, data: Float32Array): void {
    this.throwIfFailed();
    const message: ShardRequest = { kind: 'add', rows, cols, data };
    this.worker.postMessage(message, [data.buffer as ArrayBuffer]);
  }

  partials(i: number, js: readonly number[], sink: PartialSink): Promise<void> {
    this.throwIfFailed();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { sink, resolve, reject });
      const message: ShardRequest = { kind: 'partials', id, i, js: [...js] };
      this.worker.postMessage(message);
    });
  }

  async dispose(): Promise<void> {
    this.failure ??= new Error('the CKA threads were stopped');
    await this.worker.terminate();
  }

  private receive(m: ShardReply): void {
    if (m.kind === 'error') {
      this.fail(new Error(m.message));
      return;
    }
    const p = this.pending.get(m.id);
    if (p === undefined) {
      return;
    }
    if (m.kind === 'partial') {
      p.sink(m.j, m.values);
    } else {
      this.pending.delete(m.id);
      p.resolve();
    }
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const p of this.pending.values()) {
      p.reject(this.failure);
    }
    this.pending.clear();
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) {
      throw this.failure;
    }
  }
}
