/**
 * Argument handling shared by the run commands: which config a command is about (argument, active
 * editor, or a quick pick), its validated current text, and the workspace-trust gate.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isConfigUri } from '../codelens/configDocuments';
import type { ExperimentConfig } from '../shared/experimentConfig';
import {
  type ConfigProblem,
  ConfigError,
  formatProblem,
  requireValidConfig,
} from '../shared/parseConfig';

/** A config document whose current text is valid. */
export interface ValidConfig {
  document: vscode.TextDocument;
  /** The document's text at the moment of the command (unsaved edits included). */
  text: string;
  config: ExperimentConfig;
}

/**
 * The config a command targets: a `Uri`, a path or URI string, an object carrying one
 * (`configUri`, `configPath`, `resourceUri`), else the active editor's config, else a quick pick.
 */
export async function resolveConfigUri(arg: unknown): Promise<vscode.Uri | undefined> {
  const given = uriFromArg(arg);
  if (given !== undefined) {
    return given;
  }
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active !== undefined && isConfigUri(active)) {
    return active;
  }
  return pickConfig();
}

function uriFromArg(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) {
    return arg;
  }
  if (typeof arg === 'string' && arg !== '') {
    return /^[a-z][a-z0-9+.-]+:\/\//i.test(arg) ? vscode.Uri.parse(arg) : vscode.Uri.file(arg);
  }
  if (typeof arg === 'object' && arg !== null) {
    const o = arg as { configUri?: unknown; configPath?: unknown; resourceUri?: unknown };
    return uriFromArg(o.configUri ?? o.configPath ?? o.resourceUri);
  }
  return undefined;
}

async function pickConfig(): Promise<vscode.Uri | undefined> {
  const files = await vscode.workspace.findFiles('**/*.replens.json', '**/node_modules/**', 500);
  if (files.length === 0) {
    const create = 'New Experiment from Template';
    const choice = await vscode.window.showInformationMessage(
      'Replens: no *.replens.json config in this workspace.',
      create,
    );
    if (choice === create) {
      await vscode.commands.executeCommand('replens.newExperiment');
    }
    return undefined;
  }
  const items = files
    .map((uri) => ({
      label: path.basename(uri.fsPath),
      description: vscode.workspace.asRelativePath(path.dirname(uri.fsPath)),
      uri,
    }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const pick = await vscode.window.showQuickPick(items, {
    title: 'Replens: choose an experiment config',
    matchOnDescription: true,
  });
  return pick?.uri;
}

/**
 * Opens the config and validates its current text. On errors it shows one message naming the file
 * and the first error (with a way to the Problems view) and returns undefined.
 */
export async function loadValidConfig(uri: vscode.Uri): Promise<ValidConfig | undefined> {
  const document = await vscode.workspace.openTextDocument(uri);
  const text = document.getText();
  try {
    return { document, text, config: requireValidConfig(text, uri.fsPath) };
  } catch (e) {
    if (e instanceof ConfigError) {
      showConfigErrors(uri, e.errors);
      return undefined;
    }
    throw e;
  }
}

/** One message naming the file and its first error, with a way to the Problems view. */
function showConfigErrors(uri: vscode.Uri, errors: ConfigProblem[]): void {
  const file = vscode.workspace.asRelativePath(uri);
  const first = errors.length > 0 ? formatProblem(file, errors[0]) : `${file}: invalid config`;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  const show = 'Show Problems';
  void vscode.window
    .showErrorMessage(`Replens: cannot run ${first}${more}`, show)
    .then((choice) =>
      choice === show ? vscode.commands.executeCommand('workbench.actions.view.problems') : 0,
    );
}

/** True in a trusted workspace; otherwise explains that running needs trust and returns false. */
export function requireTrust(): boolean {
  if (vscode.workspace.isTrusted) {
    return true;
  }
  const manage = 'Manage Workspace Trust';
  void vscode.window
    .showWarningMessage('Replens: running experiments needs a trusted workspace.', manage)
    .then((choice) =>
      choice === manage ? vscode.commands.executeCommand('workbench.trust.manage') : 0,
    );
  return false;
}

/** `tiny` for `/a/b/tiny.replens.json`. */
export function configStem(file: string): string {
  return path.basename(file).replace(/\.replens\.json$/i, '');
}
