/** Run, sweep, stop and resume commands, progress notification and status bar. */
import type * as vscode from 'vscode';
import type { Services } from '../services';

export function registerRunCommands(_s: Services): vscode.Disposable[] {
  return [];
}
