/**
 * Connects the rule-extrapolation page's controls to the reducer: run, loss and bar grouping, the
 * export figure and format, Refresh and Export. DOM glue only; every change becomes an action.
 */
import type { ExportFormat } from '../../src/shared/protocol/panelProtocol';
import { showMessage, wireExportButton } from '../common/analysisPage';
import { byId } from '../common/dom';
import { selectWirer } from '../common/viewControls';
import type { FigureId } from './figureIds';
import type { LossKind } from './format';
import type { BarGrouping, ExtrapolationAction } from './state';

/** Wires every control: choices dispatch actions, Refresh calls `load`, Export `exportFigure`. */
export function wireControls(
  dispatch: (a: ExtrapolationAction) => void,
  load: () => Promise<void>,
  exportFigure: () => Promise<void>,
): void {
  const onSelect = selectWirer(dispatch);
  onSelect('run', (run) => ({ type: 'selectRun', run }));
  onSelect('loss', (loss) => ({ type: 'loss', loss: loss as LossKind }));
  onSelect('bar-grouping', (bars) => ({ type: 'bars', bars: bars as BarGrouping }));
  onSelect('export-figure', (f) => ({ type: 'exportFigure', figure: f as FigureId }));
  onSelect('export-format', (f) => ({ type: 'exportFormat', format: f as ExportFormat }));
  byId('refresh').addEventListener('click', () => void load());
  wireExportButton(exportFigure, showMessage);
}
