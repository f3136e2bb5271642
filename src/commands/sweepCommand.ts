/**
 * `replens.runSweep`: plans the config's sweep from its current text (unsaved edits included)
 * with the same plan as `replens sweep`, and runs it through the RunManager queue executor: every
 * job is a normal run (lens, runs tree, Stop Run, `replens.concurrency`). A cancellable
 * notification follows the sweep (cancel stops the whole sweep: running jobs stop after their
 * current step and stay resumable); at the end the sweep index is summarised. With the Slurm
 * executor (`replens.sweep.executor`, or picked when sbatch is on the PATH) the saved config's
 * sweep is submitted as one array job instead, and the runs tree follows it.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import * as settings from '../config';
import { runManagerExecutor } from '../runs/sweepQueue';
import type { Services } from '../services';
import type { SweepIndex } from '../shared/runManifest';
import { isJobSettled, sweepExitStatus } from '../shared/sweepExecutor';
import { type PlannedSweep, experimentOf, planSweepFolder } from '../shared/sweepPlan';
import { newRunId } from '../storage/runLayout';
import { type SlurmSweepOutcome, chooseExecutor, submitSlurmSweep } from './slurmSweepCommands';
import {
  type ValidConfig,
  configStem,
  loadValidConfig,
  requireTrust,
  resolveConfigUri,
} from './configTarget';

/** What Run Sweep resolves with once every job ended. */
export interface SweepOutcome {
  sweepDir: string;
  index: SweepIndex;
}

/**
 * Runs a config's sweep; resolves when every job ended and the outcome was shown (with Slurm:
 * once the array job was submitted).
 */
export async function runSweep(
  s: Services,
  arg: unknown,
): Promise<SweepOutcome | SlurmSweepOutcome | undefined> {
  if (!requireTrust()) {
    return undefined;
  }
  const uri = await resolveConfigUri(arg);
  const valid = uri === undefined ? undefined : await loadValidConfig(uri);
  if (uri === undefined || valid === undefined) {
    return undefined;
  }
  const sweep = plan(uri.fsPath, valid);
  if (sweep === undefined) {
    return undefined;
  }
  const where = await chooseExecutor();
  if (where !== 'local') {
    return where === 'slurm' ? submitSlurmSweep(s, valid.document) : undefined;
  }
  const label = configStem(uri.fsPath);
  s.log.info(`sweep ${label}: ${sweep.jobs.length} runs into ${sweep.sweepDir}`);
  const executor = runManagerExecutor({ runs: s.runs, workers: s.workers });
  const index = await vscode.window.withProgress<SweepIndex>(
    {
      location: vscode.ProgressLocation.Notification,
      title: `Replens: sweep ${label}`,
      cancellable: true,
    },
    async (progress, token) => {
      const abort = new AbortController();
      const cancel = token.onCancellationRequested(() => abort.abort());
      progress.report({ message: `0/${sweep.jobs.length} runs` });
      try {
        return await executor.run(sweep, {
          signal: abort.signal,
          onUpdate: (idx, changed) => progress.report({ message: progressText(idx, changed) }),
        });
      } finally {
        cancel.dispose();
      }
    },
  );
  const analyses = new Set(valid.config.analyses.map((a) => a.kind));
  reportSweep(s, label, sweep.sweepDir, index, analyses.has('completeness'));
  return { sweepDir: sweep.sweepDir, index };
}

/** `2/4 · run 1 (seed 2) done`: jobs ended, and the job that just changed. */
function progressText(index: SweepIndex, changed: number): string {
  const ended = index.runs.filter((r) => isJobSettled(r.status)).length;
  const job = index.runs[changed] as SweepIndex['runs'][number] | undefined;
  const what = job === undefined ? '' : ` · run ${job.index} (seed ${job.seed}) ${job.status}`;
  return `${ended}/${index.runs.length}${what}`;
}

/** The sweep of a config's text, in a new folder under its runs root; undefined (shown) on bad values. */
function plan(configPath: string, valid: ValidConfig): PlannedSweep | undefined {
  const now = new Date();
  const sweepId = `sweep-${newRunId(now, Math.random)}`;
  const root = settings.runsRootFor(configPath);
  try {
    return planSweepFolder(valid.config, {
      sweepId,
      sweepDir: path.resolve(root, experimentOf(valid.config), sweepId),
      configPath,
      parallel: settings.concurrency(),
      now,
    });
  } catch (e) {
    const file = vscode.workspace.asRelativePath(configPath);
    void vscode.window.showErrorMessage(`Replens: cannot sweep ${file}: ${(e as Error).message}`);
    return undefined;
  }
}

function reportSweep(
  s: Services,
  label: string,
  sweepDir: string,
  index: SweepIndex,
  completeness: boolean,
): void {
  const done = index.runs.filter((r) => r.status === 'done');
  const accs = done.flatMap((r) => (r.final === undefined ? [] : [r.final.testAcc]));
  const summary =
    accs.length === 0
      ? ''
      : `, test acc ${Math.min(...accs).toFixed(3)}–${Math.max(...accs).toFixed(3)}`;
  const counts = `${done.length}/${index.runs.length} runs done${summary}`;
  const showLog = 'Show Log';
  const showCompleteness = 'Show Completeness';
  const onChoice = (choice: string | undefined): void => {
    if (choice === showLog) {
      s.log.show();
    } else if (choice === showCompleteness) {
      void vscode.commands.executeCommand('replens.showCompleteness', { runDir: sweepDir });
    }
  };
  s.log.info(`sweep ${label}: ${counts}`);
  // A finished or stopped sweep can be analysed as far as it got.
  const actions = completeness && done.length > 0 ? [showCompleteness] : [];
  const status = sweepExitStatus(index);
  if (status === 'ok') {
    void vscode.window
      .showInformationMessage(`Replens: sweep ${label}: ${counts}.`, ...actions)
      .then(onChoice);
  } else if (status === 'cancelled') {
    void vscode.window
      .showInformationMessage(`Replens: sweep ${label} stopped: ${counts}.`, ...actions)
      .then(onChoice);
  } else {
    void vscode.window
      .showWarningMessage(`Replens: sweep ${label}: ${counts}; some runs failed.`, showLog)
      .then(onChoice);
  }
}
