/** Code-lens and diagnostics helpers shared by the codelens and runs suites. */
import * as vscode from 'vscode';
import { waitFor } from './helpers';

/** The code lenses VS Code collects for a document (all providers). */
export async function codeLenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[] | undefined>(
    'vscode.executeCodeLensProvider',
    uri,
  );
  return lenses ?? [];
}

/** Polls the lenses until one's title matches; returns that lens. */
export function waitForLens(
  uri: vscode.Uri,
  title: RegExp,
  timeoutMs = 15_000,
): Promise<vscode.CodeLens> {
  return waitFor(
    async () => (await codeLenses(uri)).find((l) => title.test(l.command?.title ?? '')),
    timeoutMs,
    `a code lens matching ${String(title)}`,
  );
}

/** The "replens" diagnostics of a document, once there are some. */
export function replensDiagnostics(uri: vscode.Uri): Promise<vscode.Diagnostic[]> {
  return waitFor(
    () => {
      const found = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'replens');
      return found.length > 0 ? found : undefined;
    },
    10_000,
    `replens diagnostics on ${uri.fsPath}`,
  );
}

/** 0-based index of the first line of `text` containing `needle`. */
export function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((l) => l.includes(needle));
}
