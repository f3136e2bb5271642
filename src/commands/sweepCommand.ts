/**
 * `replens.runSweep`: runs the config's sweep through the CLI (`dist/cli.js sweep … --json`) in a
 * child process, shows its `[k/n] run …` progress lines in a cancellable notification (cancel sends
 * SIGINT: runs stop after their current step and stay resumable) and summarises the sweep index.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import * as vscode from 'vscode';
import * as settings from '../config';
import { sweepJobs } from '../codelens/lensModel';
import type { Services } from '../services';
import { type SweepIndex, sweepIndexSchema } from '../shared/runManifest';
import { configStem, loadValidConfig, requireTrust, resolveConfigUri } from './configTarget';

type Progress = vscode.Progress<{ message?: string; increment?: number }>;

interface CliOutcome {
  code: number | string;
  stdout: string;
  /** Last stderr line (the reason, for bad input). */
  lastError: string;
}

/** Runs a config's sweep; resolves when the CLI has exited and the outcome was shown. */
export async function runSweep(s: Services, arg: unknown): Promise<void> {
  if (!requireTrust()) {
    return;
  }
  const uri = await resolveConfigUri(arg);
  const valid = uri === undefined ? undefined : await loadValidConfig(uri);
  if (uri === undefined || valid === undefined) {
    return;
  }
  // The CLI reads the file, so unsaved edits must reach the disk first.
  if (valid.document.isDirty && !(await valid.document.save())) {
    void vscode.window.showWarningMessage('Replens: save the config to run its sweep.');
    return;
  }
  const backend = settings.backend();
  const args = [
    path.join(s.context.extensionPath, 'dist', 'cli.js'),
    ...['sweep', uri.fsPath, '--out', settings.runsRootFor(uri.fsPath), '--json'],
    // The setting applies when the config leaves the backend to `auto` (as for single runs).
    ...(valid.config.backend === 'auto' && backend !== 'auto' ? ['--backend', backend] : []),
  ];
  const label = configStem(uri.fsPath);
  const jobs = sweepJobs(valid.config);
  const outcome = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `Replens: sweep ${label}`,
      cancellable: true,
    },
    (progress, token) => {
      progress.report({ message: `0/${jobs} runs` });
      return runCli(s, args, label, progress, token);
    },
  );
  const analyses = new Set(valid.config.analyses.map((a) => a.kind));
  reportSweep(s, label, outcome, analyses.has('completeness'));
}

function runCli(
  s: Services,
  args: string[],
  label: string,
  progress: Progress,
  token: vscode.CancellationToken,
): Promise<CliOutcome> {
  const node = settings.nodePath() || process.execPath;
  s.log.info(`sweep ${label}: ${node} ${args.join(' ')}`);
  const child = spawn(node, args, {
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let lastError = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  createInterface({ input: child.stderr }).on('line', (line) => {
    s.log.info(`[sweep ${label}] ${line}`);
    lastError = line.trim() === '' ? lastError : line;
    const m = /^\[(\d+)\/(\d+)\]\s+(.*)$/.exec(line);
    if (m !== null) {
      progress.report({ message: `${m[1]}/${m[2]} · ${m[3]}`, increment: 100 / Number(m[2]) });
    }
  });
  const cancel = token.onCancellationRequested(() => child.kill('SIGINT'));
  return new Promise((resolve) => {
    child.once('error', (e) => resolve({ code: e.message, stdout, lastError: e.message }));
    child.once('close', (code, signal) => {
      cancel.dispose();
      resolve({ code: code ?? signal ?? 'unknown', stdout, lastError });
    });
  });
}

function reportSweep(s: Services, label: string, outcome: CliOutcome, completeness: boolean): void {
  const index = parseIndex(outcome.stdout);
  const sweepDir = sweepDirOf(outcome.stdout);
  const runs = index?.runs ?? [];
  const done = runs.filter((r) => r.status === 'done');
  const accs = done.flatMap((r) => (r.final === undefined ? [] : [r.final.testAcc]));
  const summary =
    accs.length === 0
      ? ''
      : `, test acc ${Math.min(...accs).toFixed(3)}–${Math.max(...accs).toFixed(3)}`;
  const counts = `${done.length}/${runs.length} runs done${summary}`;
  const showLog = 'Show Log';
  const showCompleteness = 'Show Completeness';
  const onChoice = (choice: string | undefined): void => {
    if (choice === showLog) {
      s.log.show();
    } else if (choice === showCompleteness) {
      void vscode.commands.executeCommand('replens.showCompleteness', { runDir: sweepDir });
    }
  };
  // A finished or stopped sweep can be analysed as far as it got.
  const actions =
    completeness && sweepDir !== undefined && done.length > 0 ? [showCompleteness] : [];
  if (outcome.code === 0) {
    void vscode.window
      .showInformationMessage(`Replens: sweep ${label}: ${counts}.`, ...actions)
      .then(onChoice);
  } else if (outcome.code === 130) {
    void vscode.window
      .showInformationMessage(`Replens: sweep ${label} stopped: ${counts}.`, ...actions)
      .then(onChoice);
  } else if (outcome.code === 1 && index !== undefined) {
    void vscode.window
      .showWarningMessage(`Replens: sweep ${label}: ${counts}; some runs failed.`, showLog)
      .then(onChoice);
  } else {
    const why = outcome.lastError || `exit ${String(outcome.code)}`;
    void vscode.window
      .showErrorMessage(`Replens: sweep ${label} failed: ${why}`, showLog)
      .then(onChoice);
  }
}

/** The sweep folder the CLI's `--json` document names. */
function sweepDirOf(stdout: string): string | undefined {
  try {
    const dir = (JSON.parse(stdout) as { sweepDir?: unknown }).sweepDir;
    return typeof dir === 'string' ? dir : undefined;
  } catch {
    return undefined;
  }
}

function parseIndex(stdout: string): SweepIndex | undefined {
  try {
    const parsed = sweepIndexSchema.safeParse(JSON.parse(stdout));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
