/**
 * Transport over Node's child-process IPC channel, for either end: the host passes the
 * ChildProcess, the worker passes `process`. Structural types keep this file free of Node imports.
 */
import type { Envelope, Transport } from './endpoint';

/** The subset of ChildProcess / process used for IPC. */
export interface IpcPort {
  send?(message: unknown, callback: (error: Error | null) => void): boolean;
  connected?: boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

/** Wraps an IPC port; posting after the channel closed is ignored (the peer is gone). */
export function ipcTransport(port: IpcPort): Transport {
  return {
    post: (msg: Envelope) => {
      if (port.connected === false) {
        return; // channel closed: the peer is gone; its exit is reported separately
      }
      // The callback keeps a send that races the channel closing from becoming an 'error' event.
      port.send?.(msg, () => undefined);
    },
    onMessage: (cb) => {
      port.on('message', cb);
      return { dispose: () => void port.off('message', cb) };
    },
  };
}
