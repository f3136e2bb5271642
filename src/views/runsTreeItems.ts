/** Maps runs tree nodes to VS Code tree items: icons, descriptions, tooltips, clicks, menus. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { viewOfAnalysisFile } from '../shared/analyses';
import type { RunsTreeModel } from './runsTreeModel';
import {
  type DisplayStatus,
  type ExternalNode,
  type PendingNode,
  type RunNode,
  type RunsNode,
  type SweepNode,
  runContextValue,
} from './runsTreeNodes';
import { lineageContextValue, lineageDescription } from './runsTreeLineage';
import { esc, runDescription, runLabel, runTooltip, sweepDescription } from './runsTreeText';
import { sweepContextValue } from './slurmTreeNodes';
import {
  slurmSweepDescription,
  slurmSweepTooltip,
  taskDescription,
  taskTooltip,
} from './slurmTreeText';
import { externalDescription, externalTooltip } from './externalText';

/** Custom editor that opens checkpoints (contributed in package.json). */
export const checkpointEditorViewType = 'replens.checkpoint';

const none = vscode.TreeItemCollapsibleState.None;
const collapsed = vscode.TreeItemCollapsibleState.Collapsed;
const expanded = vscode.TreeItemCollapsibleState.Expanded;

/** Codicon (and colour) of each status. */
export function statusIcon(status: DisplayStatus): vscode.ThemeIcon {
  const color = (id: string): vscode.ThemeColor => new vscode.ThemeColor(id);
  switch (status) {
    case 'running':
      return new vscode.ThemeIcon('sync~spin');
    case 'done':
      return new vscode.ThemeIcon('pass', color('testing.iconPassed'));
    case 'failed':
      return new vscode.ThemeIcon('error', color('testing.iconFailed'));
    case 'cancelled':
      return new vscode.ThemeIcon('circle-slash');
    case 'queued':
      return new vscode.ThemeIcon('clock');
    case 'interrupted':
      return new vscode.ThemeIcon('debug-pause', color('list.warningForeground'));
    case 'invalid':
      return new vscode.ThemeIcon('warning', color('list.warningForeground'));
  }
}

/** The tree item of a node (fresh each time: statuses change while a run trains). */
export function treeItem(node: RunsNode, model: RunsTreeModel): vscode.TreeItem {
  switch (node.kind) {
    case 'root':
      return item(node.id, node.root.label, expanded, {
        iconPath: new vscode.ThemeIcon('root-folder'),
        contextValue: 'root',
        tooltip: node.root.path,
      });
    case 'experiment':
      return item(node.id, node.name, expanded, {
        iconPath: new vscode.ThemeIcon('beaker'),
        contextValue: 'experiment',
        description: node.virtual ? 'queued' : undefined,
        tooltip: node.dir,
      });
    case 'sweep':
      return sweepItem(node);
    case 'run':
      return runItem(node, model);
    case 'pending':
      return pendingItem(node);
    case 'checkpoint': {
      const uri = vscode.Uri.file(node.file);
      return item(node.id, `step ${node.step}`, none, {
        iconPath: new vscode.ThemeIcon('package'),
        contextValue: 'checkpoint',
        description: path.basename(node.file),
        tooltip: node.file,
        resourceUri: uri,
        command: {
          command: 'vscode.openWith',
          title: 'Open Checkpoint',
          arguments: [uri, checkpointEditorViewType],
        },
      });
    }
    case 'analysis': {
      const uri = vscode.Uri.file(node.file);
      const view = viewOfAnalysisFile(node.analysisKind);
      return item(node.id, node.analysisKind, none, {
        iconPath: new vscode.ThemeIcon('graph'),
        contextValue: 'analysis',
        description: path.basename(node.file),
        tooltip: node.file,
        resourceUri: uri,
        command:
          view !== undefined
            ? {
                command: view.command,
                title: view.label,
                arguments: [{ runDir: path.dirname(path.dirname(node.file)) }],
              }
            : { command: 'vscode.open', title: 'Open Analysis', arguments: [uri] },
      });
    }
    case 'externals':
      return item(node.id, vscode.l10n.t('External folders'), expanded, {
        iconPath: new vscode.ThemeIcon('folder-library'),
        contextValue: 'externals',
        tooltip: vscode.l10n.t('Folders opened with Open Folder in Replens'),
      });
    case 'external':
      return externalItem(node);
    case 'message':
      return item(node.id, node.label, none, {
        iconPath: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
        contextValue: 'message',
        description: node.detail,
        tooltip: node.detail,
      });
  }
}

function runItem(node: RunNode, model: RunsTreeModel): vscode.TreeItem {
  const summary = model.summary(node);
  const hasFiles = node.checkpointCount + node.analysisCount > 0;
  return item(node.id, runLabel(node), hasFiles ? collapsed : none, {
    iconPath: statusIcon(summary.status),
    contextValue: lineageContextValue(runContextValue(summary), node),
    // A Slurm task's scheduler state leads: in a narrow sidebar it is what stays visible (a
    // requeued run's folder says cancelled while the scheduler has it pending again).
    description:
      (node.task ? `${taskDescription(node.task)} · ` : '') +
      runDescription(summary) +
      lineageDescription(node),
    tooltip: markdown(
      [runTooltip(node, summary), ...(node.task ? taskTooltip(node.task) : [])].join('\n'),
    ),
    command:
      summary.status === 'invalid'
        ? undefined
        : { command: 'replens.openRun', title: 'Open Run', arguments: [node] },
  });
}

function sweepItem(node: SweepNode): vscode.TreeItem {
  const i = node.index;
  const lines = [
    `**${esc(node.name)}**`,
    '',
    i ? `- Created: ${new Date(i.createdAt).toLocaleString()}` : '',
    i ? `- Jobs: ${i.runs.length}, ${i.parallel} at a time` : '',
    node.error ? `- Error: ${esc(node.error)}` : '',
    ...slurmSweepTooltip(node),
    `- Folder: \`${node.dir}\``,
  ];
  return item(node.id, node.name, collapsed, {
    iconPath: new vscode.ThemeIcon(
      'layers',
      node.error ? new vscode.ThemeColor('list.warningForeground') : undefined,
    ),
    contextValue: sweepContextValue(node),
    description: node.slurm ? slurmSweepDescription(node) : sweepDescription(node),
    tooltip: markdown(lines.filter((l, n) => n < 2 || l !== '').join('\n')),
  });
}

function externalItem(node: ExternalNode): vscode.TreeItem {
  const warn = new vscode.ThemeColor('list.warningForeground');
  return item(node.id, node.name, none, {
    iconPath: new vscode.ThemeIcon(
      node.layout === undefined ? 'warning' : 'file-symlink-directory',
      node.layout === undefined ? warn : undefined,
    ),
    contextValue: node.layout === undefined ? 'external.invalid' : 'external',
    description: externalDescription(node),
    tooltip: markdown(externalTooltip(node)),
    resourceUri: vscode.Uri.file(node.dir),
  });
}

function pendingItem(node: PendingNode): vscode.TreeItem {
  return item(node.id, node.label, none, {
    iconPath: statusIcon(node.status),
    contextValue: node.runKey === undefined ? 'job' : 'queued',
    description: [
      node.task ? taskDescription(node.task) : node.status,
      ...(node.detail ? [node.detail] : []),
    ].join(' · '),
    tooltip: node.detail,
  });
}

function item(
  id: string,
  label: string,
  state: vscode.TreeItemCollapsibleState,
  fields: Partial<vscode.TreeItem>,
): vscode.TreeItem {
  const t = new vscode.TreeItem(label, state);
  t.id = id;
  return Object.assign(t, fields);
}

function markdown(text: string): vscode.MarkdownString {
  return new vscode.MarkdownString(text);
}
