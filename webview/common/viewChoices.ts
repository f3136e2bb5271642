/**
 * Pure pieces of the analysis views' state they share: fitting the export choice to the figures
 * shown, and telling whether a figure's dependencies changed since it was drawn.
 */
import type { ExportFormat } from '../../src/shared/protocol/panelProtocol';

/** What a view chose to export. */
export interface ExportChoice<F extends string> {
  exportFigure: F;
  exportFormat: ExportFormat;
}

/**
 * The export figure and format fitted to what is shown: a figure in `shown` (else the first shown,
 * else `fallback`), and a format of that figure's `formatsOf` (else its first). Returns `s` itself
 * when both fit already.
 */
export function fitExport<F extends string, S extends ExportChoice<F>>(
  s: S,
  shown: readonly F[],
  fallback: F,
  formatsOf: (figure: F) => readonly ExportFormat[],
): S {
  const figure = shown.includes(s.exportFigure) ? s.exportFigure : (shown[0] ?? fallback);
  const formats = formatsOf(figure);
  const format = formats.includes(s.exportFormat) ? s.exportFormat : formats[0];
  return figure === s.exportFigure && format === s.exportFormat
    ? s
    : { ...s, exportFigure: figure, exportFormat: format };
}

/** Whether two dependency lists differ (compared element by element with `===`). */
export function depsChanged(a: readonly unknown[] | undefined, b: readonly unknown[]): boolean {
  return a === undefined || a.length !== b.length || a.some((v, i) => v !== b[i]);
}
