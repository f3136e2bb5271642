/**
 * Commands that open the completeness panel: Show Completeness (a run or sweep folder, or the
 * newest sweep / run of a config, falling back to the config's step-0 preview) and Show Step-0
 * Completeness (a config's initial embedding, no training). Handlers only resolve what to show.
 */
import * as vscode from 'vscode';
import { guardedCommand } from '../../commands/guardedCommand';
import type { Services } from '../../services';
import { configOfArg, folderOfArg, resultsOfConfig } from '../analysisTargets';
import { registerPanelSerializer } from '../panelHost';
import { isExternalFolder } from '../externalChoice';
import { completenessChoice } from '../externalPicks';
import { pickRuns } from '../runPicker';
import { completenessViewType, openCompletenessPanel, restoreCompletenessPanel } from './panel';

/** Opens a folder's study; an external folder's after asking for its [p, d] matrix and p. */
async function showFolder(s: Services, folder: string, arg: unknown): Promise<void> {
  if (!isExternalFolder(folder)) {
    await openCompletenessPanel(s, { kind: 'results', folder });
    return;
  }
  const external = await completenessChoice(folder, arg);
  if (external !== undefined) {
    await openCompletenessPanel(s, { kind: 'results', folder, external });
  }
}

/** `replens.showCompleteness`. */
async function showCompleteness(s: Services, arg: unknown): Promise<void> {
  const folder = folderOfArg(arg);
  if (folder !== undefined) {
    await showFolder(s, folder, arg);
    return;
  }
  const configUri = configOfArg(arg);
  if (configUri !== undefined) {
    const results = await resultsOfConfig(s, configUri.fsPath);
    await openCompletenessPanel(
      s,
      results === undefined ? { kind: 'initial', configUri } : { kind: 'results', folder: results },
    );
    return;
  }
  const picked = await pickRuns(s, {
    many: false,
    title: vscode.l10n.t('Show Completeness of Run'),
    external: true,
  });
  if (picked !== undefined) {
    await showFolder(s, picked[0], undefined);
  }
}

/** `replens.showInitialCompleteness`: the step-0 preview of a config. */
async function showInitialCompleteness(s: Services, arg: unknown): Promise<void> {
  const configUri = configOfArg(arg);
  if (configUri === undefined) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Open a *.replens.json config to preview its initial embedding.'),
    );
    return;
  }
  await openCompletenessPanel(s, { kind: 'initial', configUri });
}

/** Registers the completeness commands and the serializer that restores completeness panels. */
export function registerCompletenessView(s: Services): vscode.Disposable[] {
  return [
    registerPanelSerializer(
      completenessViewType,
      (panel, key) => restoreCompletenessPanel(s, panel, key),
      s.log,
    ),
    guardedCommand(s, 'replens.showCompleteness', (arg: unknown) => showCompleteness(s, arg)),
    guardedCommand(s, 'replens.showInitialCompleteness', (arg: unknown) =>
      showInitialCompleteness(s, arg),
    ),
  ];
}
