/** Code lenses and diagnostics on *.replens.json configs. */
import type * as vscode from 'vscode';
import type { Services } from '../services';

export function registerExperimentLenses(_s: Services): vscode.Disposable[] {
  return [];
}
