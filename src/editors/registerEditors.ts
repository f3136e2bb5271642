/** Checkpoint editor and embedding panel. */
import type * as vscode from 'vscode';
import type { Services } from '../services';

export function registerEditorsAndEmbedding(_s: Services): vscode.Disposable[] {
  return [];
}
