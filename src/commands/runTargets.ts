/**
 * Which run a stop or resume command is about: a run key, a run folder path, a tree item carrying
 * `runDir` (or `key`), or nothing, in which case the user picks from a quick pick.
 */
import * as vscode from 'vscode';
import type { RunInfo, RunManager } from '../runs/runManager';
import { allRuns } from '../storage/runFolders';
import { isFinished, runLabel, runStatusText } from './runText';

/** The session run an argument names (key, run folder, or an object with `key`/`runDir`). */
export function runFromArg(runs: RunManager, arg: unknown): RunInfo | undefined {
  if (typeof arg === 'string') {
    return runs.get(arg) ?? runs.forRunDir(arg);
  }
  if (typeof arg === 'object' && arg !== null) {
    const { key, runDir } = arg as { key?: unknown; runDir?: unknown };
    return typeof key === 'string' ? runs.get(key) : runFromArg(runs, runDir);
  }
  return undefined;
}

/** The run folder an argument names: a path, or an object with a string `runDir`. */
export function runDirFromArg(arg: unknown): string | undefined {
  if (typeof arg === 'string' && arg !== '') {
    return arg;
  }
  if (typeof arg === 'object' && arg !== null) {
    const { runDir } = arg as { runDir?: unknown };
    return typeof runDir === 'string' ? runDir : undefined;
  }
  return undefined;
}

/** The only active run, or the one the user picks; undefined (with a message) when none runs. */
export async function pickActiveRun(runs: RunManager): Promise<RunInfo | undefined> {
  const active = runs.runs().filter((r) => !isFinished(r));
  if (active.length === 0) {
    void vscode.window.showInformationMessage('Replens: no run is active.');
    return undefined;
  }
  if (active.length === 1) {
    return active[0];
  }
  const pick = await vscode.window.showQuickPick(
    active.map((run) => ({
      label: runLabel(run),
      description: runStatusText(run),
      detail: run.runDir,
      run,
    })),
    { title: 'Replens: stop which run?' },
  );
  return pick?.run;
}

/** A cancelled or failed run folder under the runs roots, picked by the user. */
export async function pickResumableRun(roots: readonly string[]): Promise<string | undefined> {
  const candidates = (await allRuns(roots)).filter(
    (r) => r.manifest.status === 'cancelled' || r.manifest.status === 'failed',
  );
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage('Replens: no stopped or failed run to resume.');
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    candidates.map(({ runDir, manifest: m }) => ({
      label: `${m.experiment} · ${m.runId}`,
      description: `${m.status} at step ${m.lastStep}/${m.steps}`,
      detail: vscode.workspace.asRelativePath(runDir),
      runDir,
    })),
    { title: 'Replens: resume which run?', matchOnDetail: true },
  );
  return pick?.runDir;
}
