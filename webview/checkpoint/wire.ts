/**
 * Connects the checkpoint editor's controls: Export saves the histogram in the chosen format,
 * failures going to the message line. DOM glue only.
 */
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import type { ExportFormat } from '../../src/shared/protocol/panelProtocol';
import { showMessage, wireExportButton } from '../common/analysisPage';
import { byId } from '../common/dom';

/** The export format chosen in the toolbar. */
export function chosenFormat(): ExportFormat {
  return byId<VscodeSingleSelect>('export-format').value as ExportFormat;
}

/** Wires the Export button to `exportFigure`. */
export function wireControls(exportFigure: () => Promise<void>): void {
  wireExportButton(exportFigure, showMessage);
}
