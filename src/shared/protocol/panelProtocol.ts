/**
 * What every Replens webview panel speaks besides its own messages (see `src/panels/panelHost.ts`):
 *
 * - `view/ready`: the webview's first request; its result is the view's snapshot, which always
 *   carries the panel's `key` (the webview saves it with `setState` so the serializer can restore
 *   the panel after a reload). The host holds its events until it has answered this request.
 * - `figure/export`: the webview hands a rendered figure or its data to the host, which shows a
 *   save dialog and writes the file.
 * - `figure/render`: the host asks the webview for a figure file (the Export Figure command).
 *
 * Types only (plus one constant), so webview bundles import it for free; the zod schemas that
 * validate what webviews send live in `panelSchemas.ts`, used by the host alone.
 */
import type { EventMap, RequestMap } from './endpoint';

/** Formats a figure exports to: images (PNG, SVG) and the plotted data (CSV, JSON). */
export const exportFormats = ['png', 'svg', 'csv', 'json'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** A file produced in the webview: PNG as base64, SVG/CSV/JSON as UTF-8 text. */
export interface FigureFile {
  format: ExportFormat;
  /** Suggested file name without folders, e.g. `training-curves.png`. */
  fileName: string;
  encoding: 'base64' | 'utf8';
  data: string;
}

/** Whether the user saved the export, and where. */
export interface ExportOutcome {
  saved: boolean;
  path?: string;
}

/** Parameters of `view/ready` (none). */
export type ViewReadyParams = Record<string, never>;

/** The part of every snapshot the generic host relies on. */
export interface PanelSnapshot {
  /** Identity of the panel within its view type (also what the serializer restores from). */
  key: string;
}

/** What every webview saves with `setState` (views add their own fields). */
export interface SavedPanelState {
  key: string;
}

/** Requests every panel host serves. */
export type CommonHostRequests = {
  'figure/export': { params: FigureFile; result: ExportOutcome };
};

/** Requests every panel webview serves. */
export type CommonViewRequests = {
  'figure/render': { params: { format: ExportFormat }; result: FigureFile };
};

/** The handshake request of a view whose snapshot type is `S`. */
export type ViewReadyRequest<S extends PanelSnapshot> = {
  'view/ready': { params: ViewReadyParams; result: S };
};

/** The shape every panel's host side protocol extends. */
export type PanelHostProtocol = {
  requests: RequestMap & ViewReadyRequest<PanelSnapshot> & CommonHostRequests;
  events: EventMap;
};

/** The shape every panel's webview side protocol extends. */
export type PanelViewProtocol = {
  requests: RequestMap & CommonViewRequests;
  events: EventMap;
};
