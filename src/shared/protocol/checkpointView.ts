/**
 * Host ↔ checkpoint editor webview protocol (the `replens.checkpoint` custom editor for
 * `*.safetensors`). `view/ready` answers at once with the file's identity; the webview then asks
 * for the summary (`checkpoint/load`), which the host computes in a worker. A file that cannot
 * be read comes back as an error reply whose message says why.
 */
import type { CheckpointSummary } from '../embeddingResults';
import {
  type CommonHostRequests,
  type CommonViewRequests,
  type ViewReadyRequest,
} from './panelProtocol';

/** The `view/ready` result. */
export interface CheckpointSnapshot {
  /** The editor's key (unique per open editor). */
  key: string;
  /** The file's name (no folders) and its absolute path. */
  fileName: string;
  file: string;
}

/** What the extension host serves to a checkpoint editor webview. */
export type CheckpointHostServes = {
  requests: ViewReadyRequest<CheckpointSnapshot> &
    CommonHostRequests & {
      /** Reads and summarises the file (in a worker); fails with the reason for a bad file. */
      'checkpoint/load': { params: Record<string, never>; result: CheckpointSummary };
    };
  events: Record<string, never>;
};

/** What a checkpoint editor webview serves and receives. */
export type CheckpointViewServes = {
  requests: CommonViewRequests;
  events: Record<string, never>;
};
