/**
 * Run and sweep folders as the source of an analysis panel: the panel key they make (so the same
 * selection always reveals the same panel and a restore needs no disk access) and the title's
 * names, checking that they exist, and telling the panel when they change (a sweep index
 * rewritten, or a run of this window under one of them changing state).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Services } from '../services';

/** A change of a source folder; `settled` when a run ended or a sweep index was rewritten. */
export interface FolderChange {
  detail: string;
  settled: boolean;
}

const settledStates: readonly string[] = ['done', 'failed', 'cancelled'];

/** Separates the folders in a panel key (a line break: folder names practically never hold one). */
const keySeparator = '\n';

/** The folders, absolute, without duplicates, sorted (the order of a key). */
export function normalizeFolders(folders: readonly string[]): string[] {
  return [...new Set(folders.map((f) => path.resolve(f)))].sort();
}

/** The panel key of some folders: the sorted absolute folders, one per line. */
export function foldersKey(folders: readonly string[]): string {
  return normalizeFolders(folders).join(keySeparator);
}

/** The folders a saved panel key names (the inverse of `foldersKey`; `panel` names the kind). */
export function foldersOfKey(key: string, panel: string): string[] {
  const folders = key.split(keySeparator);
  if (key === '' || !folders.every((f) => path.isAbsolute(f))) {
    throw new Error(`not a ${panel} panel key: ${key.slice(0, 200)}`);
  }
  return folders;
}

/** The folders' names for a panel title: the first three, then how many more (`a, b, c, +2`). */
export function folderNames(folders: readonly string[]): string {
  const names = folders.map((f) => path.basename(f));
  const shown = names.length > 3 ? [...names.slice(0, 3), `+${names.length - 3}`] : names;
  return shown.join(', ');
}

/** Whether `dir` is `folder` or lies below it. */
export function isWithin(folder: string, dir: string): boolean {
  const rel = path.relative(folder, dir);
  return rel === '' || (rel.split(path.sep)[0] !== '..' && !path.isAbsolute(rel));
}

/** Calls `notify` on every change of the folders; returns the subscriptions. */
export function watchResultFolders(
  s: Services,
  folders: readonly string[],
  notify: (change: FolderChange) => void,
): vscode.Disposable {
  const onIndex = (): void => notify({ detail: 'sweep index updated', settled: true });
  // Sweeps from the CLI (or the Run Sweep command) rewrite sweep.json whenever a job changes.
  const indexes = folders.flatMap((folder) => {
    const watcher = vscode.workspace.createFileSystemWatcher(
      new vscode.RelativePattern(vscode.Uri.file(folder), 'sweep.json'),
    );
    return [watcher, watcher.onDidChange(onIndex), watcher.onDidCreate(onIndex)];
  });
  const runs = s.runs.onDidChangeRun(({ run, kind }) => {
    if (kind !== 'state' || run.runDir === undefined) {
      return;
    }
    const runDir = path.resolve(run.runDir);
    if (folders.some((folder) => isWithin(folder, runDir))) {
      const name = run.runId ?? path.basename(runDir);
      notify({ detail: `run ${name}: ${run.state}`, settled: settledStates.includes(run.state) });
    }
  });
  return vscode.Disposable.from(...indexes, runs);
}

/** Fails with a readable message when a folder is missing or not a folder. */
export async function checkResultFolders(folders: readonly string[]): Promise<void> {
  for (const folder of folders) {
    const uri = vscode.Uri.file(path.resolve(folder));
    const stat = await vscode.workspace.fs.stat(uri).then(
      (st) => st,
      () => undefined,
    );
    if (stat === undefined || (stat.type & vscode.FileType.Directory) === 0) {
      throw new Error(vscode.l10n.t('Not a run or sweep folder: {0}', uri.fsPath));
    }
  }
}
