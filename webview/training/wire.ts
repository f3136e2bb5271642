/**
 * Connects the training page's controls: the log-scale checkbox dispatches its action; Export
 * and Stop run their host requests with the button disabled, failures going to the message line.
 * The export format is restored from and saved to the page's saved state. DOM glue only.
 */
import type { VscodeCheckbox } from '@vscode-elements/elements/dist/vscode-checkbox/vscode-checkbox.js';
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import { type ExportFormat, exportFormats } from '../../src/shared/protocol/panelProtocol';
import { showMessage } from '../common/analysisPage';
import { byId } from '../common/dom';
import { errorText } from '../common/view';
import { saveState } from '../common/vscodeApi';
import type { SavedTrainingState, TrainingAction, TrainingState } from './state';

/** Runs a button's action with the button disabled; failures go to the message line. */
function onClick(id: string, action: () => Promise<void>): void {
  const button = byId<HTMLElement & { disabled: boolean }>(id);
  button.addEventListener('click', () => {
    button.disabled = true;
    showMessage(undefined);
    action()
      .catch((e: unknown) => showMessage(errorText(e)))
      .finally(() => (button.disabled = false));
  });
}

/** The export format chosen in the toolbar. */
export function chosenFormat(): ExportFormat {
  return byId<VscodeSingleSelect>('export-format').value as ExportFormat;
}

/** Wires every control; `exportFigure` exports in `chosenFormat()`, `stopRun` stops the run. */
export function wireControls(
  dispatch: (a: TrainingAction) => void,
  state: TrainingState,
  saved: Partial<SavedTrainingState>,
  actions: { exportFigure: () => Promise<void>; stopRun: () => Promise<void> },
): void {
  const logLoss = byId<VscodeCheckbox>('log-loss');
  logLoss.checked = state.logLoss;
  logLoss.addEventListener('change', () =>
    dispatch({ type: 'setLogLoss', value: logLoss.checked }),
  );
  byId<VscodeSingleSelect>('export-format').value =
    exportFormats.find((f) => f === saved.exportFormat) ?? 'png';
  onClick('export', () => {
    saveState<SavedTrainingState>({ exportFormat: chosenFormat() });
    return actions.exportFigure();
  });
  onClick('stop', actions.stopRun);
}
