/**
 * Show Embedding over Training: opens the embedding panel of the run an argument names, or of the
 * run the user picks.
 */
import * as vscode from 'vscode';
import { guardedCommand } from '../../commands/guardedCommand';
import type { Services } from '../../services';
import { runDirOfArg } from '../commandArgs';
import { registerPanelSerializer } from '../panelHost';
import { pickRuns } from '../runPicker';
import { embeddingViewType, openEmbeddingPanel, restoreEmbeddingPanel } from './panel';

/**
 * `replens.showEmbedding`: the argument is a run folder (string), anything with `runDir` (a
 * runs-tree item), or nothing (then a quick pick of the known runs).
 */
async function showEmbedding(s: Services, arg: unknown): Promise<void> {
  const runDir =
    runDirOfArg(arg) ??
    (await pickRuns(s, { many: false, title: vscode.l10n.t('Show Embedding of Run') }))?.[0];
  if (runDir !== undefined) {
    openEmbeddingPanel(s, runDir);
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
