/** Typed access to the `replens.*` settings (all read live, at the moment they are needed). */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BackendChoice } from './shared/experimentConfig';

const section = 'replens';

/** Runs root for a file: `replens.runsDirectory` resolved against the file's workspace folder. */
export function runsRootFor(file: string): string {
  const uri = vscode.Uri.file(file);
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const setting = vscode.workspace
    .getConfiguration(section, uri)
    .get<string>('runsDirectory', '.replens/runs');
  const base = folder?.uri.fsPath ?? path.dirname(file);
  return path.isAbsolute(setting) ? setting : path.join(base, setting);
}

/** Every runs root of the open workspace folders. */
export function workspaceRunsRoots(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).map((f) => {
    const setting = vscode.workspace
      .getConfiguration(section, f.uri)
      .get<string>('runsDirectory', '.replens/runs');
    return path.isAbsolute(setting) ? setting : path.join(f.uri.fsPath, setting);
  });
}

export function nodePath(): string {
  return vscode.workspace.getConfiguration(section).get<string>('nodePath', '');
}

export function backend(): BackendChoice {
  return vscode.workspace.getConfiguration(section).get<BackendChoice>('backend', 'auto');
}

export function concurrency(): number {
  return vscode.workspace.getConfiguration(section).get<number>('concurrency', 1);
}

/** `replens.sweep.executor`: where Run Sweep runs its jobs (`ask` offers Slurm when sbatch is there). */
export function sweepExecutor(): 'ask' | 'local' | 'slurm' {
  const value = vscode.workspace.getConfiguration(section).get<string>('sweep.executor', 'ask');
  return value === 'local' || value === 'slurm' ? value : 'ask';
}

/** `replens.sweep.statusInterval` in ms: how often the runs tree asks Slurm about a running sweep. */
export function sweepStatusIntervalMs(): number {
  const seconds = vscode.workspace
    .getConfiguration(section)
    .get<number>('sweep.statusInterval', 10);
  return Math.max(2, seconds) * 1000;
}
