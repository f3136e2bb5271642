/**
 * Host ↔ POLCA webview protocol (`replens.polca` panels). A panel shows the POLCA analysis and the
 * Hessian spectrum of one run folder, fixed by its key (the absolute run folder), in two views:
 * the clusters of loss-change trajectories per output token (with the loss baseline and the basis
 * controls beside POLCA), and the top Hessian eigenvalues over the checkpoints.
 *
 * `view/ready` answers at once with the panel's identity and the view a command asked for; each
 * view then asks for its data (`polca/load`, `polca/hessian`), which the host computes in a worker
 * (one per kind, so the spectrum does not cancel POLCA). A POLCA takes minutes: while a request
 * runs the host forwards the worker's progress as `polca/progress`, and `polca/cancel` kills that
 * job (its request then fails). When a command asks an open panel for another view the host sends
 * `polca/show`; when the run changes state the host sends `polca/changed` (the page marks its
 * results outdated and recomputes on Refresh).
 */
import type { HessianRequestOptions, PolcaRequestOptions } from './analysisProtocol';
import type { HessianResult, PolcaResult } from '../polcaResults';
import {
  type CommonHostRequests,
  type CommonViewRequests,
  type ViewReadyRequest,
} from './panelProtocol';

/** The views of the panel, in tab order. */
export const polcaViews = ['clusters', 'spectrum'] as const;
export type PolcaViewId = (typeof polcaViews)[number];

/** The two kinds of job a panel runs (each in a worker of its own). */
export const polcaJobs = ['polca', 'hessian'] as const;
export type PolcaJob = (typeof polcaJobs)[number];

/** The `view/ready` result. */
export interface PolcaSnapshot {
  /** The panel key: the absolute run folder. */
  key: string;
  /** Panel title, e.g. "POLCA: addition · 20260101T000000Z-ab12". */
  title: string;
  runDir: string;
  /** The view the panel was last asked to show. */
  view: PolcaViewId;
}

/** Progress of a job, as the worker reports it: `done` of `total` units of `what`. */
export interface PolcaProgress {
  job: PolcaJob;
  done: number;
  total: number;
  what: string;
}

/** What the extension host serves to a POLCA webview. */
export type PolcaHostServes = {
  requests: ViewReadyRequest<PolcaSnapshot> &
    CommonHostRequests & {
      /** POLCA of the panel's run (cached by the worker in the run's `analyses/`). */
      'polca/load': { params: { options?: PolcaRequestOptions }; result: PolcaResult };
      /** The standalone Hessian spectrum of the panel's run. */
      'polca/hessian': { params: { options?: HessianRequestOptions }; result: HessianResult };
      /** Kills the job's worker, if one runs; its pending request fails. */
      'polca/cancel': { params: { job: PolcaJob }; result: { cancelled: boolean } };
    };
  events: Record<string, never>;
};

/** What a POLCA webview serves and receives. */
export type PolcaViewServes = {
  requests: CommonViewRequests;
  events: {
    /** Progress of a running job. */
    'polca/progress': PolcaProgress;
    /** The run changed state (`settled` once it ended); the shown results may be outdated. */
    'polca/changed': { detail: string; settled: boolean };
    /** A command asked the open panel for a view. */
    'polca/show': { view: PolcaViewId };
  };
};
