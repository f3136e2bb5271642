/**
 * The thread side of ./threadShard.ts: one `LocalRowShard` on this thread's own wasm backend,
 * driven by messages in order. Started with `workerData = { chunkRows }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { initBackend } from '../../backend';
import { LocalRowShard } from './rowShard';
import type { ShardReply, ShardRequest } from './threadShard';

const port = parentPort;
if (port !== null) {
  const shard = new LocalRowShard((workerData as { chunkRows: number }).chunkRows);
  const ready = initBackend('wasm');
  const reply = (m: ShardReply, transfer: ArrayBuffer[] = []): void =>
    port.postMessage(m, transfer);
  port.on('message', (m: ShardRequest) => {
    void ready
      .then(() => {
        if (m.kind === 'add') {
          shard.add(m.rows, m.cols, m.data);
          return;
        }
        shard.partialsNow(m.i, m.js, (j, values) =>
          reply({ kind: 'partial', id: m.id, j, values }, [values.buffer as ArrayBuffer]),
        );
        reply({ kind: 'done', id: m.id });
      })
      .catch((e: unknown) => reply({ kind: 'error', message: String(e) }));
  });
}
