/**
 * Host ↔ worker protocol (the worker is a forked Node process running dist/worker.js, one per
 * job). The worker serves run and analysis requests; the host receives progress events.
 */
import type { BackendChoice } from '../experimentConfig';
import type { SweepIndex } from '../runManifest';
import type { RunResult, StepMetricsRecord } from '../runResult';
import type { SweepJobOutcome } from '../sweepExecutor';
import type { PlannedSweep } from '../sweepPlan';
import type { AnalysisRequests } from './analysisProtocol';

/** What the worker serves. */
export type WorkerServes = {
  requests: {
    /**
     * Trains a config into a new run folder under `outRoot/<experiment>/` (directly in `outRoot`
     * with `flat`, as a sweep job in its sweep folder).
     */
    'run/start': {
      /** `backend`: the editor's setting, used when the config's own `backend` is `auto`. */
      params: {
        configText: string;
        configPath: string;
        outRoot: string;
        backend?: BackendChoice;
        flat?: boolean;
      };
      result: RunResult;
    };
    /** Continues a run from its last checkpoint. */
    'run/resume': { params: { runDir: string; backend?: BackendChoice }; result: RunResult };
    /** Creates a planned sweep's folder: its job configs and `sweep.json` (all jobs pending). */
    'sweep/create': { params: { sweep: PlannedSweep }; result: SweepIndex };
    /**
     * Rewrites a sweep's index from its run folders once its jobs ended; `outcomes` (by job index)
     * say how jobs without a run folder ended.
     */
    'sweep/finish': {
      params: { sweepDir: string; outcomes: Record<number, SweepJobOutcome> };
      result: SweepIndex;
    };
    /** Stops the current run after its current step (it saves a checkpoint and ends `cancelled`). */
    'run/cancel': { params: Record<string, never>; result: null };
  } & AnalysisRequests;
  events: Record<string, never>;
};

/** What the host receives from a worker. */
export type HostReceives = {
  requests: Record<string, never>;
  events: {
    'worker/ready': { engineVersion: string; pid: number };
    'run/started': { runDir: string; runId: string; backend: string; total: number };
    'run/metrics': StepMetricsRecord;
    'run/progress': { step: number; total: number };
    /** Progress of a long analysis: `done` of `total` units (checkpoints, layer pairs, …). */
    'analysis/progress': AnalysisProgress;
  };
};

/** Progress of an analysis request. */
export interface AnalysisProgress {
  done: number;
  total: number;
  /** What is counted, e.g. "checkpoints". */
  what: string;
}
