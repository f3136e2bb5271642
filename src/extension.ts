/**
 * Extension entry: builds the services and calls one registrar per concern; every disposable
 * goes to `context.subscriptions`. Training and analyses run in forked workers (dist/worker.js),
 * never in the extension host.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import * as config from './config';
import { RunManager } from './runs/runManager';
import { forkingWorkerFactory } from './runs/workerClient';
import type { Services } from './services';
import { registerExperimentLenses } from './codelens/experimentLensProvider';
import { registerRunCommands } from './commands/runCommands';
import { registerEditorsAndEmbedding } from './editors/registerEditors';
import { registerPanels } from './panels/registerPanels';
import { registerRunsTree } from './views/runsTreeProvider';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Replens', { log: true });
  const workers = forkingWorkerFactory({
    workerScript: path.join(context.extensionPath, 'dist', 'worker.js'),
    nodePath: config.nodePath,
    onStderr: (text) => log.warn(text.trimEnd()),
  });
  const runs = new RunManager({
    workers,
    concurrency: config.concurrency,
    runsRoot: config.runsRootFor,
    backend: config.backend,
    log: (line) => log.info(line),
  });
  const services: Services = { context, log, runs, workers };
  context.subscriptions.push(log, runs);
  const registrars: ((s: Services) => vscode.Disposable[])[] = [
    registerRunCommands,
    registerExperimentLenses,
    registerRunsTree,
    registerPanels,
    registerEditorsAndEmbedding,
  ];
  for (const register of registrars) {
    context.subscriptions.push(...register(services));
  }
  const { version } = context.extension.packageJSON as { version: string };
  log.info(`Replens ${version} activated`);
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
