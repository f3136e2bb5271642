/**
 * Host ↔ embedding webview protocol (`replens.embedding` panels: one run's token embedding over
 * its checkpoints). `view/ready` answers at once with the run's identity; the webview then asks
 * for the trajectory (`embedding/trajectory`, with the projection the user picked), which the
 * host computes in a worker. When the
 * run changes state (e.g. it finishes and has new checkpoints) the host sends `run/changed`.
 */
import type { EmbeddingProjectionRequest, EmbeddingTrajectoryResult } from '../embeddingResults';
import {
  type CommonHostRequests,
  type CommonViewRequests,
  type ViewReadyRequest,
} from './panelProtocol';

/** The `view/ready` result. */
export interface EmbeddingSnapshot {
  /** The panel key: the absolute run folder. */
  key: string;
  /** Short name of the run (experiment · run id). */
  title: string;
}

/** What the extension host serves to an embedding webview. */
export type EmbeddingHostServes = {
  requests: ViewReadyRequest<EmbeddingSnapshot> &
    CommonHostRequests & {
      /**
       * Computes the trajectory (in a worker) with k coordinates per point (pca and line; the
       * number of masks of walsh without `masks`) in the given projection (default: the task's).
       */
      'embedding/trajectory': {
        params: { k: 2 | 3; projection?: EmbeddingProjectionRequest };
        result: EmbeddingTrajectoryResult;
      };
    };
  events: Record<string, never>;
};

/** What an embedding webview serves and receives. */
export type EmbeddingViewServes = {
  requests: CommonViewRequests;
  events: {
    /** The run changed state; checkpoints may have been added. */
    'run/changed': { status: string; step: number };
  };
};
