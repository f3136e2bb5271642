/**
 * Which documents are experiment configs, and their parse results cached per document version so
 * that lenses and diagnostics of one edit share a single `parseConfig`.
 */
import type * as vscode from 'vscode';
import { type ParsedConfig, parseConfig } from '../shared/parseConfig';

/** Code lens selector: configs open as JSON or JSON with comments, never `*`. */
export const configSelector: vscode.DocumentSelector = [
  { language: 'json', pattern: '**/*.replens.json' },
  { language: 'jsonc', pattern: '**/*.replens.json' },
];

/** Whether a URI names a `*.replens.json` file on disk. */
export function isConfigUri(uri: vscode.Uri): boolean {
  return uri.scheme === 'file' && /\.replens\.json$/i.test(uri.path);
}

/** `parseConfig` of a document's current text, recomputed only when the document changes. */
export class ParsedConfigs {
  private readonly cache = new WeakMap<
    vscode.TextDocument,
    { version: number; parsed: ParsedConfig }
  >();

  get(document: vscode.TextDocument): ParsedConfig {
    const hit = this.cache.get(document);
    if (hit?.version === document.version) {
      return hit.parsed;
    }
    const parsed = parseConfig(document.getText(), document.uri.fsPath);
    this.cache.set(document, { version: document.version, parsed });
    return parsed;
  }
}
