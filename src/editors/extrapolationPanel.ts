/**
 * Host side of the rule-extrapolation panel (`replens.extrapolation`): the runs of one or more run
 * or sweep folders side by side (validation loss against OOD rule accuracy over checkpoints,
 * sample completions). The key is the sorted absolute folders, so the same selection always
 * reveals the same panel and a restore needs no disk access. The data is computed in a worker on
 * the webview's request; the host only forwards it, and tells the view when a run under one of
 * the folders changes state or a sweep index in one of them is rewritten.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  type OpenPanel,
  PanelHost,
  type PanelSpec,
  type ViewHandlers,
  findPanel,
} from '../panels/panelHost';
import type { Services } from '../services';
import type {
  ExtrapolationHostServes,
  ExtrapolationSnapshot,
  ExtrapolationViewServes,
} from '../shared/protocol/extrapolationView';
import { extrapolationMessageSchemas } from '../shared/protocol/extrapolationViewSchemas';
import { WorkerJobs } from './workerJobs';

/** View type of rule-extrapolation panels (contributed as `onWebviewPanel:replens.extrapolation`). */
export const extrapolationViewType = 'replens.extrapolation';

type Host = PanelHost<ExtrapolationHostServes, ExtrapolationViewServes>;
type Spec = PanelSpec<ExtrapolationHostServes, ExtrapolationViewServes>;

const settledStates: readonly string[] = ['done', 'failed', 'cancelled'];

/** Separates the folders in a panel key (a line break: folder names practically never hold one). */
const keySeparator = '\n';

/** The folders, absolute, without duplicates, sorted (the order of a key). */
function normalizeFolders(folders: readonly string[]): string[] {
  return [...new Set(folders.map((f) => path.resolve(f)))].sort();
}

/** The panel key of some folders: the sorted absolute folders, one per line. */
export function extrapolationKey(folders: readonly string[]): string {
  return normalizeFolders(folders).join(keySeparator);
}

/** The folders a saved panel key names (the inverse of `extrapolationKey`). */
export function extrapolationFoldersOfKey(key: string): string[] {
  const folders = key.split(keySeparator);
  if (key === '' || !folders.every((f) => path.isAbsolute(f))) {
    throw new Error(`not a rule-extrapolation panel key: ${key.slice(0, 200)}`);
  }
  return folders;
}

function snapshot(folders: readonly string[]): ExtrapolationSnapshot {
  const sources = normalizeFolders(folders);
  const names = sources.map((f) => path.basename(f));
  const shown = names.length > 3 ? [...names.slice(0, 3), `+${names.length - 3}`] : names;
  const title = vscode.l10n.t('Rule Extrapolation: {0}', shown.join(', '));
  return { key: sources.join(keySeparator), title, sources };
}

function spec(s: Services, snap: ExtrapolationSnapshot): Spec {
  return {
    viewType: extrapolationViewType,
    key: snap.key,
    title: snap.title,
    scripts: ['plotly-strict.min.js', 'extrapolation.js'],
    styles: ['extrapolation.css'],
    schemas: extrapolationMessageSchemas,
    exportDir: vscode.Uri.file(snap.sources[0]),
    iconPath: vscode.Uri.joinPath(s.context.extensionUri, 'media', 'replens.svg'),
  };
}

/** Whether `dir` is `folder` or lies below it. */
function isWithin(folder: string, dir: string): boolean {
  const rel = path.relative(folder, dir);
  return rel === '' || (rel.split(path.sep)[0] !== '..' && !path.isAbsolute(rel));
}

/** Tells the view when a sweep index in one of the folders is written; returns the watchers. */
function watchSweepIndexes(host: Host, folders: readonly string[]): vscode.Disposable {
  const onIndex = (): void =>
    host.notify('extrapolation/changed', { detail: 'sweep index updated', settled: true });
  // Sweeps from the CLI (or the Run Sweep command) rewrite sweep.json whenever a job changes.
  return vscode.Disposable.from(
    ...folders.flatMap((folder) => {
      const index = vscode.workspace.createFileSystemWatcher(
        new vscode.RelativePattern(vscode.Uri.file(folder), 'sweep.json'),
      );
      return [index, index.onDidChange(onIndex), index.onDidCreate(onIndex)];
    }),
  );
}

/** Runs of this window under one of the folders that change state. */
function watchRuns(s: Services, host: Host, folders: readonly string[]): vscode.Disposable {
  return s.runs.onDidChangeRun(({ run, kind }) => {
    if (kind !== 'state' || run.runDir === undefined) {
      return;
    }
    const runDir = path.resolve(run.runDir);
    if (folders.some((folder) => isWithin(folder, runDir))) {
      const name = run.runId ?? path.basename(runDir);
      const settled = settledStates.includes(run.state);
      host.notify('extrapolation/changed', { detail: `run ${name}: ${run.state}`, settled });
    }
  });
}

function setup(s: Services, snap: ExtrapolationSnapshot) {
  return (host: Host): ViewHandlers<ExtrapolationHostServes> => {
    const jobs = host.register(new WorkerJobs(s.workers));
    host.register(watchSweepIndexes(host, snap.sources));
    host.register(watchRuns(s, host, snap.sources));
    return {
      'view/ready': () => Promise.resolve(snap),
      'extrapolation/load': () => jobs.run('analysis/extrapolation', { sources: snap.sources }),
    };
  };
}

function panelContext(s: Services): { extensionUri: vscode.Uri; log: vscode.LogOutputChannel } {
  return { extensionUri: s.context.extensionUri, log: s.log };
}

/** Fails with a readable message when there is no folder or one is not a folder. */
async function checkFolders(folders: readonly string[]): Promise<void> {
  if (folders.length === 0) {
    throw new Error(vscode.l10n.t('No run or sweep folder to compare.'));
  }
  for (const folder of folders) {
    const uri = vscode.Uri.file(folder);
    const stat = await vscode.workspace.fs.stat(uri).then(
      (st) => st,
      () => undefined,
    );
    if (stat === undefined || (stat.type & vscode.FileType.Directory) === 0) {
      throw new Error(vscode.l10n.t('Not a run or sweep folder: {0}', uri.fsPath));
    }
  }
}

/** A new webview panel of this view type in `column`. */
function createPanel(s: Services, title: string, column: vscode.ViewColumn): vscode.WebviewPanel {
  const ext = s.context.extensionUri;
  return vscode.window.createWebviewPanel(
    extrapolationViewType,
    title,
    { viewColumn: column, preserveFocus: false },
    {
      enableScripts: true,
      localResourceRoots: [
        vscode.Uri.joinPath(ext, 'dist', 'webview'),
        vscode.Uri.joinPath(ext, 'media'),
      ],
    },
  );
}

/**
 * Opens (or reveals) the rule-extrapolation panel of some run or sweep folders, beside the active
 * editor unless `column` is given. Rejects when there is no folder or one cannot be opened.
 */
export async function openExtrapolationPanel(
  s: Services,
  folders: string[],
  column?: vscode.ViewColumn,
): Promise<OpenPanel> {
  const snap = snapshot(folders);
  await checkFolders(snap.sources);
  const panelSpec = spec(s, snap);
  const existing = findPanel(extrapolationViewType, snap.key);
  if (existing !== undefined) {
    existing.panel.reveal(column, false);
    return existing;
  }
  if (column === undefined) {
    return PanelHost.show(panelContext(s), panelSpec, setup(s, snap));
  }
  const panel = createPanel(s, snap.title, column);
  return PanelHost.adopt(panelContext(s), panel, panelSpec, setup(s, snap));
}

/** Restores a rule-extrapolation panel after a reload from the key it saved. */
export function restoreExtrapolationPanel(
  s: Services,
  panel: vscode.WebviewPanel,
  key: string,
): void {
  const snap = snapshot(extrapolationFoldersOfKey(key));
  PanelHost.adopt(panelContext(s), panel, spec(s, snap), setup(s, snap));
}
