/** Saving a figure file a webview produced: the save dialog and the write, on the host. */
import * as vscode from 'vscode';
import type { ExportOutcome, FigureFile } from '../shared/protocol/panelProtocol';

const filters: Record<FigureFile['format'], Record<string, string[]>> = {
  png: { 'PNG image': ['png'] },
  svg: { 'SVG image': ['svg'] },
  csv: { 'CSV data': ['csv'] },
  json: { 'JSON data': ['json'] },
};

/** The bytes of a figure file; refuses an encoding that does not fit the format. */
export function figureBytes(file: FigureFile): Uint8Array {
  if (file.format === 'png') {
    if (file.encoding !== 'base64') {
      throw new Error('a PNG export must be base64-encoded');
    }
    return Buffer.from(file.data, 'base64');
  }
  if (file.encoding !== 'utf8') {
    throw new Error(`a ${file.format.toUpperCase()} export must be text`);
  }
  return Buffer.from(file.data, 'utf8');
}

/**
 * Asks where to save a figure file (proposing `dir/fileName`, else the first workspace folder)
 * and writes it. Resolves `{saved: false}` when the user cancels the dialog.
 */
export async function saveFigureFile(file: FigureFile, dir?: vscode.Uri): Promise<ExportOutcome> {
  const bytes = figureBytes(file);
  const base = dir ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    defaultUri: base === undefined ? undefined : vscode.Uri.joinPath(base, file.fileName),
    filters: filters[file.format],
    title: vscode.l10n.t('Export Figure'),
  });
  if (target === undefined) {
    return { saved: false };
  }
  await vscode.workspace.fs.writeFile(target, bytes);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Saved {0}', target.fsPath), 5000);
  return { saved: true, path: target.fsPath };
}
