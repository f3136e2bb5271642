/**
 * Host ↔ rule-extrapolation webview protocol (`replens.extrapolation` panels). A panel compares
 * the runs of one or more run or sweep folders, fixed by its key (the sorted absolute folders).
 *
 * `view/ready` answers at once with the panel's identity; the webview then asks for the data
 * (`extrapolation/load`), which the host computes in a worker; the Refresh button asks again.
 * When a run under one of the folders changes state, or a sweep index in one of them is
 * rewritten, the host sends `extrapolation/changed`; the webview reloads once the change
 * `settled`.
 */
import type { ExtrapolationComparison } from '../extrapolationResults';
import {
  type CommonHostRequests,
  type CommonViewRequests,
  type ViewReadyRequest,
} from './panelProtocol';

/** The `view/ready` result. */
export interface ExtrapolationSnapshot {
  /** The panel key: the sorted absolute folders, one per line. */
  key: string;
  /** Panel title, e.g. "Rule Extrapolation: anbn-sweep". */
  title: string;
  /** The run or sweep folders the runs come from (absolute, sorted; for display). */
  sources: string[];
}

/** What the extension host serves to a rule-extrapolation webview. */
export type ExtrapolationHostServes = {
  requests: ViewReadyRequest<ExtrapolationSnapshot> &
    CommonHostRequests & {
      /** Computes (or reads the cached) rule extrapolation of the panel's folders, in a worker. */
      'extrapolation/load': { params: Record<string, never>; result: ExtrapolationComparison };
    };
  events: Record<string, never>;
};

/** What a rule-extrapolation webview serves and receives. */
export type ExtrapolationViewServes = {
  requests: CommonViewRequests;
  events: {
    /**
     * The runs changed: `detail` says how ("run r3: done", "sweep index updated"). `settled` is
     * true when new data is worth computing now (a run ended, the sweep index was rewritten);
     * otherwise the shown data is only marked as outdated.
     */
    'extrapolation/changed': { detail: string; settled: boolean };
  };
};
