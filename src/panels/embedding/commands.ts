/**
 * Show Embedding over Training: opens the embedding panel of the run an argument names, or of the
 * run the user picks.
 */
import * as vscode from 'vscode';
import { guardedCommand } from '../../commands/guardedCommand';
import type { Services } from '../../services';
import { runOfArgOrConfig } from '../analysisTargets';
import { runFolderOfArg } from '../commandArgs';
import { isExternalFolder } from '../externalChoice';
import { embeddingChoice } from '../externalPicks';
import { registerPanelSerializer } from '../panelHost';
import { embeddingViewType, openEmbeddingPanel, restoreEmbeddingPanel } from './panel';

/**
 * `replens.showEmbedding`: the argument is a run folder (string), anything with `runDir` (a
 * runs-tree item), a config (its lens: the newest run), or nothing (then a quick pick); an
 * external folder (its tree item, a path) with the `layer` given or picked.
 */
async function showEmbedding(s: Services, arg: unknown): Promise<void> {
  const title = vscode.l10n.t('Show Embedding of Run');
  const runDir = await runOfArgOrConfig(s, arg, runFolderOfArg, title, true);
  if (runDir === undefined) {
    return;
  }
  if (!isExternalFolder(runDir)) {
    openEmbeddingPanel(s, runDir);
    return;
  }
  const choice = await embeddingChoice(runDir, arg);
  if (choice !== undefined) {
    openEmbeddingPanel(s, runDir, choice);
  }
}

/** Registers the embedding command and the serializer that restores embedding panels. */
export function registerEmbeddingView(s: Services): vscode.Disposable[] {
  return [
    registerPanelSerializer(
      embeddingViewType,
      (panel, key) => restoreEmbeddingPanel(s, panel, key),
      s.log,
    ),
    guardedCommand(s, 'replens.showEmbedding', (arg: unknown) => showEmbedding(s, arg)),
  ];
}
