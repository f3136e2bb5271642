/**
 * Helpers for the extension-host suite. The launchers open a fresh copy of
 * test/fixtures/workspace as the only workspace folder, so tests may write into it (runs).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';

/** The extension's id: `<publisher>.<name>` from package.json. */
export const extensionId = 'replens.replens';

/** The Replens extension; fails the test when it is not loaded. */
export function replensExtension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(extensionId);
  if (!ext) {
    throw new Error(`extension ${extensionId} is not loaded`);
  }
  return ext;
}

/** Root folder of the fixture workspace the suite runs in. */
export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    throw new Error('no workspace folder open: start the suite with the fixture workspace');
  }
  return folder.uri.fsPath;
}

/** Absolute path of a file of the fixture workspace, e.g. fixturePath('tiny.replens.json'). */
export function fixturePath(name: string): string {
  return path.join(workspaceRoot(), name);
}

/** Opens a fixture file in an editor and returns that editor. */
export async function openFixture(name: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(fixturePath(name)));
  return vscode.window.showTextDocument(doc);
}

/**
 * Polls `predicate` every `intervalMs` until it returns a truthy value, and returns that value.
 * UI state (tabs, diagnostics, tree items) reaches the extension host asynchronously, so tests
 * wait for it instead of sleeping. Rejects after `timeoutMs` with `what` in the message.
 */
export async function waitFor<T>(
  predicate: () => T | Promise<T>,
  timeoutMs = 10_000,
  what = 'condition',
  intervalMs = 100,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: string | undefined;
  for (;;) {
    try {
      const value = await predicate();
      if (value) {
        return value;
      }
    } catch (e) {
      lastError = e instanceof Error ? e.message : JSON.stringify(e);
    }
    if (Date.now() > deadline) {
      const cause = lastError === undefined ? '' : ` (last error: ${lastError})`;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
