/** The services every registrar receives: built once in `activate()`, disposed with the extension. */
import type * as vscode from 'vscode';
import type { RunManager } from './runs/runManager';
import type { WorkerFactory } from './runs/workerClient';

export interface Services {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  runs: RunManager;
  /** Starts a worker for one analysis request (kill it when the request settles). */
  workers: WorkerFactory;
}

/** Registers one concern (commands, lenses, a view, an editor); returns what to dispose. */
export type Registrar = (s: Services) => vscode.Disposable[];
