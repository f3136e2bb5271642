/**
 * Throttles live training progress on its way to a webview: records and step changes are
 * collected per run and sent as one batch of deltas at most once per interval (250 ms: about
 * four updates a second), so a fast run never floods the webview and nothing is sent twice.
 * Pure (timers are injectable), unit-tested in plain Node.
 */
import type { StepMetricsRecord } from '../shared/runResult';
import type { RunProgressDelta } from '../shared/protocol/trainingView';

/** The timer functions used (tests pass fakes). */
export interface Timers {
  setTimeout(cb: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (cb, ms) => setTimeout(cb, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** Collects deltas and hands them to `send` at most once per `intervalMs`. */
export class ProgressBatcher {
  private readonly pending = new Map<string, RunProgressDelta>();
  private timer: unknown;

  constructor(
    private readonly send: (updates: RunProgressDelta[]) => void,
    private readonly intervalMs = 250,
    private readonly timers: Timers = realTimers,
  ) {}

  /** A new metrics record of a run. */
  record(runDir: string, record: StepMetricsRecord, total: number): void {
    const delta = this.entry(runDir, record.step, total);
    delta.records.push(record);
    this.schedule();
  }

  /** A run reached a step (no new record). */
  progress(runDir: string, step: number, total: number): void {
    this.entry(runDir, step, total);
    this.schedule();
  }

  /** Sends what is pending now (e.g. before a status change, so the order stays right). */
  flush(): void {
    this.cancelTimer();
    if (this.pending.size === 0) {
      return;
    }
    const updates = [...this.pending.values()];
    this.pending.clear();
    this.send(updates);
  }

  /** Drops what is pending (a snapshot just covered it). */
  clear(): void {
    this.cancelTimer();
    this.pending.clear();
  }

  dispose(): void {
    this.clear();
  }

  private entry(runDir: string, step: number, total: number): RunProgressDelta {
    const delta = this.pending.get(runDir) ?? { runDir, step, total, records: [] };
    delta.step = Math.max(delta.step, step);
    delta.total = total > 0 ? total : delta.total;
    this.pending.set(runDir, delta);
    return delta;
  }

  private schedule(): void {
    if (this.timer === undefined) {
      this.timer = this.timers.setTimeout(() => {
        this.timer = undefined;
        this.flush();
      }, this.intervalMs);
    }
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) {
      this.timers.clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}
