/**
 * Progress on stderr: a redrawn bar on a terminal, plain lines otherwise (logs, CI). Throttled so
 * a fast run does not flood a log file.
 */
import type { RunEvent } from '../runner/runExperiment';

export interface ProgressSink {
  write(text: string): void;
  isTTY: boolean;
}

/** Renders training events as progress; call `done()` to end the bar's line. */
export class TrainProgress {
  private lastPlain = 0;
  private barShown = false;

  constructor(
    private readonly out: ProgressSink,
    private readonly total: number,
    private readonly plainIntervalMs = 2000,
  ) {}

  onEvent(e: RunEvent): void {
    if (e.type === 'metrics') {
      const m = e.metrics;
      const text = `step ${m.step}/${this.total} train loss ${fmt(m.trainLoss)} acc ${fmt(m.trainAcc)} | test loss ${fmt(m.testLoss)} acc ${fmt(m.testAcc)}`;
      this.show(m.step, text);
    } else if (e.type === 'progress') {
      this.show(e.step, undefined);
    }
  }

  done(): void {
    if (this.barShown) {
      this.out.write('\n');
      this.barShown = false;
    }
  }

  private latest = '';

  private show(step: number, text: string | undefined): void {
    if (text !== undefined) {
      this.latest = text;
    }
    if (this.out.isTTY) {
      const width = 24;
      const filled = this.total === 0 ? width : Math.round((step / this.total) * width);
      this.out.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.latest}\x1b[K`);
      this.barShown = true;
      return;
    }
    const now = Date.now();
    if (
      text !== undefined &&
      (now - this.lastPlain >= this.plainIntervalMs || step === this.total || step === 0)
    ) {
      this.out.write(text + '\n');
      this.lastPlain = now;
    }
  }
}

function fmt(x: number): string {
  return x.toFixed(4);
}
