/**
 * The runs tree view (`replens.runs`): a tree data provider over {@link RunsTreeModel}, refreshed
 * by RunManager events and by file watchers on the runs roots (so runs made by the CLI appear
 * too), revealing a run when it starts, plus its item commands.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import * as config from '../config';
import { guardedCommand } from '../commands/guardedCommand';
import { slurmSweeps } from '../commands/slurmSweepCommands';
import { registerTreeCommands } from '../commands/treeCommands';
import type { Services } from '../services';
import { isActive, type RunsNode, type RunsRoot } from './runsTreeNodes';
import { RunsTreeModel } from './runsTreeModel';
import { treeItem } from './runsTreeItems';
import { pollRunFolders } from './runsFolderPoll';
import { SlurmStatusTracker } from './slurmStatusTracker';
import { externalFolderList, externalSource, registerExternalFolders } from './externalFolders';

/** Internal command returning the tree as plain data (used by extension-host tests). */
export const snapshotCommand = '_replens.runsTreeSnapshot';

/** What {@link snapshotCommand} returns. */
export interface TreeSnapshot {
  /** Change events the view has received so far (each makes it re-read what it shows). */
  changeEvents: number;
  items: TreeSnapshotItem[];
}

/** One tree item as {@link snapshotCommand} returns it. */
export interface TreeSnapshotItem {
  id?: string;
  label: string;
  description?: string;
  contextValue?: string;
  icon?: string;
  children?: TreeSnapshotItem[];
}

/** Tree data provider: the model's nodes, mapped to tree items. */
export class RunsTreeDataProvider implements vscode.TreeDataProvider<RunsNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<RunsNode[] | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subscription: vscode.Disposable;
  private changes = 0;

  constructor(private readonly model: RunsTreeModel) {
    this.subscription = model.onDidChange((nodes) => {
      this.changes += 1;
      this.emitter.fire(nodes);
    });
  }

  /** Change events fired so far. */
  get changeEvents(): number {
    return this.changes;
  }

  getTreeItem(node: RunsNode): vscode.TreeItem {
    return treeItem(node, this.model);
  }

  getChildren(node?: RunsNode): Promise<RunsNode[]> {
    return this.model.children(node);
  }

  getParent(node: RunsNode): RunsNode | undefined {
    return node.kind === 'root' || node.kind === 'externals' ? undefined : node.parent;
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

/** Creates the runs tree view, its watchers and its item commands. */
export function registerRunsTree(s: Services): vscode.Disposable[] {
  const list = externalFolderList(s);
  // Slurm sweeps are asked about only while the view is visible (and they run).
  const cli = slurmSweeps(s);
  const slurm = new SlurmStatusTracker({
    status: (dir) => cli.status(dir),
    intervalMs: config.sweepStatusIntervalMs,
    log: (line) => s.log.warn(line),
  });
  const model = new RunsTreeModel({
    slurm,
    roots: workspaceRoots,
    externals: externalSource(list),
    live: s.runs,
    runsRootFor: config.runsRootFor,
  });
  const provider = new RunsTreeDataProvider(model);
  const view = vscode.window.createTreeView('replens.runs', {
    treeDataProvider: provider,
    showCollapseAll: true,
  });
  slurm.setActive(view.visible);
  const watchers = new RootWatchers(model);
  const poll = pollRunFolders(
    () => workspaceRoots().map((r) => r.path),
    () => model.refresh(),
  );
  return [
    model,
    slurm,
    provider,
    view,
    view.onDidChangeVisibility((e) => slurm.setActive(e.visible)),
    watchers,
    poll,
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('replens.runsDirectory')) {
        watchers.rewatch();
        model.refresh();
      }
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => {
      watchers.rewatch();
      model.refresh();
    }),
    s.runs.onDidChangeRun((e) => {
      if (e.kind !== 'state') {
        return;
      }
      updateBadge(view, s);
      if (e.run.state === 'running' && e.run.runDir !== undefined) {
        void revealRun(view, model, e.run.runDir, s.log);
      }
    }),
    guardedCommand(s, snapshotCommand, async (depth?: number): Promise<TreeSnapshot> => ({
      changeEvents: provider.changeEvents,
      items: await snapshot(provider, undefined, depth ?? 4),
    })),
    ...registerTreeCommands(s, { model, view }),
    ...registerExternalFolders(s, { list, model, view }),
  ];
}

/** Runs roots of the open workspace folders (one per distinct folder on disk). */
function workspaceRoots(): RunsRoot[] {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const paths = config.workspaceRunsRoots();
  const seen = new Set<string>();
  const roots: RunsRoot[] = [];
  paths.forEach((p, i) => {
    const resolved = path.resolve(p);
    if (!seen.has(resolved)) {
      seen.add(resolved);
      roots.push({ path: resolved, label: folders[i]?.name ?? path.basename(resolved) });
    }
  });
  return roots;
}

async function revealRun(
  view: vscode.TreeView<RunsNode>,
  model: RunsTreeModel,
  runDir: string,
  log: vscode.LogOutputChannel,
): Promise<void> {
  try {
    const node = await model.findRun(runDir);
    if (node !== undefined) {
      await view.reveal(node, { select: true, focus: false, expand: false });
    }
  } catch (e) {
    log.debug(`runs tree: could not reveal ${runDir}: ${String(e)}`);
  }
}

function updateBadge(view: vscode.TreeView<RunsNode>, s: Services): void {
  const active = s.runs.runs().filter((r) => isActive(r.state)).length;
  view.badge =
    active > 0
      ? { value: active, tooltip: active === 1 ? '1 run active' : `${active} runs active` }
      : undefined;
}

/**
 * Watches every runs root. run.json is rewritten at each checkpoint, sweep.json at each job
 * change, analyses/*.json when an analysis is cached: changes of JSON files refresh. Creations and
 * deletions of anything refresh too: a folder created with its files at once (a copied run, a
 * run's first run.json) may only report the folder, and a folder moved to the trash reports only
 * itself. metrics.jsonl appends, the bulk of the events, are ignored.
 */
class RootWatchers implements vscode.Disposable {
  private disposables: vscode.Disposable[] = [];

  constructor(private readonly model: RunsTreeModel) {
    this.rewatch();
  }

  rewatch(): void {
    this.disposeWatchers();
    const changed = (uri: vscode.Uri): void => this.model.changed(uri.fsPath);
    for (const root of workspaceRoots()) {
      const watcher = vscode.workspace.createFileSystemWatcher(pattern(root.path, '**'));
      this.disposables.push(
        watcher,
        watcher.onDidCreate(changed),
        watcher.onDidDelete(changed),
        watcher.onDidChange((uri) => {
          if (uri.path.endsWith('.json')) {
            changed(uri);
          }
        }),
      );
    }
  }

  dispose(): void {
    this.disposeWatchers();
  }

  private disposeWatchers(): void {
    for (const d of this.disposables) {
      d.dispose();
    }
    this.disposables = [];
  }
}

/**
 * A glob under a runs root. Relative to the workspace folder that contains the root when there
 * is one, so the workspace's own watcher serves it even before the root folder exists.
 */
function pattern(root: string, glob: string): vscode.RelativePattern {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const rel = path.relative(folder.uri.fsPath, root);
    if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))) {
      const prefix = rel === '' ? '' : `${rel.split(path.sep).join('/')}/`;
      return new vscode.RelativePattern(folder, `${prefix}${glob}`);
    }
  }
  return new vscode.RelativePattern(vscode.Uri.file(root), glob);
}

async function snapshot(
  provider: RunsTreeDataProvider,
  node: RunsNode | undefined,
  depth: number,
): Promise<TreeSnapshotItem[]> {
  const children = await provider.getChildren(node);
  return Promise.all(
    children.map(async (child) => {
      const t = provider.getTreeItem(child);
      const label = typeof t.label === 'string' ? t.label : (t.label?.label ?? '');
      const out: TreeSnapshotItem = {
        id: t.id,
        label,
        description: typeof t.description === 'string' ? t.description : undefined,
        contextValue: t.contextValue,
        icon: t.iconPath instanceof vscode.ThemeIcon ? t.iconPath.id : undefined,
      };
      if (depth > 1 && t.collapsibleState !== vscode.TreeItemCollapsibleState.None) {
        out.children = await snapshot(provider, child, depth - 1);
      }
      return out;
    }),
  );
}
