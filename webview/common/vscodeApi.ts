/**
 * The webview's handle on VS Code, acquired once (VS Code allows one `acquireVsCodeApi()` call
 * per page) and typed with the view's saved state. Every view saves at least its panel `key`,
 * which the host's serializer restores the panel from after a reload.
 */
import type { WebviewApi } from 'vscode-webview';
import type { SavedPanelState } from '../../src/shared/protocol/panelProtocol';

let api: WebviewApi<unknown> | undefined;

/** The page's VS Code API, typed with the view's saved state `S`. */
export function vscodeApi<S extends SavedPanelState>(): WebviewApi<Partial<S>> {
  api ??= acquireVsCodeApi<unknown>();
  return api as WebviewApi<Partial<S>>;
}

/** What the page saved before it was reloaded (fields may be missing: validate before use). */
export function loadState<S extends SavedPanelState>(): Partial<S> {
  const state = vscodeApi<S>().getState();
  return typeof state === 'object' && state !== null ? state : {};
}

/** Merges fields into the saved state (`setState` replaces the whole object). */
export function saveState<S extends SavedPanelState>(patch: Partial<S>): void {
  const api = vscodeApi<S>();
  api.setState({ ...loadState<S>(), ...patch });
}
