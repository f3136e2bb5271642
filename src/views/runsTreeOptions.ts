/** What the runs tree's model is given: the runs roots, the live runs, the external folders. */
import type { RunChange, RunInfo } from '../runs/runManager';
import type { Event } from '../util/emitter';
import type { ExternalSource } from './externalNodes';
import type { RunsRoot } from './runsTreeNodes';
import type { SlurmStatusView } from './runsTreeSlurm';

/** What the model needs from RunManager. */
export interface LiveRuns {
  runs(): RunInfo[];
  readonly onDidChangeRun: Event<RunChange>;
}

/** Options of {@link RunsTreeModel}. */
export interface RunsTreeModelOptions {
  /** The runs roots to show, read at every listing. */
  roots: () => RunsRoot[];
  live?: LiveRuns;
  /** External folders opened in Replens, listed in a group after the experiments. */
  externals?: ExternalSource;
  /** The scheduler's state of Slurm sweeps (polled while they run). */
  slurm?: SlurmStatusView;
  /** Runs root of a config, to place runs queued in this window before they have a folder. */
  runsRootFor?: (configPath: string) => string;
  /** Coalescing window of change events (default 250 ms). */
  throttleMs?: number;
  /** A `running` manifest with no live run and no write for this long is shown interrupted. */
  staleAfterMs?: number;
  now?: () => number;
}
