/**
 * The elements of the runs tree and the status of a run as the tree shows it: the manifest on
 * disk merged with the live state of a run this window is driving. Pure: no file system, no vscode.
 */
import * as path from 'node:path';
import type { RunInfo, RunState } from '../runs/runManager';
import type { FineTune } from '../shared/runLineage';
import type { FinalMetrics, RunManifest, SweepIndex } from '../shared/runManifest';
import type { SlurmSweepInfo, SweepStatus, TaskStatus } from '../runs/sweepCliSchemas';

/** A runs root shown as a top-level node when the workspace has several. */
export interface RunsRoot {
  /** Absolute path of the runs folder. */
  path: string;
  /** What the tree calls it (the workspace folder's name). */
  label: string;
}

/** A runs root (only when several roots are open). */
export interface RootNode {
  kind: 'root';
  id: string;
  root: RunsRoot;
}

/** `<root>/<experiment>/`; `virtual` when only a queued run knows it so far. */
export interface ExperimentNode {
  kind: 'experiment';
  id: string;
  dir: string;
  name: string;
  virtual: boolean;
  parent?: RootNode;
}

/** `<root>/<experiment>/sweep-<id>/`, grouping its runs; `error` when sweep.json is unreadable. */
export interface SweepNode {
  kind: 'sweep';
  id: string;
  dir: string;
  name: string;
  index?: SweepIndex;
  error?: string;
  /** Set for a sweep submitted to Slurm (`sweep.json` says `executor: "slurm"`). */
  slurm?: SlurmSweepInfo;
  /** The scheduler's view of a Slurm sweep, as last polled (`sweep status --json`). */
  scheduler?: SchedulerView;
  parent: ExperimentNode;
}

/** The last `sweep status` of a Slurm sweep, or why it could not be read. */
export interface SchedulerView {
  status?: SweepStatus;
  error?: string;
}

/** One job of a sweep's index. */
export type SweepJobEntry = SweepIndex['runs'][number];

/** A run folder; without `manifest` it is damaged or foreign and `error` says why. */
export interface RunNode {
  kind: 'run';
  id: string;
  /** Absolute path of the run folder (what run commands receive). */
  runDir: string;
  /** The folder name, which is the run id for runs Replens wrote. */
  name: string;
  manifest?: RunManifest;
  error?: string;
  /** Newest modification time (ms) of the run's files, read only for runs that claim to run. */
  lastActivityMs?: number;
  checkpointCount: number;
  analysisCount: number;
  /** The sweep job this run belongs to, when its sweep index names it. */
  job?: SweepJobEntry;
  /** This window's live state of the run, if it drives it (updated in place as it trains). */
  live?: RunInfo;
  /** The scheduler's state of its array task, in a Slurm sweep. */
  task?: TaskStatus;
  /** Runs fine-tuned from this one (read from every manifest under the runs roots). */
  fineTunes?: FineTune[];
  parent: ExperimentNode | SweepNode | RootNode | undefined;
}

/** A run without a folder yet: queued in this window, or a sweep job that never started one. */
export interface PendingNode {
  kind: 'pending';
  id: string;
  label: string;
  status: 'queued' | 'running' | 'failed' | 'cancelled';
  detail?: string;
  /** RunManager key, for a run queued in this window. */
  runKey?: string;
  /** The job's index, for a job of a sweep. */
  jobIndex?: number;
  /** The scheduler's state of its array task, in a Slurm sweep. */
  task?: TaskStatus;
  parent: ExperimentNode | SweepNode | RootNode | undefined;
}

/** `checkpoints/step-NNNNNN.safetensors` of a run. */
export interface CheckpointNode {
  kind: 'checkpoint';
  id: string;
  file: string;
  step: number;
  runDir: string;
  parent: RunNode;
}

/** `analyses/<kind>-<paramsHash>.json` of a run. */
export interface AnalysisNode {
  kind: 'analysis';
  id: string;
  file: string;
  /** The analysis kind: the file name up to its last `-`. */
  analysisKind: string;
  runDir: string;
  parent: RunNode;
}

/** The group of the external folders opened in Replens (shown when there is one). */
export interface ExternalGroupNode {
  kind: 'externals';
  id: string;
}

/** The layouts an external folder may have (activations saved by another code, or HF Trainer). */
export type ExternalLayoutName = 'activations' | 'hf-trainer';

/**
 * An external representation folder opened in Replens; without `layout` it is no longer a
 * recognised layout (moved, deleted, emptied) and `error` says why.
 */
export interface ExternalNode {
  kind: 'external';
  id: string;
  /** Absolute path of the folder (what analysis commands receive). */
  dir: string;
  name: string;
  layout?: ExternalLayoutName;
  error?: string;
  parent: ExternalGroupNode;
}

/** A folder that could not be listed. */
export interface MessageNode {
  kind: 'message';
  id: string;
  label: string;
  detail: string;
  parent: RunsNode | undefined;
}

/** Every element of the runs tree. Menu commands receive these objects as their argument. */
export type RunsNode =
  | RootNode
  | ExperimentNode
  | SweepNode
  | RunNode
  | PendingNode
  | CheckpointNode
  | AnalysisNode
  | ExternalGroupNode
  | ExternalNode
  | MessageNode;

/** How a run shows: its manifest status, `queued`, `interrupted` (stale `running`), `invalid`. */
export type DisplayStatus =
  'queued' | 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted' | 'invalid';

/** The merged state of a run at one moment. */
export interface RunSummary {
  status: DisplayStatus;
  step: number;
  total: number;
  backend?: string;
  final?: Omit<FinalMetrics, 'step'>;
  error?: string;
}

const activeStates: readonly RunState[] = ['queued', 'starting', 'running'];

/** True for a live state that is not finished. */
export function isActive(state: RunState): boolean {
  return activeStates.includes(state);
}

/**
 * Merges a run's manifest with its live state. A live, unfinished run wins (its step is ahead of
 * the manifest, which is only rewritten at checkpoints). A manifest that says `running` with no
 * live run and no write for `staleAfterMs` belongs to a process that was killed: `interrupted`.
 */
export function summarizeRun(node: RunNode, nowMs: number, staleAfterMs: number): RunSummary {
  const m = node.manifest;
  const live = node.live;
  if (live !== undefined && isActive(live.state)) {
    return {
      status: live.state === 'queued' ? 'queued' : 'running',
      step: Math.max(live.step, m?.lastStep ?? 0),
      total: live.total > 0 ? live.total : (m?.steps ?? 0),
      backend: live.backend ?? m?.backend.name,
      final: m?.final,
    };
  }
  if (m === undefined) {
    return { status: 'invalid', step: 0, total: 0, error: node.error ?? 'no run.json' };
  }
  const base: RunSummary = {
    status: m.status,
    step: m.lastStep,
    total: m.steps,
    backend: m.backend.name,
    final: m.final,
    error: m.error,
  };
  if (m.status !== 'running') {
    return base;
  }
  if (live !== undefined) {
    // The worker finished but the manifest read predates its last write.
    const status = live.state === 'done' || live.state === 'failed' ? live.state : 'cancelled';
    return { ...base, status, step: Math.max(live.step, m.lastStep), error: live.error };
  }
  const idle = nowMs - (node.lastActivityMs ?? nowMs);
  return idle > staleAfterMs ? { ...base, status: 'interrupted' } : base;
}

/** The `viewItem` context value of a run: `run.<status>` matching the package.json menus. */
export function runContextValue(summary: RunSummary): string {
  switch (summary.status) {
    case 'queued':
    case 'running':
      return 'run.running';
    case 'interrupted':
      // A killed run resumes and deletes like a cancelled one.
      return 'run.cancelled';
    case 'done':
    case 'failed':
    case 'cancelled':
    case 'invalid':
      return `run.${summary.status}`;
  }
}

/** The folder a node stands for, if any. */
export function dirOf(node: RunsNode): string | undefined {
  switch (node.kind) {
    case 'root':
      return node.root.path;
    case 'experiment':
    case 'sweep':
    case 'external':
      return node.dir;
    case 'run':
      return node.runDir;
    case 'checkpoint':
    case 'analysis':
      return node.file;
    case 'pending':
    case 'externals':
    case 'message':
      return undefined;
  }
}

/** True when `target` is `dir` or inside it (both resolved). */
export function isWithin(dir: string, target: string): boolean {
  const rel = path.relative(dir, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The node of a run queued in this window that has no folder yet. */
export function queuedRunNode(run: RunInfo, parent: ExperimentNode): PendingNode {
  return {
    kind: 'pending',
    id: `queued:${run.key}`,
    label: path.basename(run.configPath ?? run.key),
    status: 'queued',
    detail: run.state,
    runKey: run.key,
    parent,
  };
}
