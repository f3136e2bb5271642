/** How runs are named and described in notifications, the status bar and quick picks. */
import * as path from 'node:path';
import type { RunInfo, RunState } from '../runs/runManager';
import { configStem } from './configTarget';

const terminal: readonly RunState[] = ['done', 'failed', 'cancelled'];

/** Whether a run has ended (done, failed or cancelled). */
export function isFinished(run: Pick<RunInfo, 'state'>): boolean {
  return terminal.includes(run.state);
}

/**
 * `tiny` for a run of tiny.replens.json, `tiny · job 2` for a job of its sweep, `tiny/<runId>`
 * for a resumed run folder.
 */
export function runLabel(run: RunInfo): string {
  if (run.configPath !== undefined && run.sweep !== undefined) {
    return `${configStem(run.configPath)} · job ${run.sweep.index}`;
  }
  if (run.configPath !== undefined) {
    return configStem(run.configPath);
  }
  if (run.runDir !== undefined) {
    return `${path.basename(path.dirname(run.runDir))}/${path.basename(run.runDir)}`;
  }
  return run.key;
}

/** `queued`, `starting`, `step 120/500`, or the final state. */
export function runStatusText(run: RunInfo): string {
  switch (run.state) {
    case 'queued':
      return 'queued';
    case 'starting':
      return 'starting';
    case 'running':
      return `step ${run.step}/${run.total}`;
    case 'done':
    case 'failed':
    case 'cancelled':
      return run.state;
  }
}
