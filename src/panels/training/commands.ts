/**
 * Open Run and Compare Runs: open the training panel of one run, or of several overlaid. Handlers
 * only read their arguments (or ask with a quick pick) and open the panel.
 */
import * as vscode from 'vscode';
import { guardedCommand } from '../../commands/guardedCommand';
import type { Services } from '../../services';
import { runDirOfArg, runDirsOfArg } from '../commandArgs';
import { registerPanelSerializer } from '../panelHost';
import { pickRuns } from '../runPicker';
import { openTrainingPanel, restoreTrainingPanel, trainingViewType } from './panel';

/** `replens.openRun`: a run folder from the argument, else a quick pick. */
async function openRun(s: Services, arg: unknown, selection: unknown): Promise<void> {
  const selected = runDirsOfArg(selection);
  if (selected.length > 1) {
    openTrainingPanel(s, selected); // several runs selected in the tree: overlay them
    return;
  }
  const runDir =
    runDirOfArg(arg) ?? (await pickRuns(s, { many: false, title: vscode.l10n.t('Open Run') }))?.[0];
  if (runDir !== undefined) {
    openTrainingPanel(s, [runDir]);
  }
}

/** `replens.compareRuns`: the runs given, else a multi-select quick pick; one overlay panel. */
async function compareRuns(s: Services, arg: unknown, selection: unknown): Promise<void> {
  const given = runDirsOfArg(selection).length > 0 ? runDirsOfArg(selection) : runDirsOfArg(arg);
  const runDirs =
    given.length > 1
      ? given
      : await pickRuns(s, { many: true, title: vscode.l10n.t('Compare Runs (pick two or more)') });
  if (runDirs !== undefined && runDirs.length > 0) {
    openTrainingPanel(s, runDirs);
  }
}

/** Registers Open Run, Compare Runs and the serializer that restores training panels. */
export function registerTrainingView(s: Services): vscode.Disposable[] {
  return [
    registerPanelSerializer(
      trainingViewType,
      (panel, key) => restoreTrainingPanel(s, panel, key),
      s.log,
    ),
    guardedCommand(s, 'replens.openRun', (arg: unknown, sel: unknown) => openRun(s, arg, sel)),
    guardedCommand(s, 'replens.compareRuns', (arg: unknown, sel: unknown) =>
      compareRuns(s, arg, sel),
    ),
  ];
}
