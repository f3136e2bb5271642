/**
 * The data of the runs tree: experiments → runs (sweeps group their runs) → checkpoints and
 * analyses, read lazily from the runs roots and merged with the live state of the runs this window
 * drives. `onDidChange` fires, throttled, when the disk or a live run changes. No vscode import,
 * so it is tested in plain Node on real temporary folders.
 */
import * as path from 'node:path';
import type { RunChange, RunInfo } from '../runs/runManager';
import type { RunsTreeModelOptions } from './runsTreeOptions';
import { type Disposable, Emitter, type Event } from '../util/emitter';
import {
  type LiveByDir,
  listExperiment,
  listExperimentDirs,
  listRunFiles,
  listSweep,
  readRun,
} from './runsTreeDisk';
import { externalGroup, listExternals } from './externalNodes';
import { LineageIndex } from './runsTreeLineage';
import { liveRunsByDir, queuedRunsByExperiment } from './runsTreeLive';
import { SlurmSweepNodes } from './runsTreeSlurm';
import {
  type RootNode,
  type RunNode,
  type RunSummary,
  type RunsNode,
  type RunsRoot,
  dirOf,
  isWithin,
  queuedRunNode,
  summarizeRun,
} from './runsTreeNodes';

export type { LiveRuns, RunsTreeModelOptions } from './runsTreeOptions';

const defaultStaleMs = 5 * 60_000;

/** Lazily read, live-merged model of the runs tree. */
export class RunsTreeModel implements Disposable {
  private readonly changes = new Emitter<RunsNode[] | undefined>();
  /** Fires the nodes whose rendering changed, or `undefined` when anything may have changed. */
  readonly onDidChange: Event<RunsNode[] | undefined> = this.changes.event;
  /** The run nodes last handed out, by resolved folder (their identity is what views track). */
  private readonly known = new Map<string, RunNode>();
  private readonly dirty = new Set<RunsNode>();
  /** Known runs whose files changed: re-read before they are redrawn. */
  private readonly changedRuns = new Set<RunNode>();
  private fullPending = false;
  private timer: NodeJS.Timeout | undefined;
  private staleTimer: { at: number; handle: NodeJS.Timeout } | undefined;
  private readonly liveSubscription: Disposable | undefined;
  private readonly lineage: LineageIndex;
  private readonly slurm: SlurmSweepNodes;

  constructor(private readonly opts: RunsTreeModelOptions) {
    this.lineage = new LineageIndex(opts.roots);
    this.slurm = new SlurmSweepNodes(opts.slurm, (sweep) => {
      this.dirty.add(sweep);
      this.schedule();
    });
    this.liveSubscription = opts.live?.onDidChangeRun((e) => this.onLiveChange(e));
  }

  /** Children of a node (top level for `undefined`); never throws. */
  async children(node?: RunsNode): Promise<RunsNode[]> {
    try {
      const nodes = await this.list(node);
      await this.lineage.annotate(nodes);
      this.slurm.annotate(nodes);
      for (const n of nodes) {
        if (n.kind === 'run') {
          this.known.set(path.resolve(n.runDir), n);
          this.watchStale(n);
        }
      }
      return nodes;
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      return [
        { kind: 'message', id: `msg:${node?.id ?? ''}`, label: 'error', detail, parent: node },
      ];
    }
  }

  /** Status, step and result of a run as of now. */
  summary(run: RunNode): RunSummary {
    return summarizeRun(run, this.now(), this.opts.staleAfterMs ?? defaultStaleMs);
  }

  /** Schedules a full refresh (coalesced with other changes). */
  refresh(): void {
    this.fullPending = true;
    this.schedule();
  }

  /**
   * Reacts to a file change under a runs root: inside a run the view shows, only that run is
   * re-read and redrawn (a training run rewrites its files often); elsewhere, everything.
   */
  changed(fsPath: string): void {
    const file = path.resolve(fsPath);
    for (let dir = path.dirname(file), n = 0; n < 3; dir = path.dirname(dir), n++) {
      const run = this.known.get(dir);
      if (run !== undefined) {
        this.changedRuns.add(run);
        this.schedule();
        return;
      }
    }
    this.refresh();
  }

  /**
   * The node of a run folder, read from disk along its path (for reveal and commands). It does
   * not replace the nodes the view holds, so live updates keep reaching the view's objects.
   */
  async findRun(runDir: string): Promise<RunNode | undefined> {
    const target = path.resolve(runDir);
    let level = await this.list(undefined);
    for (let depth = 0; depth < 4; depth++) {
      const next = level.find((n) => {
        const dir = dirOf(n);
        return dir !== undefined && isWithin(path.resolve(dir), target);
      });
      if (next === undefined) {
        return undefined;
      }
      if (next.kind === 'run') {
        return path.resolve(next.runDir) === target ? next : undefined;
      }
      level = await this.list(next);
    }
    return undefined;
  }

  dispose(): void {
    clearTimeout(this.timer);
    clearTimeout(this.staleTimer?.handle);
    this.liveSubscription?.dispose();
    this.slurm.dispose();
    this.changes.dispose();
  }

  private async list(node: RunsNode | undefined): Promise<RunsNode[]> {
    if (node === undefined) {
      const roots = this.opts.roots();
      const top: RunsNode[] =
        roots.length === 1
          ? await this.listRoot(roots[0], undefined)
          : roots.map((root): RootNode => ({ kind: 'root', id: `root:${root.path}`, root }));
      return [...top, ...externalGroup(this.opts.externals)];
    }
    switch (node.kind) {
      case 'root':
        return this.listRoot(node.root, node);
      case 'experiment': {
        const queued = (await this.queuedByExperiment()).get(path.resolve(node.dir)) ?? [];
        const onDisk = node.virtual ? [] : await listExperiment(node, this.liveByDir());
        return [...queued.map((run) => queuedRunNode(run, node)), ...onDisk];
      }
      case 'sweep':
        return listSweep(node, this.liveByDir());
      case 'run':
        return listRunFiles(node);
      case 'externals':
        return this.opts.externals === undefined ? [] : listExternals(this.opts.externals, node);
      case 'pending':
      case 'checkpoint':
      case 'analysis':
      case 'external':
      case 'message':
        return [];
    }
  }

  private async listRoot(root: RunsRoot, parent: RootNode | undefined): Promise<RunsNode[]> {
    const experiments = await listExperimentDirs(root.path, parent);
    const seen = new Set(experiments.map((e) => (e.kind === 'experiment' ? e.id : '')));
    const base = path.resolve(root.path);
    for (const dir of (await this.queuedByExperiment()).keys()) {
      const id = `exp:${dir}`;
      if (path.dirname(dir) === base && !seen.has(id)) {
        const name = path.basename(dir);
        experiments.push({ kind: 'experiment', id, dir, name, virtual: true, parent });
      }
    }
    const name = (n: (typeof experiments)[number]): string =>
      n.kind === 'experiment' ? n.name : n.label;
    return experiments.sort((a, b) => name(a).localeCompare(name(b)));
  }

  private liveByDir(): LiveByDir {
    return liveRunsByDir(this.opts);
  }

  private queuedByExperiment(): Promise<Map<string, RunInfo[]>> {
    return queuedRunsByExperiment(this.opts);
  }

  private onLiveChange(e: RunChange): void {
    if (e.kind === 'state') {
      this.refresh();
      return;
    }
    const node =
      e.run.runDir === undefined ? undefined : this.known.get(path.resolve(e.run.runDir));
    if (node !== undefined) {
      node.live = e.run;
      this.dirty.add(node);
      this.schedule();
    }
  }

  /** A run that claims to be running with no writer in sight turns `interrupted` later: redraw then. */
  private watchStale(run: RunNode): void {
    if (run.manifest?.status !== 'running' || run.live !== undefined) {
      return;
    }
    const staleMs = this.opts.staleAfterMs ?? defaultStaleMs;
    const at = (run.lastActivityMs ?? this.now()) + staleMs + 1000;
    if (at <= this.now() || (this.staleTimer !== undefined && this.staleTimer.at <= at)) {
      return;
    }
    clearTimeout(this.staleTimer?.handle);
    const handle = setTimeout(() => {
      this.staleTimer = undefined;
      this.refresh();
    }, at - this.now());
    handle.unref();
    this.staleTimer = { at, handle };
  }

  private schedule(): void {
    if (this.timer !== undefined) {
      return;
    }
    this.timer = setTimeout(() => this.flush(), this.opts.throttleMs ?? 250);
  }

  private flush(): void {
    this.timer = undefined;
    if (this.fullPending) {
      this.fullPending = false;
      this.lineage.invalidate();
      this.dirty.clear();
      this.changedRuns.clear();
      this.known.clear();
      this.slurm.clear();
      this.changes.fire(undefined);
      return;
    }
    const reread = [...this.changedRuns];
    const nodes = new Set([...this.dirty, ...reread]);
    this.dirty.clear();
    this.changedRuns.clear();
    if (nodes.size > 0) {
      void Promise.allSettled(reread.map((run) => this.reread(run))).then(() => {
        this.changes.fire([...nodes]);
      });
    }
  }

  /** Re-reads a run in place: the view tracks the node object itself. */
  private async reread(run: RunNode): Promise<void> {
    const fresh = await readRun(run.runDir, run.parent, this.liveByDir(), run.job);
    Object.assign(run, { ...fresh, id: run.id, job: run.job ?? fresh.job });
    if (fresh.lastActivityMs === undefined) {
      delete run.lastActivityMs;
    }
    this.watchStale(run);
  }

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }
}
