/**
 * Extension entry. Composes services and registers contributions; training runs in the forked
 * worker (dist/worker.js), never in the extension host.
 */
import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Replens', { log: true });
  context.subscriptions.push(log);
  const { version } = context.extension.packageJSON as { version: string };
  log.info(`Replens ${version} activated`);
}

export function deactivate(): void {
  // Every resource is owned by context.subscriptions.
}
