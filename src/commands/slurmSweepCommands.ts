/**
 * Slurm sweeps from the editor, all through the CLI (`replens sweep … --executor slurm --json`,
 * `sweep cancel`, `sweep resubmit --failed`; see runs/replensCli.ts for why the CLI): which
 * executor Run Sweep uses, submitting a config's sweep, Stop on a Slurm sweep, and the runs
 * tree's Resubmit Failed Tasks.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import * as settings from '../config';
import { nodeCliRunner } from '../runs/replensCli';
import { SlurmSweeps, SweepCliError, decideExecutor, findSbatch } from '../runs/slurmSweeps';
import { type Submission, slurmInfoOf } from '../runs/sweepCliSchemas';
import type { Services } from '../services';
import { sweepIndexSchema } from '../shared/runManifest';
import { runFiles } from '../storage/runLayout';
import { configStem } from './configTarget';
import { sweepDirOfArg } from './runTargets';

/** The CLI's Slurm sweep commands, run with the workers' node. */
export function slurmSweeps(s: Services): SlurmSweeps {
  return new SlurmSweeps(
    nodeCliRunner({
      cliScript: path.join(s.context.extensionPath, 'dist', 'cli.js'),
      nodePath: settings.nodePath,
      onStart: (line) => s.log.debug(line),
    }),
  );
}

/**
 * Where Run Sweep runs: `replens.sweep.executor`, or the user's pick when it is `ask` and sbatch
 * is on the PATH; undefined when the user dismissed the pick or Slurm was forced without sbatch.
 */
export async function chooseExecutor(): Promise<'local' | 'slurm' | undefined> {
  const decision = decideExecutor(settings.sweepExecutor(), findSbatch());
  switch (decision.kind) {
    case 'local':
    case 'slurm':
      return decision.kind;
    case 'error':
      void vscode.window.showErrorMessage(`Replens: ${decision.message}`);
      return undefined;
    case 'ask': {
      const pick = await vscode.window.showQuickPick(
        [
          { label: '$(vm) Local', description: 'run the jobs here', executor: 'local' as const },
          {
            label: '$(server-environment) Slurm',
            description: "submit one array job with sbatch (options from the config's sweep.slurm)",
            executor: 'slurm' as const,
          },
        ],
        { title: 'Replens: run the sweep where?' },
      );
      return pick?.executor;
    }
  }
}

/** What Run Sweep resolves with for a sweep submitted to Slurm. */
export type SlurmSweepOutcome = Submission;

/**
 * Submits a config's sweep to Slurm (the saved file: the sbatch script reruns from disk) and
 * returns at once; the runs tree follows its tasks. sbatch's refusal is shown verbatim.
 */
export async function submitSlurmSweep(
  s: Services,
  document: vscode.TextDocument,
): Promise<SlurmSweepOutcome | undefined> {
  const label = configStem(document.uri.fsPath);
  if (document.isDirty && !(await document.save())) {
    void vscode.window.showErrorMessage(`Replens: save ${label} before submitting its sweep.`);
    return undefined;
  }
  const configPath = document.uri.fsPath;
  try {
    const sub = await slurmSweeps(s).submit(configPath, settings.runsRootFor(configPath));
    s.log.info(`sweep ${label}: Slurm job ${sub.jobId}, ${sub.tasks} tasks in ${sub.sweepDir}`);
    void vscode.commands.executeCommand('replens.refreshRuns');
    void vscode.window.showInformationMessage(
      `Replens: sweep ${label} submitted to Slurm as job ${sub.jobId} (${sub.tasks} tasks).`,
    );
    return sub;
  } catch (e) {
    void vscode.commands.executeCommand('replens.refreshRuns');
    showCliError(s, `could not submit the sweep of ${label}`, e);
    return undefined;
  }
}

/** The Slurm sweep folder an argument names (a sweep node or `{sweepDir}`), if it is one. */
export async function slurmSweepOfArg(arg: unknown): Promise<string | undefined> {
  const folder = sweepDirOfArg(arg);
  if (folder === undefined) {
    return undefined;
  }
  try {
    const index = sweepIndexSchema.parse(
      JSON.parse(await fs.readFile(path.join(folder, runFiles.sweepIndex), 'utf8')),
    );
    return slurmInfoOf(index) === undefined ? undefined : folder;
  } catch {
    return undefined;
  }
}

/** Stop on a Slurm sweep: `sweep cancel` (scancel of every submission). */
export async function cancelSlurmSweep(s: Services, sweepDir: string): Promise<void> {
  const name = path.basename(sweepDir);
  try {
    const r = await slurmSweeps(s).cancel(sweepDir);
    s.log.info(`sweep ${name}: cancelled Slurm job(s) ${r.cancelled.join(', ')}`);
    void vscode.window.showInformationMessage(
      r.cancelled.length === 0
        ? `Replens: sweep ${name} had no Slurm job to cancel.`
        : `Replens: cancelled Slurm job ${r.cancelled.join(', ')} of sweep ${name}.`,
    );
  } catch (e) {
    showCliError(s, `could not cancel sweep ${name}`, e);
  }
  void vscode.commands.executeCommand('replens.refreshRuns');
}

/** Resubmit Failed Tasks: a new array of a Slurm sweep's failed tasks, resuming their runs. */
export async function resubmitFailedTasks(
  s: Services,
  arg: unknown,
): Promise<Submission | undefined> {
  const sweepDir = await slurmSweepOfArg(arg);
  if (sweepDir === undefined) {
    void vscode.window.showInformationMessage(
      'Replens: Resubmit Failed Tasks works on a sweep submitted to Slurm (pick it in the Runs view).',
    );
    return undefined;
  }
  const name = path.basename(sweepDir);
  try {
    const sub = await slurmSweeps(s).resubmitFailed(sweepDir);
    const which = sub.indices === undefined ? '' : ` (${sub.indices.join(', ')})`;
    s.log.info(`sweep ${name}: resubmitted ${sub.tasks} tasks${which} as Slurm job ${sub.jobId}`);
    void vscode.window.showInformationMessage(
      `Replens: resubmitted ${sub.tasks} failed ${sub.tasks === 1 ? 'task' : 'tasks'} of sweep ${name} as Slurm job ${sub.jobId}.`,
    );
    return sub;
  } catch (e) {
    if (e instanceof SweepCliError && e.code === 2) {
      // Nothing to resubmit: the CLI says why.
      void vscode.window.showInformationMessage(`Replens: ${name}: ${e.message}`);
      return undefined;
    }
    showCliError(s, `could not resubmit the failed tasks of ${name}`, e);
    return undefined;
  } finally {
    void vscode.commands.executeCommand('replens.refreshRuns');
  }
}

/** Shows a CLI failure: its stderr as printed (sbatch's own words), logged too. */
function showCliError(s: Services, what: string, e: unknown): void {
  const text = e instanceof Error ? e.message : String(e);
  s.log.error(`${what}: ${text}`);
  const showLog = 'Show Log';
  void vscode.window
    .showErrorMessage(`Replens: ${what}: ${text}`, showLog)
    .then((choice) => (choice === showLog ? s.log.show() : undefined));
}
