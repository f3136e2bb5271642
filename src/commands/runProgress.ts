/**
 * Follows one RunManager run in a cancellable progress notification (live step and latest test
 * accuracy) and reports how it ended: test accuracy with "Open Run", or the error with "Show Log".
 */
import * as vscode from 'vscode';
import type { RunInfo, RunManager } from '../runs/runManager';
import type { Services } from '../services';
import { isFinished, runLabel, runStatusText } from './runText';

/** Shows progress until the run ends, then the outcome; resolves with the finished run. */
export async function trackRun(s: Services, run: RunInfo): Promise<RunInfo> {
  const label = runLabel(run);
  const finished = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `Replens: ${label}`,
      cancellable: true,
    },
    (progress, token) => untilFinished(s.runs, run, progress, token),
  );
  reportOutcome(s, finished, label);
  return finished;
}

function untilFinished(
  runs: RunManager,
  run: RunInfo,
  progress: vscode.Progress<{ message?: string; increment?: number }>,
  token: vscode.CancellationToken,
): Promise<RunInfo> {
  return new Promise((resolve) => {
    let shown = 0;
    const show = (r: RunInfo): void => {
      const percent = r.total > 0 ? (100 * r.step) / r.total : 0;
      progress.report({ message: progressText(r), increment: Math.max(0, percent - shown) });
      shown = Math.max(shown, percent);
    };
    const subscription = runs.onDidChangeRun((e) => {
      if (e.run.key !== run.key) {
        return;
      }
      if (isFinished(e.run)) {
        done();
      } else {
        show(e.run);
      }
    });
    const cancel = token.onCancellationRequested(() => void runs.stop(run.key));
    const done = (): void => {
      subscription.dispose();
      cancel.dispose();
      resolve(run);
    };
    if (isFinished(run)) {
      done();
    } else {
      show(run);
    }
  });
}

function progressText(run: RunInfo): string {
  if (run.state === 'queued') {
    return 'queued: waiting for a free slot (replens.concurrency)';
  }
  if (run.state === 'starting') {
    return 'starting the worker…';
  }
  const last = run.metrics[run.metrics.length - 1] as RunInfo['metrics'][number] | undefined;
  const acc = last === undefined ? '' : ` · test acc ${last.testAcc.toFixed(3)}`;
  return `${runStatusText(run)}${acc}`;
}

function reportOutcome(s: Services, run: RunInfo, label: string): void {
  const runDir = run.runDir;
  if (run.state === 'done') {
    const final = run.result?.final;
    const acc = final === undefined ? '' : `: test acc ${final.testAcc.toFixed(3)}`;
    const wall = run.result === undefined ? '' : ` in ${run.result.wallSeconds.toFixed(1)} s`;
    offer(`Replens: ${label} done${acc}${wall}.`, 'Open Run', 'replens.openRun', runDir);
  } else if (run.state === 'cancelled') {
    const at = `step ${run.step}/${run.total}`;
    offer(`Replens: ${label} stopped at ${at}.`, 'Resume', 'replens.resumeRun', runDir);
  } else {
    const why = run.error ?? 'see the log';
    s.log.error(`${label} failed: ${why}`);
    const showLog = 'Show Log';
    void vscode.window
      .showErrorMessage(`Replens: ${label} failed: ${why}`, showLog)
      .then((choice) => (choice === showLog ? s.log.show() : undefined));
  }
}

/** An information message whose button runs `command` with the run folder (when known). */
function offer(message: string, button: string, command: string, runDir: string | undefined): void {
  if (runDir === undefined) {
    void vscode.window.showInformationMessage(message);
    return;
  }
  void vscode.window
    .showInformationMessage(message, button)
    .then((choice) =>
      choice === button ? vscode.commands.executeCommand(command, runDir) : undefined,
    );
}
