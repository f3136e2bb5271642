/**
 * Problems of open `*.replens.json` documents as diagnostics (source "replens"), updated as the
 * user types (debounced), on open, and cleared on close. Same checks as `replens validate`.
 */
import * as vscode from 'vscode';
import { type ConfigProblem, formatPath } from '../shared/parseConfig';
import { type ParsedConfigs, isConfigUri } from './configDocuments';

/** Delay after the last keystroke before a config is checked again. */
const debounceMs = 300;

/** Keeps a diagnostic collection in sync with the open configs. */
export function registerConfigDiagnostics(parsed: ParsedConfigs): vscode.Disposable[] {
  const collection = vscode.languages.createDiagnosticCollection('replens');
  const timers = new Map<string, NodeJS.Timeout>();
  const cancel = (uri: vscode.Uri): void => {
    clearTimeout(timers.get(uri.toString()));
    timers.delete(uri.toString());
  };
  const update = (document: vscode.TextDocument): void => {
    if (isConfigUri(document.uri) && !document.isClosed) {
      collection.set(document.uri, toDiagnostics(document, parsed.get(document).problems));
    }
  };
  const schedule = (document: vscode.TextDocument): void => {
    if (!isConfigUri(document.uri)) {
      return;
    }
    cancel(document.uri);
    timers.set(
      document.uri.toString(),
      setTimeout(() => {
        timers.delete(document.uri.toString());
        update(document);
      }, debounceMs),
    );
  };
  vscode.workspace.textDocuments.forEach(update);
  return [
    collection,
    vscode.workspace.onDidOpenTextDocument(update),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length > 0) {
        schedule(e.document);
      }
    }),
    vscode.workspace.onDidCloseTextDocument((document) => {
      cancel(document.uri);
      collection.delete(document.uri);
    }),
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
  ];
}

function toDiagnostics(
  document: vscode.TextDocument,
  problems: ConfigProblem[],
): vscode.Diagnostic[] {
  return problems.map((p) => {
    const range = new vscode.Range(
      document.positionAt(p.offset),
      document.positionAt(p.offset + p.length),
    );
    const where = p.path.length > 0 ? ` (at ${formatPath(p.path)})` : '';
    const severity =
      p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
    const diagnostic = new vscode.Diagnostic(range, `${p.message}${where}`, severity);
    diagnostic.source = 'replens';
    return diagnostic;
  });
}
