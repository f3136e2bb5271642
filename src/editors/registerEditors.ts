/**
 * Checkpoint editor, embedding, completeness, rule-extrapolation, universality and POLCA panels:
 * the custom editor, the command, the panel serializers.
 */
import * as vscode from 'vscode';
import { registerPanelSerializer } from '../panels/panelHost';
import type { Services } from '../services';
import { registerCheckpointEditor } from './checkpointEditor';
import { completenessViewType, restoreCompletenessPanel } from './completenessPanel';
import { embeddingViewType, restoreEmbeddingPanel, showEmbedding } from './embeddingPanel';
import { extrapolationViewType, restoreExtrapolationPanel } from './extrapolationPanel';
import { polcaViewType, restorePolcaPanel } from './polcaPanel';
import { restoreUniversalityPanel, universalityViewType } from './universalityPanel';

export function registerEditorsAndEmbedding(s: Services): vscode.Disposable[] {
  return [
    ...registerCheckpointEditor(s),
    registerPanelSerializer(
      embeddingViewType,
      (panel, key) => restoreEmbeddingPanel(s, panel, key),
      s.log,
    ),
    registerPanelSerializer(
      completenessViewType,
      (panel, key) => restoreCompletenessPanel(s, panel, key),
      s.log,
    ),
    registerPanelSerializer(
      extrapolationViewType,
      (panel, key) => restoreExtrapolationPanel(s, panel, key),
      s.log,
    ),
    registerPanelSerializer(
      universalityViewType,
      (panel, key) => restoreUniversalityPanel(s, panel, key),
      s.log,
    ),
    registerPanelSerializer(polcaViewType, (panel, key) => restorePolcaPanel(s, panel, key), s.log),
    vscode.commands.registerCommand('replens.showEmbedding', async (arg: unknown) => {
      try {
        await showEmbedding(s, arg);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        s.log.error(`Show Embedding: ${message}`);
        void vscode.window.showErrorMessage(
          vscode.l10n.t('Cannot show the embedding: {0}', message),
        );
      }
    }),
  ];
}
