/**
 * Connects the completeness page's controls to the reducer: run, unit and log-scale choices, the
 * export figure, Refresh and Export. DOM glue only; every change becomes an action.
 */
import type { VscodeCheckbox } from '@vscode-elements/elements/dist/vscode-checkbox/vscode-checkbox.js';
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import { showMessage, wireExportButton } from '../common/analysisPage';
import { byId } from '../common/dom';
import type { FigureId } from './figureIds';
import type { CompletenessAction, ScoreUnit } from './state';

/** Wires every control: choices dispatch actions, Refresh calls `load`, Export `exportFigure`. */
export function wireControls(
  dispatch: (a: CompletenessAction) => void,
  load: () => Promise<void>,
  exportFigure: () => Promise<void>,
): void {
  const run = byId<VscodeSingleSelect>('run');
  run.addEventListener('change', () => dispatch({ type: 'selectRun', run: run.value }));
  const unit = byId<VscodeSingleSelect>('unit');
  unit.addEventListener('change', () => dispatch({ type: 'unit', unit: unit.value as ScoreUnit }));
  const logX = byId<VscodeCheckbox>('log-x');
  logX.addEventListener('change', () => dispatch({ type: 'logX', on: logX.checked }));
  const figure = byId<VscodeSingleSelect>('export-figure');
  figure.addEventListener('change', () =>
    dispatch({ type: 'exportFigure', figure: figure.value as FigureId }),
  );
  byId('refresh').addEventListener('click', () => void load());
  wireExportButton(exportFigure, showMessage);
}
