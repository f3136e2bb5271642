/**
 * The universality commands: Show CKA Heatmap, Compare Runs by CKA, Show Stitching Matrix and
 * Show Starvation Curves. Each opens the universality panel on its view, for runs or sweeps (tree
 * selection, a folder), the newest sweep or run of a config (its lens), or what the user picks
 * (one run, several runs, or a sweep).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { guardedCommand } from '../../commands/guardedCommand';
import type { Services } from '../../services';
import type { UniversalityViewId } from '../../shared/protocol/universalityView';
import { configOfArg, foldersOfArgs, resultsOfConfig } from '../analysisTargets';
import { registerPanelSerializer } from '../panelHost';
import { knownRuns, pickRuns } from '../runPicker';
import { openUniversalityPanel, restoreUniversalityPanel, universalityViewType } from './panel';
import {
  type UniversalityCommand,
  panelFolders,
  sweepsOfRuns,
  universalityCommands,
} from './targets';

interface SweepItem extends vscode.QuickPickItem {
  sweepDir: string;
}

/** Title of a command's quick pick. */
function pickTitle(view: UniversalityViewId): string {
  switch (view) {
    case 'layers':
      return vscode.l10n.t('Show CKA Heatmap of Run');
    case 'runs':
      return vscode.l10n.t('Compare Runs by CKA (pick two or more)');
    case 'stitching':
      return vscode.l10n.t('Show Stitching Matrix (pick two or more runs)');
    case 'starvation':
      return vscode.l10n.t('Show Starvation Curves of Sweep');
  }
}

/** Lets the user pick one sweep among those of the known runs; undefined when dismissed. */
async function pickSweep(s: Services, title: string): Promise<string[] | undefined> {
  const sweeps = sweepsOfRuns((await knownRuns(s)).map((r) => r.runDir));
  if (sweeps.length === 0) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('No sweeps yet: run a sweep (Run Sweep on a *.replens.json) first.'),
    );
    return undefined;
  }
  const items = sweeps.map((w): SweepItem => ({
    label: `$(run-all) ${path.basename(path.dirname(w.sweepDir))} / ${path.basename(w.sweepDir)}`,
    description: vscode.l10n.t('{0} runs', w.runs),
    detail: vscode.workspace.asRelativePath(w.sweepDir),
    sweepDir: w.sweepDir,
  }));
  const picked = await vscode.window.showQuickPick(items, { title, matchOnDetail: true });
  return picked === undefined ? undefined : [picked.sweepDir];
}

/** The folders to show: the arguments, a config's newest results, else a pick. */
async function targetFolders(
  s: Services,
  command: UniversalityCommand,
  arg: unknown,
  selection: unknown,
): Promise<string[] | undefined> {
  const folders = foldersOfArgs(arg, selection);
  if (folders.length > 0) {
    return folders;
  }
  const configUri = configOfArg(arg);
  const fromConfig =
    configUri === undefined ? undefined : await resultsOfConfig(s, configUri.fsPath);
  if (fromConfig !== undefined) {
    return [fromConfig];
  }
  const title = pickTitle(command.view);
  return command.pick === 'sweep'
    ? pickSweep(s, title)
    : pickRuns(s, { many: command.pick === 'many', title, external: command.view === 'layers' });
}

async function showUniversality(
  s: Services,
  command: UniversalityCommand,
  arg: unknown,
  selection: unknown,
): Promise<void> {
  const folders = await targetFolders(s, command, arg, selection);
  if (folders !== undefined && folders.length > 0) {
    await openUniversalityPanel(s, panelFolders(command.view, folders), command.view);
  }
}

/** Registers the universality commands and the serializer that restores universality panels. */
export function registerUniversalityView(s: Services): vscode.Disposable[] {
  return [
    registerPanelSerializer(
      universalityViewType,
      (panel, key) => restoreUniversalityPanel(s, panel, key),
      s.log,
    ),
    ...universalityCommands.map((command) =>
      guardedCommand(s, command.id, (arg: unknown, selection: unknown) =>
        showUniversality(s, command, arg, selection),
      ),
    ),
  ];
}
