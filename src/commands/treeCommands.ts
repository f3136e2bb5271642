/** Item commands of the runs tree: reveal a run folder, delete a finished run, refresh. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Services } from '../services';
import type { RunsTreeModel } from '../views/runsTreeModel';
import { type RunNode, type RunsNode, dirOf, isActive } from '../views/runsTreeNodes';
import { guardedCommand } from './guardedCommand';

/** What the tree commands need from the runs tree. */
export interface RunsTreeHandle {
  model: RunsTreeModel;
  view: vscode.TreeView<RunsNode>;
}

/** Registers `replens.revealRunFolder`, `replens.deleteRun` and `replens.refreshRuns`. */
export function registerTreeCommands(s: Services, tree: RunsTreeHandle): vscode.Disposable[] {
  return [
    guardedCommand(s, 'replens.revealRunFolder', (arg: unknown) =>
      revealRunFolder(targetPath(arg, tree.view)),
    ),
    guardedCommand(s, 'replens.deleteRun', (arg: unknown) =>
      deleteRun(s, tree.model, targetPath(arg, tree.view)),
    ),
    guardedCommand(s, 'replens.refreshRuns', () => tree.model.refresh()),
  ];
}

/** The folder a command argument names: a tree node, a path, a Uri, or else the selection. */
function targetPath(arg: unknown, view: vscode.TreeView<RunsNode>): string | undefined {
  if (typeof arg === 'string') {
    return arg;
  }
  if (arg instanceof vscode.Uri) {
    return arg.fsPath;
  }
  if (isNode(arg)) {
    return dirOf(arg);
  }
  const selected = view.selection[0] as RunsNode | undefined;
  return selected === undefined ? undefined : dirOf(selected);
}

function isNode(arg: unknown): arg is RunsNode {
  return typeof arg === 'object' && arg !== null && 'kind' in arg && 'id' in arg;
}

async function revealRunFolder(dir: string | undefined): Promise<void> {
  if (dir === undefined) {
    void vscode.window.showInformationMessage('Select a run in the Replens Runs view first.');
    return;
  }
  const uri = vscode.Uri.file(dir);
  if (vscode.env.remoteName === undefined) {
    await vscode.commands.executeCommand('revealFileInOS', uri);
    return;
  }
  // The OS file manager is on another machine: show the folder in the Explorer instead.
  if (vscode.workspace.getWorkspaceFolder(uri) !== undefined) {
    await vscode.commands.executeCommand('revealInExplorer', uri);
    return;
  }
  const copy = 'Copy Path';
  if ((await vscode.window.showInformationMessage(`Run folder: ${dir}`, copy)) === copy) {
    await vscode.env.clipboard.writeText(dir);
  }
}

async function deleteRun(
  s: Services,
  model: RunsTreeModel,
  dir: string | undefined,
): Promise<void> {
  if (dir === undefined) {
    void vscode.window.showInformationMessage('Select a run in the Replens Runs view first.');
    return;
  }
  // Re-read the run: the node a menu passes may predate the last refresh.
  const run = await model.findRun(dir);
  if (run === undefined) {
    throw new Error(`${dir} is not a run folder under a runs directory of this workspace`);
  }
  const reason = stillRunning(s, model, run);
  if (reason !== undefined) {
    void vscode.window.showWarningMessage(reason);
    return;
  }
  const answer = await vscode.window.showWarningMessage(
    `Delete run ${run.name}?`,
    {
      modal: true,
      detail: `${run.runDir}\n\nThe folder goes to the trash; where there is none, you are asked again.`,
    },
    'Delete',
  );
  if (answer !== 'Delete') {
    return;
  }
  const uri = vscode.Uri.file(run.runDir);
  try {
    await vscode.workspace.fs.delete(uri, { recursive: true, useTrash: true });
  } catch (e) {
    const permanently = 'Delete Permanently';
    const again = await vscode.window.showWarningMessage(
      `Could not move ${run.name} to the trash.`,
      { modal: true, detail: `${e instanceof Error ? e.message : String(e)}` },
      permanently,
    );
    if (again !== permanently) {
      return;
    }
    await vscode.workspace.fs.delete(uri, { recursive: true, useTrash: false });
  }
  s.log.info(`deleted run folder ${run.runDir}`);
  model.refresh();
}

/** Why a run may not be deleted now, if it may not. */
function stillRunning(s: Services, model: RunsTreeModel, run: RunNode): string | undefined {
  const live = s.runs.forRunDir(run.runDir) ?? s.runs.forRunDir(path.resolve(run.runDir));
  if (live !== undefined && isActive(live.state)) {
    return `Run ${run.name} is ${live.state}: stop it before deleting it.`;
  }
  const status = model.summary(run).status;
  if (status === 'running' || status === 'queued') {
    return `Run ${run.name} is still running (another process is writing to it).`;
  }
  return undefined;
}
