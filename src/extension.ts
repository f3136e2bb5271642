/**
 * Extension entry: builds the services and calls each registrar of the table below (commands,
 * lenses, tree, one per view, editors); every disposable goes to `context.subscriptions`.
 * Training and analyses run in forked workers (dist/worker.js), never in the extension host.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import * as config from './config';
import { RunManager } from './runs/runManager';
import { forkingWorkerFactory } from './runs/workerClient';
import type { Registrar, Services } from './services';
import { registerExperimentLenses } from './codelens/experimentLensProvider';
import { registerRunCommands } from './commands/runCommands';
import { registerCheckpointEditor } from './editors/checkpointEditor';
import { registerCompletenessView } from './panels/completeness/commands';
import { registerEmbeddingView } from './panels/embedding/commands';
import { registerExtrapolationView } from './panels/extrapolation/commands';
import { registerPolcaView } from './panels/polca/commands';
import { registerTrainingView } from './panels/training/commands';
import { registerUniversalityView } from './panels/universality/commands';
import { registerViewCommands } from './panels/viewCommands';
import { registerRunsTree } from './views/runsTreeProvider';

/** Everything the extension contributes, one registrar each: adding a view adds one line. */
const registrars: readonly Registrar[] = [
  registerRunCommands,
  registerExperimentLenses,
  registerRunsTree,
  registerViewCommands,
  registerTrainingView,
  registerEmbeddingView,
  registerCompletenessView,
  registerExtrapolationView,
  registerUniversalityView,
  registerPolcaView,
  registerCheckpointEditor,
];

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
  for (const register of registrars) {
    context.subscriptions.push(...register(services));
  }
  const { version } = context.extension.packageJSON as { version: string };
  log.info(`Replens ${version} activated`);
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
