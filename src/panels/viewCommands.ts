/**
 * Commands across the views: Show Analysis… (the analyses a run offers, each opening its view)
 * and Export Figure (the active panel's figure). Handlers only read their arguments (or ask with
 * a quick pick) and call the panels.
 */
import * as vscode from 'vscode';
import { guardedCommand } from '../commands/guardedCommand';
import type { Services } from '../services';
import { completenessTasks } from '../shared/completenessResults';
import { tryReadManifestAsync } from '../storage/runStore';
import { type ExportFormat, exportFormats } from '../shared/protocol/panelProtocol';
import { configPathOfArg, runDirOfArg } from './commandArgs';
import { activePanel } from './panelHost';
import { polcaAnalysesOfTask } from './polca/targets';
import { latestRunOfConfig, pickRuns } from './runPicker';
import { openTrainingPanel } from './training/panel';
import { sweepOfRun } from './universality/targets';

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

/** The universality analyses of an embed-mlp run (those comparing runs need its sweep). */
function universalityItems(runDir: string): AnalysisItem[] {
  const run = (command: string) => (dir: string) =>
    vscode.commands.executeCommand(command, { runDir: dir });
  const items: AnalysisItem[] = [
    {
      label: `$(table) ${vscode.l10n.t('CKA between layers')}`,
      detail: vscode.l10n.t('Layers × layers CKA over the checkpoints, with permutation tests'),
      open: run('replens.showCka'),
    },
  ];
  if (sweepOfRun(runDir) === undefined) {
    return items;
  }
  items.push(
    {
      label: `$(diff) ${vscode.l10n.t('CKA between the runs of the sweep')}`,
      detail: vscode.l10n.t('Runs × runs CKA at one layer (seeds, sizes)'),
      open: run('replens.compareRunsCka'),
    },
    {
      label: `$(combine) ${vscode.l10n.t('Stitching')}`,
      detail: vscode.l10n.t('Affine stitching between two runs of the sweep, with controls'),
      open: run('replens.showStitching'),
    },
    {
      label: `$(graph-scatter) ${vscode.l10n.t('Starvation curves')}`,
      detail: vscode.l10n.t('Accuracy, convergence and cross-seed similarity against width'),
      open: run('replens.showStarvation'),
    },
  );
  return items;
}

/** POLCA (runs of tasks with skill labels) and the Hessian spectrum (any run). */
function polcaItems(taskKind: unknown): AnalysisItem[] {
  const run = (command: string) => (dir: string) =>
    vscode.commands.executeCommand(command, { runDir: dir });
  return polcaAnalysesOfTask(taskKind).map((view) =>
    view === 'clusters'
      ? {
          label: `$(group-by-ref-type) ${vscode.l10n.t('POLCA clusters')}`,
          detail: vscode.l10n.t(
            'Loss-change trajectories along the Hessian basis, clustered per output token, against the loss baseline and controls',
          ),
          open: run('replens.showPolca'),
        }
      : {
          label: `$(layers) ${vscode.l10n.t('Hessian spectrum')}`,
          detail: vscode.l10n.t('Top Hessian eigenvalues over the checkpoints'),
          open: run('replens.showHessian'),
        },
  );
}

/** `replens.showAnalysis`: the analyses available for a run, as a quick pick. */
async function showAnalysis(s: Services, arg: unknown): Promise<void> {
  const runDir = await analysisRun(s, arg);
  if (runDir === undefined) {
    return;
  }
  const items: AnalysisItem[] = [
    {
      label: `$(graph-line) ${vscode.l10n.t('Training curves')}`,
      detail: vscode.l10n.t('Loss and accuracy over the steps, train and test'),
      open: (dir) => void openTrainingPanel(s, [dir]),
    },
    {
      label: `$(symbol-constant) ${vscode.l10n.t('Embedding over training')}`,
      detail: vscode.l10n.t('The embedding matrix projected at each checkpoint'),
      open: (dir) => vscode.commands.executeCommand('replens.showEmbedding', { runDir: dir }),
    },
  ];
  const config = (await tryReadManifestAsync(runDir))?.config;
  const task = config?.task as { kind?: unknown } | undefined;
  if (typeof task?.kind === 'string' && completenessTasks.includes(task.kind)) {
    items.push({
      label: `$(pulse) ${vscode.l10n.t('Completeness')}`,
      detail: vscode.l10n.t(
        'How complete the chosen representation was in the initial embedding, among all candidates',
      ),
      open: (dir) => vscode.commands.executeCommand('replens.showCompleteness', { runDir: dir }),
    });
  }
  if (task?.kind === 'formal-language') {
    items.push({
      label: `$(symbol-string) ${vscode.l10n.t('Rule extrapolation')}`,
      detail: vscode.l10n.t(
        'Validation loss beside ID and OOD completion accuracies over the checkpoints',
      ),
      open: (dir) => vscode.commands.executeCommand('replens.showExtrapolation', { runDir: dir }),
    });
  }
  if ((config?.model as { kind?: unknown } | undefined)?.kind === 'embed-mlp') {
    items.push(...universalityItems(runDir));
  }
  items.push(...polcaItems(task?.kind));
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

/** Registers Show Analysis… and Export Figure. */
export function registerViewCommands(s: Services): vscode.Disposable[] {
  return [
    guardedCommand(s, 'replens.showAnalysis', (arg: unknown) => showAnalysis(s, arg)),
    guardedCommand(s, 'replens.exportFigure', (arg: unknown) => exportFigure(arg)),
  ];
}
