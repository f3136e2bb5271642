/**
 * Commands that open and export views: Open Run, Compare Runs, Show Analysis…, Export Figure.
 * Handlers only read their arguments (or ask with a quick pick) and call the panels.
 */
import * as vscode from 'vscode';
import type { Services } from '../services';
import {
  type AnalysedConfig,
  type AnalysisView,
  analyses,
  applicableAnalyses,
} from '../shared/analyses';
import { experimentConfigSchema } from '../shared/experimentConfig';
import { tryReadManifestAsync } from '../storage/runStore';
import { type ExportFormat, exportFormats } from '../shared/protocol/panelProtocol';
import { configPathOfArg, runDirOfArg, runDirsOfArg } from './commandArgs';
import { activePanel } from './panelHost';
import { latestRunOfConfig, pickRuns } from './runPicker';
import { openTrainingPanel } from './trainingPanel';
import { sweepOfRun } from './universalityTargets';

/** Runs a command body; failures go to the log and an error notification. */
function guarded<A extends unknown[]>(
  s: Services,
  command: string,
  body: (...args: A) => Promise<void>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await body(...args);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      s.log.error(`${command}: ${message}`);
      void vscode.window.showErrorMessage(message);
    }
  };
}

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

/** The run an analysis argument refers to: a run folder, the newest run of a config, or a pick. */
async function analysisRun(s: Services, arg: unknown): Promise<string | undefined> {
  const configPath = configPathOfArg(arg);
  if (configPath !== undefined) {
    const run = await latestRunOfConfig(s, configPath);
    if (run === undefined) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('This experiment has no run yet: run it first.'),
      );
    }
    return run?.runDir;
  }
  return (
    runDirOfArg(arg) ??
    (await pickRuns(s, { many: false, title: vscode.l10n.t('Show Analysis of Run') }))?.[0]
  );
}

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

/** `replens.showAnalysis`: the analyses available for a run, as a quick pick. */
async function showAnalysis(s: Services, arg: unknown): Promise<void> {
  const runDir = await analysisRun(s, arg);
  if (runDir === undefined) {
    return;
  }
  const training: AnalysisItem = {
    label: `$(graph-line) ${vscode.l10n.t('Training curves')}`,
    detail: vscode.l10n.t('Loss and accuracy over the steps, train and test'),
    open: (dir) => void openTrainingPanel(s, [dir]),
  };
  const manifest = await tryReadManifestAsync(runDir);
  const config = experimentConfigSchema.safeParse(manifest?.config);
  const items = config.success
    ? [training, ...catalogueItems(config.data, sweepOfRun(runDir) !== undefined)]
    : [training];
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

/** Registers the view commands. */
export function registerViewCommands(s: Services): vscode.Disposable[] {
  const reg = <A extends unknown[]>(id: string, body: (...args: A) => Promise<void>) =>
    vscode.commands.registerCommand(id, guarded(s, id, body));
  return [
    reg('replens.openRun', (arg: unknown, sel: unknown) => openRun(s, arg, sel)),
    reg('replens.compareRuns', (arg: unknown, sel: unknown) => compareRuns(s, arg, sel)),
    reg('replens.showAnalysis', (arg: unknown) => showAnalysis(s, arg)),
    reg('replens.exportFigure', (arg: unknown) => exportFigure(arg)),
  ];
}
