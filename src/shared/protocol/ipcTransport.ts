/**
 * Transport over Node's child-process IPC channel, for either end: the host passes the
 * ChildProcess, the worker passes `process`. Structural types keep this file free of Node imports.
 */
import type { Envelope, Transport } from './endpoint';

/** The subset of ChildProcess / process used for IPC. */
export interface IpcPort {
  send?(message: unknown): boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

/** Wraps an IPC port; posting after the channel closed is ignored (the peer is gone). */
export function ipcTransport(port: IpcPort): Transport {
  return {
    post: (msg: Envelope) => {
      try {
        port.send?.(msg);
      } catch {
        // channel closed: the process is exiting; its exit is reported separately
      }
    },
    onMessage: (cb) => {
      port.on('message', cb);
      return { dispose: () => void port.off('message', cb) };
    },
  };
}
