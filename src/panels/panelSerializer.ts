/**
 * Restoring panels after a window reload: VS Code hands the serializer of a view type the panel
 * and the state its webview saved with `setState`; the saved `{key}` names what to show again.
 */
import * as vscode from 'vscode';
import { z } from 'zod';

const savedStateSchema = z.object({ key: z.string().min(1).max(100_000) });

/**
 * Registers the serializer of a view type: VS Code calls it after a reload with the state the
 * webview saved; `restore` receives the saved key and should call `PanelHost.adopt`. Panels
 * without a valid saved key are closed.
 */
export function registerPanelSerializer(
  viewType: string,
  restore: (panel: vscode.WebviewPanel, key: string) => void | Promise<void>,
  log?: vscode.LogOutputChannel,
): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(viewType, {
    async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
      const saved = savedStateSchema.safeParse(state);
      if (!saved.success) {
        log?.warn(`${viewType}: no saved key to restore the panel from; closing it`);
        panel.dispose();
        return;
      }
      try {
        await restore(panel, saved.data.key);
      } catch (e) {
        log?.error(`${viewType}: cannot restore panel: ${String(e)}`);
        panel.dispose();
      }
    },
  });
}
