/**
 * Polls the scheduler for the Slurm sweeps the runs tree shows (`sweep status --json`, at a
 * modest interval), and only while it is worth it: the view is visible and the sweep is
 * unfinished. A finished sweep is asked again only when its `sweep.json` says it was resubmitted
 * or cancelled since (its signature changed). No vscode import: tested in plain Node.
 */
import * as path from 'node:path';
import type { SweepStatus } from '../runs/sweepCliSchemas';
import { type Disposable, Emitter, type Event } from '../util/emitter';
import type { SchedulerView } from './runsTreeNodes';

/** Options of {@link SlurmStatusTracker}. */
export interface SlurmStatusTrackerOptions {
  /** Reads a sweep's status (the CLI's `sweep status --json`). */
  status: (sweepDir: string) => Promise<SweepStatus>;
  /** Time between two polls of an unfinished sweep, read before each wait. */
  intervalMs: () => number;
  log?: (line: string) => void;
}

interface Entry {
  dir: string;
  /** The sweep's Slurm signature as last listed. */
  signature: string;
  /** Whether it was ever submitted (a refused sweep has nothing to poll). */
  submitted: boolean;
  /** Whether the tree listed it since its last full refresh (only those are polled). */
  listed: boolean;
  view: SchedulerView;
  /** The signature the current `view` was read for. */
  readFor?: string;
  busy: boolean;
}

/** The scheduler state of the Slurm sweeps in view, polled while they run. */
export class SlurmStatusTracker implements Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly changes = new Emitter<string>();
  /** Fires the (resolved) folder of a sweep whose status changed. */
  readonly onDidChange: Event<string> = this.changes.event;
  private active = false;
  private timer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(private readonly opts: SlurmStatusTrackerOptions) {}

  /**
   * A Slurm sweep is shown (again): remembered, and asked at once when it has no status yet or
   * was resubmitted or cancelled since the last one.
   */
  observe(sweepDir: string, signature: string, submitted: boolean): void {
    const dir = path.resolve(sweepDir);
    const entry = this.entries.get(dir) ?? {
      dir,
      signature,
      submitted,
      listed: true,
      view: {},
      busy: false,
    };
    Object.assign(entry, { signature, submitted, listed: true });
    this.entries.set(dir, entry);
    if (this.active && this.stale(entry)) {
      void this.poll(entry);
    }
    this.arm();
  }

  /** The last status of a sweep (empty before the first). */
  get(sweepDir: string): SchedulerView {
    return this.entries.get(path.resolve(sweepDir))?.view ?? {};
  }

  /** Polls while active (the view is visible); a sweep out of date is asked at once. */
  setActive(active: boolean): void {
    this.active = active;
    if (active) {
      for (const entry of this.entries.values()) {
        if (this.stale(entry)) {
          void this.poll(entry);
        }
      }
    }
    this.arm();
  }

  /**
   * The tree is listed afresh: until a sweep is listed again (its folder may be gone, its
   * experiment collapsed), it is not polled. Its last status is kept for when it is.
   */
  unlistAll(): void {
    for (const entry of this.entries.values()) {
      entry.listed = false;
    }
    this.arm();
  }

  /** Sweeps still asked at each interval. */
  pollingDirs(): string[] {
    return [...this.entries.values()].filter((e) => this.needsPolling(e)).map((e) => e.dir);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.changes.dispose();
  }

  /** Whether the status it has is missing or older than the sweep's last submit or cancel. */
  private stale(entry: Entry): boolean {
    return entry.listed && entry.submitted && !entry.busy && entry.readFor !== entry.signature;
  }

  private needsPolling(entry: Entry): boolean {
    return (
      entry.listed &&
      entry.submitted &&
      (entry.readFor !== entry.signature || !finished(entry.view))
    );
  }

  /** Keeps one timer while active and some sweep needs polling. */
  private arm(): void {
    const wanted =
      this.active && !this.disposed && [...this.entries.values()].some((e) => this.needsPolling(e));
    if (!wanted) {
      clearTimeout(this.timer);
      this.timer = undefined;
      return;
    }
    if (this.timer !== undefined) {
      return;
    }
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        const due = [...this.entries.values()].filter((e) => this.needsPolling(e) && !e.busy);
        void Promise.allSettled(due.map((e) => this.poll(e))).then(() => this.arm());
      },
      Math.max(10, this.opts.intervalMs()),
    );
    this.timer.unref();
  }

  private async poll(entry: Entry): Promise<void> {
    entry.busy = true;
    const signature = entry.signature;
    let view: SchedulerView;
    try {
      view = { status: await this.opts.status(entry.dir) };
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      if (entry.view.error !== error) {
        this.opts.log?.(`sweep status ${entry.dir}: ${error}`);
      }
      // Keep the last good status beside the error: the tasks did not vanish.
      view = { status: entry.view.status, error };
    } finally {
      entry.busy = false;
    }
    if (this.disposed || this.entries.get(entry.dir) !== entry) {
      return;
    }
    const changed = JSON.stringify(view) !== JSON.stringify(entry.view);
    entry.view = view;
    entry.readFor = signature;
    if (changed) {
      this.changes.fire(entry.dir);
    }
    this.arm();
  }
}

function finished(view: SchedulerView): boolean {
  return view.status?.finished === true && view.error === undefined;
}
