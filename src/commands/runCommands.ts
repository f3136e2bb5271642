/**
 * Run, sweep, stop, resume, show-log and new-experiment commands, plus the status bar item of
 * active runs. Handlers are thin: resolve the argument (or ask), check trust, call the
 * RunManager or the CLI, and report through the log and a notification.
 */
import * as vscode from 'vscode';
import * as settings from '../config';
import type { Services } from '../services';
import { readManifestAsync } from '../storage/runStore';
import { loadValidConfig, requireTrust, resolveConfigUri } from './configTarget';
import { guardedCommand } from './guardedCommand';
import { newExperiment } from './newExperiment';
import { trackRun } from './runProgress';
import { createRunStatusBar } from './runStatusBar';
import { isFinished, runLabel, runStatusText } from './runText';
import {
  type StopTarget,
  pickActiveRun,
  pickResumableRun,
  runDirFromArg,
  runFromArg,
  sweepFromArg,
} from './runTargets';
import { cancelSlurmSweep, resubmitFailedTasks, slurmSweepOfArg } from './slurmSweepCommands';
import { runSweep } from './sweepCommand';

/** Registers the run commands and the status bar item. */
export function registerRunCommands(s: Services): vscode.Disposable[] {
  const command = (id: string, handler: (arg: unknown) => Promise<unknown>): vscode.Disposable =>
    guardedCommand(s, id, handler);
  return [
    createRunStatusBar(s.runs),
    command('replens.runExperiment', (arg) => runExperiment(s, arg)),
    command('replens.runSweep', (arg) => runSweep(s, arg)),
    command('replens.stopRun', (arg) => stopRun(s, arg)),
    command('replens.resubmitFailedTasks', (arg) => resubmitFailedTasks(s, arg)),
    command('replens.resumeRun', (arg) => resumeRun(s, arg)),
    command('replens.showLog', () => Promise.resolve(s.log.show())),
    command('replens.newExperiment', () => newExperiment(s)),
  ];
}

/**
 * Trains a config's current text (unsaved edits included) and follows it in a notification.
 * Resolves with the run's key as soon as it is queued.
 */
async function runExperiment(s: Services, arg: unknown): Promise<string | undefined> {
  if (!requireTrust()) {
    return undefined;
  }
  const uri = await resolveConfigUri(arg);
  const valid = uri === undefined ? undefined : await loadValidConfig(uri);
  if (uri === undefined || valid === undefined) {
    return undefined;
  }
  const active = s.runs.activeFor(uri.fsPath);
  if (active !== undefined) {
    const again = 'Run Another';
    const answer = await vscode.window.showInformationMessage(
      `Replens: ${runLabel(active)} is already running (${runStatusText(active)}).`,
      again,
    );
    if (answer !== again) {
      return undefined;
    }
  }
  const run = s.runs.start(uri.fsPath, valid.text);
  void trackRun(s, run);
  return run.key;
}

/**
 * Stops the run an argument names, every unfinished job of the sweep it names (a sweep tree node,
 * `{sweepDir}`), or what the user picks among the active runs and sweeps. A sweep submitted to
 * Slurm is cancelled with the scheduler (`sweep cancel`).
 */
async function stopRun(s: Services, arg: unknown): Promise<void> {
  const slurmSweep = await slurmSweepOfArg(arg);
  if (slurmSweep !== undefined) {
    s.log.info(`cancelling the Slurm sweep ${slurmSweep}`);
    return cancelSlurmSweep(s, slurmSweep);
  }
  const sweep = sweepFromArg(s.runs, arg);
  const run = sweep !== undefined || arg === undefined ? undefined : runFromArg(s.runs, arg);
  const target: StopTarget | undefined =
    arg === undefined
      ? await pickActiveRun(s.runs)
      : sweep !== undefined
        ? { sweep }
        : run && { run };
  if (target === undefined) {
    if (arg !== undefined) {
      void vscode.window.showInformationMessage(
        'Replens: that run was not started in this window (stop a CLI run with Ctrl+C).',
      );
    }
    return;
  }
  if ('sweep' in target) {
    if (target.sweep.runs.length === 0) {
      void vscode.window.showInformationMessage('Replens: no job of that sweep is running.');
      return;
    }
    s.log.info(`stopping the sweep ${target.sweep.sweepDir}`);
    await s.runs.stopAll(target.sweep.runs.map((r) => r.key));
  } else if (!isFinished(target.run)) {
    s.log.info(`stopping ${runLabel(target.run)} (${target.run.key})`);
    await s.runs.stop(target.run.key);
  }
}

/** Continues a cancelled or failed run folder from its last checkpoint. */
async function resumeRun(s: Services, arg: unknown): Promise<string | undefined> {
  if (!requireTrust()) {
    return undefined;
  }
  const runDir =
    arg === undefined ? await pickResumableRun(settings.workspaceRunsRoots()) : runDirFromArg(arg);
  if (runDir === undefined) {
    return undefined;
  }
  const current = s.runs.forRunDir(runDir);
  if (current !== undefined && !isFinished(current)) {
    void vscode.window.showInformationMessage(`Replens: ${runLabel(current)} is already running.`);
    return undefined;
  }
  const manifest = await readManifestAsync(runDir);
  if (manifest.status === 'done') {
    void vscode.window.showInformationMessage(
      `Replens: ${manifest.experiment}/${manifest.runId} is complete; nothing to resume.`,
    );
    return undefined;
  }
  const run = s.runs.resume(runDir);
  void trackRun(s, run);
  return run.key;
}
