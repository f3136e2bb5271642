/**
 * External folders in the runs tree: "Open Folder in Replens" (palette: a folder picker; the
 * explorer's folder context menu: that folder) checks the folder and adds it to the persisted
 * list, "Remove from Replens" forgets it (its files stay as they are), and a watcher per folder
 * refreshes the tree when step files appear or go away.
 */
import * as vscode from 'vscode';
import { guardedCommand } from '../commands/guardedCommand';
import type { Services } from '../services';
import { externalLayoutOf } from '../storage/external/externalFolder';
import { type ExternalFolderCheck, checkExternalFolder } from './externalFolderCheck';
import { ExternalFolderList } from './externalFolderList';
import type { ExternalSource } from './externalNodes';
import type { RunsTreeModel } from './runsTreeModel';
import type { ExternalNode, RunsNode } from './runsTreeNodes';

/** What the external folder commands need from the runs tree. */
export interface ExternalTree {
  list: ExternalFolderList;
  model: RunsTreeModel;
  view: vscode.TreeView<RunsNode>;
}

/** The workspace's persisted list of external folders. */
export function externalFolderList(s: Services): ExternalFolderList {
  return new ExternalFolderList(s.context.workspaceState);
}

/** The tree model's view of the list: its folders and their layouts. */
export function externalSource(list: ExternalFolderList): ExternalSource {
  return { folders: () => list.folders(), layoutOf: externalLayoutOf };
}

/** Registers the commands and the watchers of the external folders. */
export function registerExternalFolders(s: Services, tree: ExternalTree): vscode.Disposable[] {
  const watchers = new ExternalWatchers(tree);
  return [
    tree.list,
    watchers,
    tree.list.onDidChange(() => {
      watchers.rewatch();
      tree.model.refresh();
    }),
    guardedCommand(s, 'replens.openFolderInReplens', (arg: unknown, selection: unknown) =>
      openFolders(tree, foldersOfArg(arg, selection)),
    ),
    guardedCommand(s, 'replens.removeExternalFolder', (arg: unknown) => removeFolder(tree, arg)),
  ];
}

/** Folder URIs of an explorer (multi-)selection or a path argument; none asks with a picker. */
function foldersOfArg(arg: unknown, selection: unknown): vscode.Uri[] | undefined {
  if (Array.isArray(selection) && selection.every((u) => u instanceof vscode.Uri)) {
    return selection.length > 0 ? selection : undefined;
  }
  if (arg instanceof vscode.Uri) {
    return [arg];
  }
  return typeof arg === 'string' && arg.length > 0 ? [vscode.Uri.file(arg)] : undefined;
}

/**
 * Adds each folder that is a recognised layout; each other one gets a message naming it and
 * what it lacks. Resolves with the checks (for tests and callers).
 */
async function openFolders(
  tree: ExternalTree,
  given: vscode.Uri[] | undefined,
): Promise<ExternalFolderCheck[]> {
  const uris =
    given ??
    (await vscode.window.showOpenDialog({
      canSelectFolders: true,
      canSelectFiles: false,
      canSelectMany: true,
      openLabel: vscode.l10n.t('Open in Replens'),
      title: vscode.l10n.t('Open Folder in Replens (activations or Hugging Face Trainer output)'),
    })) ??
    [];
  const checks = uris.map((uri) =>
    uri.scheme === 'file'
      ? checkExternalFolder(uri.fsPath)
      : { ok: false as const, dir: uri.toString(), message: onlyLocal(uri) },
  );
  for (const check of checks) {
    if (check.ok) {
      await tree.list.add(check.dir);
    } else {
      void vscode.window.showWarningMessage(check.message);
    }
  }
  const added = checks.find((c) => c.ok);
  if (added !== undefined) {
    await revealExternal(tree, added.dir);
  }
  return checks;
}

function onlyLocal(uri: vscode.Uri): string {
  return vscode.l10n.t(
    'Only folders on this machine can be opened in Replens ({0})',
    uri.toString(),
  );
}

/** Shows the Runs view with the folder's node selected. */
async function revealExternal(tree: ExternalTree, dir: string): Promise<void> {
  await vscode.commands.executeCommand('replens.runs.focus');
  const group = (await tree.model.children()).find((n) => n.kind === 'externals');
  const node =
    group === undefined
      ? undefined
      : (await tree.model.children(group)).find((n) => n.kind === 'external' && n.dir === dir);
  if (node !== undefined) {
    await tree.view.reveal(node, { select: true, focus: false });
  }
}

/** `replens.removeExternalFolder`: a tree node, a path or a URI; else the tree's selection. */
async function removeFolder(tree: ExternalTree, arg: unknown): Promise<boolean> {
  const node = isExternalNode(arg) ? arg : tree.view.selection.find(isExternalNode);
  const dir = typeof arg === 'string' ? arg : arg instanceof vscode.Uri ? arg.fsPath : node?.dir;
  return dir === undefined ? false : tree.list.remove(dir);
}

function isExternalNode(arg: unknown): arg is ExternalNode {
  return typeof arg === 'object' && arg !== null && (arg as { kind?: unknown }).kind === 'external';
}

/**
 * One watcher per external folder: files created or deleted (a new step, a folder moved away)
 * refresh the tree; the analyses' cache under `.replens/` does not.
 */
class ExternalWatchers implements vscode.Disposable {
  private disposables: vscode.Disposable[] = [];

  constructor(private readonly tree: ExternalTree) {
    this.rewatch();
  }

  rewatch(): void {
    this.dispose();
    const changed = (uri: vscode.Uri): void => {
      if (!/[\\/]\.replens([\\/]|$)/.test(uri.fsPath)) {
        this.tree.model.refresh();
      }
    };
    for (const dir of this.tree.list.folders()) {
      const watcher = vscode.workspace.createFileSystemWatcher(
        new vscode.RelativePattern(vscode.Uri.file(dir), '**'),
      );
      this.disposables.push(watcher, watcher.onDidCreate(changed), watcher.onDidDelete(changed));
    }
  }

  dispose(): void {
    for (const d of this.disposables) {
      d.dispose();
    }
    this.disposables = [];
  }
}
