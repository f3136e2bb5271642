/**
 * Export of a view's figure: images through `Plotly.toImage` (PNG as base64, SVG as text) and the
 * plotted data as CSV or JSON. The result goes to the host, which shows the save dialog and
 * writes the file (a webview cannot save files itself).
 */
import type { ExportFormat, FigureFile } from '../../src/shared/protocol/panelProtocol';
import { type Table, tableCsv } from './csv';
import type { PlotView } from './plot';

/** What a view offers for export. */
export interface ExportSource {
  /** File name without extension, e.g. `training-20260101T120000Z-ab12`. */
  baseName: string;
  plot: PlotView;
  /** The plotted data as CSV text. */
  csv(): string;
  /** The plotted data as a JSON-serialisable value. */
  json(): unknown;
}

/** What the export wiring needs of a view's endpoint to the host. */
export interface ExportEndpoint {
  handle(handlers: { 'figure/render': (p: { format: ExportFormat }) => Promise<FigureFile> }): void;
  request(method: 'figure/export', file: FigureFile): Promise<unknown>;
}

/**
 * Serves the host's `figure/render` (the Export Figure command) from `source`, and returns what
 * the Export button does: render the chosen `format()` and hand it to the host's `figure/export`,
 * which saves it. Call before the handshake.
 */
export function serveFigureExports(
  endpoint: ExportEndpoint,
  source: (format: ExportFormat) => ExportSource,
  format: () => ExportFormat,
): () => Promise<void> {
  endpoint.handle({
    'figure/render': ({ format: f }) => renderFigureFile(f, source(f)),
  });
  return async () => {
    const f = format();
    await endpoint.request('figure/export', await renderFigureFile(f, source(f)));
  };
}

/** The export source of a figure drawn in `plot`, whose data is a table (CSV) and JSON. */
export function tableExportSource(
  baseName: string,
  plot: PlotView,
  table: () => Table,
  json: () => unknown,
): ExportSource {
  return { baseName, plot, csv: () => tableCsv(table()), json };
}

/** A file name the host accepts: letters, digits, dot, dash and underscore only. */
export function safeFileName(base: string, format: ExportFormat): string {
  const clean = base.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '');
  return `${clean.slice(0, 120) || 'figure'}.${format}`;
}

/** The payload of a data URL as text (percent-encoded or base64 UTF-8). */
function dataUrlText(header: string, payload: string): string {
  if (!header.endsWith(';base64')) {
    return decodeURIComponent(payload);
  }
  const bytes = Uint8Array.from(atob(payload), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

async function imageFile(source: ExportSource, format: 'png' | 'svg'): Promise<FigureFile> {
  const url = await source.plot.toImage(format);
  const comma = url.indexOf(',');
  const header = url.slice(0, comma);
  const payload = url.slice(comma + 1);
  const fileName = safeFileName(source.baseName, format);
  if (format === 'png') {
    if (!header.endsWith(';base64')) {
      throw new Error('Plotly returned a PNG that is not base64-encoded');
    }
    return { format, fileName, encoding: 'base64', data: payload };
  }
  return { format, fileName, encoding: 'utf8', data: dataUrlText(header, payload) };
}

/** Renders a figure file of the view in one of the export formats. */
export async function renderFigureFile(
  format: ExportFormat,
  source: ExportSource,
): Promise<FigureFile> {
  const fileName = safeFileName(source.baseName, format);
  switch (format) {
    case 'png':
    case 'svg':
      return imageFile(source, format);
    case 'csv':
      return { format, fileName, encoding: 'utf8', data: source.csv() };
    case 'json':
      return {
        format,
        fileName,
        encoding: 'utf8',
        data: JSON.stringify(source.json(), null, 2) + '\n',
      };
  }
}
