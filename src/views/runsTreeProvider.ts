/** The runs tree view and its item commands. */
import type * as vscode from 'vscode';
import type { Services } from '../services';

export function registerRunsTree(_s: Services): vscode.Disposable[] {
  return [];
}
