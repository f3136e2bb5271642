/**
 * Commands across the views: Show Analysis… (the analyses a run offers, each opening its view)
 * and Export Figure (the active panel's figure). Handlers only read their arguments (or ask with
 * a quick pick) and call the panels.
 */
import * as vscode from 'vscode';
import { guardedCommand } from '../commands/guardedCommand';
import type { Services } from '../services';
import {
  type AnalysedConfig,
  type AnalysisSpec,
  type AnalysisView,
  analyses,
  analysisKinds,
  applicableAnalyses,
} from '../shared/analyses';
import { tryRunConfigOf } from '../shared/runConfig';
import { tryReadManifestAsync } from '../storage/runStore';
import { type ExportFormat, exportFormats } from '../shared/protocol/panelProtocol';
import { runOfArgOrConfig } from './analysisTargets';
import { runFolderOfArg } from './commandArgs';
import { isExternalFolder } from './externalChoice';
import { activePanel } from './panelHost';
import { sweepOfRun } from '../storage/runLayout';

interface AnalysisItem extends vscode.QuickPickItem {
  open(runDir: string): Thenable<unknown> | void;
}

/** The catalogue's views of the analyses that apply to a run (sweep views: runs of a sweep). */
function catalogueItems(config: AnalysedConfig, inSweep: boolean): AnalysisItem[] {
  return applicableAnalyses(config)
    .flatMap((kind): readonly AnalysisView[] => analyses[kind].views)
    .filter((view) => inSweep || view.needsSweep !== true)
    .map((view) => ({
      label: `$(${view.icon}) ${vscode.l10n.t(view.label)}`,
      detail: vscode.l10n.t(view.detail),
      open: (dir: string) => vscode.commands.executeCommand(view.command, { runDir: dir }),
    }));
}

/** The catalogue's views of the analyses that accept an external folder (its tree item). */
function externalItems(): AnalysisItem[] {
  return analysisKinds
    .filter((kind) => (analyses[kind] as AnalysisSpec).external === true)
    .flatMap((kind): readonly AnalysisView[] => analyses[kind].views)
    .filter((view) => view.needsSweep !== true)
    .map((view) => ({
      label: `$(${view.icon}) ${vscode.l10n.t(view.label)}`,
      detail: vscode.l10n.t(view.detail),
      open: (dir: string) =>
        vscode.commands.executeCommand(view.command, { kind: 'external', dir }),
    }));
}

/** `replens.showAnalysis`: the analyses available for a run or external folder, as a quick pick. */
async function showAnalysis(s: Services, arg: unknown): Promise<void> {
  const title = vscode.l10n.t('Show Analysis of Run');
  const runDir = await runOfArgOrConfig(s, arg, runFolderOfArg, title, true);
  if (runDir === undefined) {
    return;
  }
  if (isExternalFolder(runDir)) {
    const picked = await vscode.window.showQuickPick(externalItems(), {
      title: vscode.l10n.t('Show Analysis…'),
      placeHolder: vscode.workspace.asRelativePath(runDir),
    });
    await picked?.open(runDir);
    return;
  }
  const training: AnalysisItem = {
    label: `$(graph-line) ${vscode.l10n.t('Training curves')}`,
    detail: vscode.l10n.t('Loss and accuracy over the steps, train and test'),
    open: (dir) => vscode.commands.executeCommand('replens.openRun', dir),
  };
  const manifest = await tryReadManifestAsync(runDir);
  const config = manifest === undefined ? undefined : tryRunConfigOf(manifest);
  const items =
    config === undefined
      ? [training]
      : [training, ...catalogueItems(config, sweepOfRun(runDir) !== undefined)];
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Show Analysis…'),
    placeHolder: vscode.workspace.asRelativePath(runDir),
  });
  await picked?.open(runDir);
}

const formatLabels: Record<ExportFormat, string> = {
  png: 'PNG image',
  svg: 'SVG image',
  csv: 'CSV data',
  json: 'JSON data',
};

/** `replens.exportFigure`: the active Replens panel's figure (or its data) to a file. */
async function exportFigure(arg: unknown): Promise<void> {
  const target = activePanel();
  if (target === undefined) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Open a Replens panel (for example Open Run) to export its figure.'),
    );
    return;
  }
  const given = exportFormats.find((f) => f === arg);
  const format =
    given ??
    (
      await vscode.window.showQuickPick(
        exportFormats.map((f) => ({ label: f.toUpperCase(), description: formatLabels[f], f })),
        { title: vscode.l10n.t('Export Figure as') },
      )
    )?.f;
  if (format !== undefined) {
    await target.saveFigure(await target.renderFigure(format));
  }
}

/** Internal command: the active panel's figure file in a format (used by extension-host tests). */
export const activeFigureCommand = '_replens.activePanelFigure';

/** Registers Show Analysis… and Export Figure. */
export function registerViewCommands(s: Services): vscode.Disposable[] {
  return [
    guardedCommand(s, activeFigureCommand, (format: ExportFormat) =>
      activePanel()?.renderFigure(format),
    ),
    guardedCommand(s, 'replens.showAnalysis', (arg: unknown) => showAnalysis(s, arg)),
    guardedCommand(s, 'replens.exportFigure', (arg: unknown) => exportFigure(arg)),
  ];
}
