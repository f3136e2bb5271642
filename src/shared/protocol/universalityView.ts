/**
 * Host ↔ universality webview protocol (`replens.universality` panels). A panel shows the
 * universality analyses of the runs under one or more run or sweep folders, fixed by its key (the
 * sorted absolute folders), in four views: CKA between a run's layers, CKA between runs, stitching
 * between two runs, and the starvation curves of a sweep.
 *
 * `view/ready` answers at once with the panel's identity and the view a command asked for; each
 * view then asks for its data on demand (`universality/…`), which the host computes in a worker
 * (one worker per kind of request, so views do not cancel each other). When a command asks an open
 * panel for another view the host sends `universality/show`. When a run under one of the folders
 * changes state, or a sweep index in one of them is rewritten, the host sends
 * `universality/changed`; the webview reloads once the change `settled`.
 */
import type { RunListing } from './analysisProtocol';
import type {
  CkaEstimator,
  CkaRunsComparison,
  RunCkaLayers,
  StarvationResult,
  StitchingResult,
} from '../universalityResults';
import {
  type CommonHostRequests,
  type CommonViewRequests,
  type ViewReadyRequest,
} from './panelProtocol';

/** The views of the panel, in tab order. */
export const universalityViews = ['layers', 'runs', 'stitching', 'starvation'] as const;
export type UniversalityViewId = (typeof universalityViews)[number];

/** Largest number of permutations a view may ask for. */
export const maxPermutations = 10_000;

/** The `view/ready` result. */
export interface UniversalitySnapshot {
  /** The panel key: the sorted absolute folders, one per line. */
  key: string;
  /** Panel title, e.g. "Universality: sweep-20260101T000000Z". */
  title: string;
  /** The run or sweep folders the runs come from (absolute, sorted). */
  sources: string[];
  /** The view the panel was last asked to show. */
  view: UniversalityViewId;
}

/** Runs and sweeps found under the panel's folders. */
export interface UniversalityRuns {
  runs: RunListing[];
  sweeps: string[];
}

/** CKA settings the views choose. */
export interface CkaChoice {
  estimator: CkaEstimator;
  /** Permutations of each cell's null (0: no significance test). */
  permutations: number;
}

/** What the extension host serves to a universality webview. */
export type UniversalityHostServes = {
  requests: ViewReadyRequest<UniversalitySnapshot> &
    CommonHostRequests & {
      /** The runs and sweeps under the panel's folders (for the run and sweep selects). */
      'universality/runs': { params: Record<string, never>; result: UniversalityRuns };
      /** CKA between the layers of one run (under the panel's folders) at every checkpoint. */
      'universality/ckaLayers': {
        params: CkaChoice & { runDir: string };
        result: RunCkaLayers;
      };
      /** CKA between every finished run under the panel's folders at one layer. */
      'universality/ckaRuns': {
        params: CkaChoice & { layer?: string };
        result: CkaRunsComparison;
      };
      /** Stitching between two runs under the panel's folders, both directions, with controls. */
      'universality/stitching': { params: { from: string; to: string }; result: StitchingResult };
      /** The starvation summary of a sweep under (or among) the panel's folders. */
      'universality/starvation': { params: { source: string }; result: StarvationResult };
    };
  events: Record<string, never>;
};

/** What a universality webview serves and receives. */
export type UniversalityViewServes = {
  requests: CommonViewRequests;
  events: {
    /**
     * The runs changed: `detail` says how ("run r3: done", "sweep index updated"). `settled` is
     * true when new data is worth computing now (a run ended, the sweep index was rewritten);
     * otherwise the shown data is only marked as outdated.
     */
    'universality/changed': { detail: string; settled: boolean };
    /** A command asked the open panel for a view. */
    'universality/show': { view: UniversalityViewId };
  };
};
