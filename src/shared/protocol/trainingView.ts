/**
 * Host ↔ training webview protocol (`replens.training` panels: live curves of one run, or the
 * test curves of several runs overlaid). The webview asks for a snapshot once (`view/ready`);
 * afterwards the host sends only what is new, batched at most about four times a second.
 * Types only; the host validates what the webview sends with `trainingViewSchemas.ts`.
 */
import type { StepMetricsRecord } from '../runResult';
import type { CommonHostRequests, CommonViewRequests, ViewReadyRequest } from './panelProtocol';

/** Where a run is in its life (RunManager states, or a finished run's manifest status). */
export type TrainingRunStatus = 'queued' | 'starting' | 'running' | 'done' | 'failed' | 'cancelled';

/** Everything the view shows about one run at the moment of the snapshot. */
export interface TrainingRunSnapshot {
  /** Absolute run folder: the identity of a run in every message. */
  runDir: string;
  /** Short human name, e.g. `modadd-p59 · 20260101T120000Z-ab12`. */
  label: string;
  status: TrainingRunStatus;
  step: number;
  /** Planned number of steps (0 when not known yet). */
  total: number;
  /** Every logged metrics record so far, ascending by step. */
  metrics: StepMetricsRecord[];
  error?: string;
  backend?: string;
  /**
   * Where the run's step 0 sits on the panel's step axis: for a fine-tune shown beside its parent,
   * the parent's checkpoint step it started from (plus the parent's own offset); else absent.
   */
  stepOffset?: number;
}

/** The `view/ready` result. */
export interface TrainingSnapshot {
  /** The panel key (one run folder, or a JSON list of folders for a comparison). */
  key: string;
  title: string;
  runs: TrainingRunSnapshot[];
}

/** What changed for one run since the last batch: new records and the latest step. */
export interface RunProgressDelta {
  runDir: string;
  step: number;
  total: number;
  /** Only records not sent before, ascending by step. */
  records: StepMetricsRecord[];
}

/** A run changed state. */
export interface RunStatusEvent {
  runDir: string;
  status: TrainingRunStatus;
  step: number;
  total: number;
  error?: string;
}

/** What the extension host serves to a training webview. */
export type TrainingHostServes = {
  requests: ViewReadyRequest<TrainingSnapshot> &
    CommonHostRequests & {
      /** Stops a live run shown in this panel. */
      'run/stop': { params: { runDir: string }; result: null };
    };
  events: Record<string, never>;
};

/** What a training webview serves and receives. */
export type TrainingViewServes = {
  requests: CommonViewRequests;
  events: {
    /** Batched deltas (≤ ~4 per second), never whole arrays again. */
    'run/progress': { updates: RunProgressDelta[] };
    'run/status': RunStatusEvent;
  };
};
