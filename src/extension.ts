/**
 * Extension entry. Composes services and registers contributions; training runs in the forked
 * worker (dist/worker.js), never in the extension host.
 */
import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Replens', { log: true });
  context.subscriptions.push(log);
  log.info(`Replens ${String(context.extension.packageJSON.version)} activated`);
}

export function deactivate(): void {
  // Every resource is owned by context.subscriptions.
}
