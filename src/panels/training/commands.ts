/**
 * Open Run, Compare Runs and Compare with Fine-tunes: open the training panel of one run, or of
 * several overlaid. Handlers
 * only read their arguments (or ask with a quick pick) and open the panel.
 */
import * as vscode from 'vscode';
import { guardedCommand } from '../../commands/guardedCommand';
import { workspaceRunsRoots } from '../../config';
import type { Services } from '../../services';
import { runDirOfArg, runDirsOfArg } from '../commandArgs';
import { registerPanelSerializer } from '../panelHost';
import { fineTunesOf } from '../runDiscovery';
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

/**
 * `replens.compareFineTunes`: a run (from the tree, else a quick pick) overlaid with every run
 * fine-tuned from it (and their fine-tunes), each drawn from its parent's checkpoint step on.
 */
async function compareFineTunes(s: Services, arg: unknown): Promise<void> {
  const runDir =
    runDirOfArg(arg) ??
    (await pickRuns(s, { many: false, title: vscode.l10n.t('Compare with Fine-tunes') }))?.[0];
  if (runDir === undefined) {
    return;
  }
  const tunes = await fineTunesOf(runDir, workspaceRunsRoots());
  if (tunes.length === 0) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('No run under the runs folders was fine-tuned from {0}.', runDir),
    );
    return;
  }
  openTrainingPanel(s, [runDir, ...tunes.map((t) => t.runDir)]);
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
    guardedCommand(s, 'replens.compareFineTunes', (arg: unknown) => compareFineTunes(s, arg)),
  ];
}
