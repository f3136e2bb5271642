/**
 * Writers of the page parts the analysis views share (see analysisPage.ts for their structure):
 * the view tabs, the error section, the partial-results banner, the summary list, the figure
 * sections shown and the export controls. Text goes in through `textContent` only.
 */
import type { VscodeTabs } from '@vscode-elements/elements/dist/vscode-tabs/vscode-tabs.js';
import type { ExportFormat } from '../../src/shared/protocol/panelProtocol';
import { byId, h } from './dom';
import { fillSelect } from './selects';

/** A banner: its headline and one line per item (e.g. per skipped run). */
export interface Banner {
  title: string;
  items: string[];
}

/** Selects the tab of `view` and shows its container (`view-<id>`) only. */
export function renderViews<V extends string>(views: readonly V[], view: V): void {
  const tabs = byId<VscodeTabs>('views');
  const index = views.indexOf(view);
  if (tabs.selectedIndex !== index) {
    tabs.selectedIndex = index;
  }
  for (const v of views) {
    byId(`view-${v}`).hidden = v !== view;
  }
}

/** Shows the error, or hides the error section when there is none. */
export function renderError(error: string | undefined): void {
  byId('error').hidden = error === undefined;
  byId('error-text').textContent = error ?? '';
}

/** Shows the banner, or hides it when undefined. */
export function renderBanner(banner: Banner | undefined): void {
  byId('banner').hidden = banner === undefined;
  byId('banner-title').textContent = banner?.title ?? '';
  byId('banner-items').replaceChildren(...(banner?.items ?? []).map((t) => h('li', {}, [t])));
}

/** Writes the summary list, one item per line. */
export function renderSummary(lines: readonly string[]): void {
  byId('summary').replaceChildren(...lines.map((l) => h('li', {}, [l])));
}

/** Shows the sections (`<id>-section`) of the `shown` figures and hides the others'. */
export function renderSections<F extends string>(ids: readonly F[], shown: readonly F[]): void {
  for (const id of ids) {
    byId(`${id}-section`).hidden = !shown.includes(id);
  }
}

/**
 * The export controls: the shown figures by title with the chosen one, the chosen figure's
 * `formats` with the chosen format; all hidden while no figure is shown.
 */
export function renderExport<F extends string>(
  shown: readonly F[],
  titles: Record<F, string>,
  chosen: { figure: F; format: ExportFormat },
  formats: readonly ExportFormat[],
): void {
  fillSelect(
    'export-figure',
    shown.map((id) => ({ value: id, label: titles[id] })),
    chosen.figure,
  );
  const options = formats.map((f) => ({ value: f, label: f.toUpperCase() }));
  fillSelect('export-format', options, chosen.format);
  for (const id of ['export-figure-field', 'export-format-field', 'export']) {
    byId(id).hidden = shown.length === 0;
  }
}
