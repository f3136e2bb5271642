/**
 * Which run a stop or resume command is about: a run key, a run folder path, a tree item carrying
 * `runDir` (or `key`), or nothing, in which case the user picks from a quick pick.
 */
import * as path from 'node:path';
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

/** What Stop Run stops: one run, or every unfinished job of a sweep. */
export type StopTarget = { run: RunInfo } | { sweep: SweepRuns };

/** The unfinished runs of one sweep of this session. */
export interface SweepRuns {
  sweepDir: string;
  runs: RunInfo[];
}

/** The sweep folder an argument names: a sweep tree node, or an object with `sweepDir`. */
export function sweepDirOfArg(arg: unknown): string | undefined {
  if (typeof arg !== 'object' || arg === null) {
    return undefined;
  }
  const { kind, dir, sweepDir } = arg as { kind?: unknown; dir?: unknown; sweepDir?: unknown };
  const folder = typeof sweepDir === 'string' ? sweepDir : kind === 'sweep' ? dir : undefined;
  return typeof folder === 'string' ? folder : undefined;
}

/**
 * The sweep an argument names (a sweep tree node, or an object with `sweepDir`) with its
 * unfinished runs in this session; undefined when the argument names no sweep.
 */
export function sweepFromArg(runs: RunManager, arg: unknown): SweepRuns | undefined {
  const folder = sweepDirOfArg(arg);
  if (folder === undefined) {
    return undefined;
  }
  const target = path.resolve(folder);
  const live = runs
    .runs()
    .filter((r) => r.sweep !== undefined && path.resolve(r.sweep.sweepDir) === target);
  return { sweepDir: folder, runs: live.filter((r) => !isFinished(r)) };
}

/** Unfinished sweeps of this session, by sweep folder. */
function activeSweeps(active: RunInfo[]): SweepRuns[] {
  const bySweep = new Map<string, RunInfo[]>();
  for (const run of active) {
    if (run.sweep !== undefined) {
      bySweep.set(run.sweep.sweepDir, [...(bySweep.get(run.sweep.sweepDir) ?? []), run]);
    }
  }
  return [...bySweep].map(([sweepDir, list]) => ({ sweepDir, runs: list }));
}

/**
 * The only active run, or what the user picks: a run, or a whole sweep (all its unfinished
 * jobs); undefined (with a message) when none runs.
 */
export async function pickActiveRun(runs: RunManager): Promise<StopTarget | undefined> {
  const active = runs.runs().filter((r) => !isFinished(r));
  if (active.length === 0) {
    void vscode.window.showInformationMessage('Replens: no run is active.');
    return undefined;
  }
  if (active.length === 1) {
    return { run: active[0] };
  }
  const sweepItems = activeSweeps(active).map((sweep) => ({
    label: `$(run-all) whole sweep ${path.basename(sweep.sweepDir)}`,
    description: `${sweep.runs.length} unfinished ${sweep.runs.length === 1 ? 'job' : 'jobs'}`,
    detail: sweep.sweepDir,
    target: { sweep },
  }));
  const runItems = active.map((run) => ({
    label: runLabel(run),
    description: runStatusText(run),
    detail: run.runDir,
    target: { run },
  }));
  const pick = await vscode.window.showQuickPick([...sweepItems, ...runItems], {
    title: 'Replens: stop which run?',
  });
  return pick?.target;
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
