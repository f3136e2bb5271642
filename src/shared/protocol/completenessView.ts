/**
 * Host ↔ completeness webview protocol (`replens.completeness` panels). A panel shows one of two
 * things, fixed by its key:
 *
 * - `results`: the completeness study of a run folder or a sweep folder (`SweepCompleteness`);
 * - `initial`: the step-0 preview of a config, computed without training (`InitialCompleteness`).
 *
 * `view/ready` answers at once with the panel's identity and mode; the webview then asks for the
 * data (`completeness/load`), which the host computes in a worker; the Refresh button asks again.
 * When what the data comes from changes (a run under the folder changes state, or the config is
 * saved) the host sends `completeness/changed`; the webview reloads once the change `settled`.
 */
import type { InitialCompleteness, SweepCompleteness } from '../completenessResults';
import {
  type CommonHostRequests,
  type CommonViewRequests,
  type ViewReadyRequest,
} from './panelProtocol';

/** Which kind of data a completeness panel shows. */
export type CompletenessMode = 'results' | 'initial';

/** The `view/ready` result. */
export interface CompletenessSnapshot {
  /** The panel key: the absolute run or sweep folder, or the config's URI (initial mode). */
  key: string;
  /** Panel title, e.g. "Completeness: sweep-embed-dim". */
  title: string;
  mode: CompletenessMode;
  /** The folder or config file path the data comes from (for display). */
  source: string;
}

/** The `completeness/load` result, tagged with the mode. */
export type CompletenessData =
  | { mode: 'results'; results: SweepCompleteness }
  | { mode: 'initial'; initial: InitialCompleteness };

/** What the extension host serves to a completeness webview. */
export type CompletenessHostServes = {
  requests: ViewReadyRequest<CompletenessSnapshot> &
    CommonHostRequests & {
      /** Computes (or reads the cached) completeness of the panel's source, in a worker. */
      'completeness/load': { params: Record<string, never>; result: CompletenessData };
    };
  events: Record<string, never>;
};

/** What a completeness webview serves and receives. */
export type CompletenessViewServes = {
  requests: CommonViewRequests;
  events: {
    /**
     * The source changed: `detail` says how ("run r3: done", "config saved"). `settled` is true
     * when new data is worth computing now (a run ended, the config was saved); otherwise the
     * shown data is only marked as outdated.
     */
    'completeness/changed': { detail: string; settled: boolean };
  };
};
