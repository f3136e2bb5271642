/** Training panel, figure export, open/compare runs commands, panel serializers. */
import type * as vscode from 'vscode';
import type { Services } from '../services';

export function registerPanels(_s: Services): vscode.Disposable[] {
  return [];
}
