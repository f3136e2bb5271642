/**
 * The open Replens panels, by view type and key, and which one is active: what commands such as
 * Export Figure act on. `PanelHost` keeps it up to date.
 */
import type * as vscode from 'vscode';
import type { ExportFormat, ExportOutcome, FigureFile } from '../shared/protocol/panelProtocol';

/** What registries and commands see of any open Replens panel. */
export interface OpenPanel {
  readonly viewType: string;
  readonly key: string;
  readonly panel: vscode.WebviewPanel;
  /** Asks the webview for a figure file (PNG/SVG image, or the plotted data as CSV/JSON). */
  renderFigure(format: ExportFormat): Promise<FigureFile>;
  /** Shows a save dialog for a figure file and writes it. */
  saveFigure(file: FigureFile): Promise<ExportOutcome>;
}

const openPanels = new Map<string, OpenPanel>();
let lastActiveId: string | undefined;
const idOf = (viewType: string, key: string): string => `${viewType}\u0000${key}`;

/** The open panel of a view type and key, if any. */
export function findPanel(viewType: string, key: string): OpenPanel | undefined {
  return openPanels.get(idOf(viewType, key));
}

/** The focused Replens panel, else the last focused one that is still visible. */
export function activePanel(): OpenPanel | undefined {
  const active = [...openPanels.values()].find((p) => p.panel.active);
  const last = lastActiveId === undefined ? undefined : openPanels.get(lastActiveId);
  return active ?? (last?.panel.visible === true ? last : undefined);
}

/** Every open Replens panel. */
export function allPanels(): OpenPanel[] {
  return [...openPanels.values()];
}

/** Registers an open panel (replacing an older one with the same view type and key). */
export function rememberPanel(p: OpenPanel): void {
  openPanels.set(idOf(p.viewType, p.key), p);
  lastActiveId = idOf(p.viewType, p.key);
}

/** Unregisters a closed panel. */
export function forgetPanel(p: OpenPanel): void {
  if (openPanels.get(idOf(p.viewType, p.key)) === p) {
    openPanels.delete(idOf(p.viewType, p.key));
  }
}

/** Notes the panel the user focused last. */
export function setLastActive(p: OpenPanel): void {
  lastActiveId = idOf(p.viewType, p.key);
}
