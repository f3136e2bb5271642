/**
 * Wiring of the controls the analysis views with several views (universality, POLCA) share: the
 * view tabs, the export selects, Refresh and Export. DOM glue only; every change becomes an action.
 */
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import type { ExportFormat } from '../../src/shared/protocol/panelProtocol';
import { wireExportButton } from './analysisPage';
import { byId } from './dom';

/** The actions the shared controls send. */
export type ViewControlAction<V extends string, F extends string> =
  | { type: 'show'; view: V }
  | { type: 'exportFigure'; figure: F }
  | { type: 'exportFormat'; format: ExportFormat }
  | { type: 'reload' };

/**
 * A wirer of selects to `dispatch`: `onSelect(id, action)` dispatches the action built from the
 * select's value whenever it changes (undefined: none).
 */
export function selectWirer<A>(
  dispatch: (a: A) => void,
): (id: string, action: (value: string) => A | undefined) => void {
  return (id, action) => {
    const el = byId<VscodeSingleSelect>(id);
    el.addEventListener('change', () => {
      const a = action(el.value);
      if (a !== undefined) {
        dispatch(a);
      }
    });
  };
}

/**
 * Wires the tabs of `views`, the export figure and format selects, Refresh (a reload) and the
 * Export button (`exportFigure` saves the chosen figure, `showMessage` reports).
 */
export function wireViewControls<V extends string, F extends string>(
  views: readonly V[],
  dispatch: (a: ViewControlAction<V, F>) => void,
  exportFigure: () => Promise<void>,
  showMessage: (text: string | undefined) => void,
): void {
  byId('views').addEventListener('vsc-tabs-select', (e) => {
    const view = views[(e as CustomEvent<{ selectedIndex: number }>).detail.selectedIndex];
    if (view !== undefined) {
      dispatch({ type: 'show', view });
    }
  });
  const onSelect = selectWirer(dispatch);
  onSelect('export-figure', (f) => ({ type: 'exportFigure', figure: f as F }));
  onSelect('export-format', (f) => ({ type: 'exportFormat', format: f as ExportFormat }));
  byId('refresh').addEventListener('click', () => dispatch({ type: 'reload' }));
  wireExportButton(exportFigure, showMessage);
}
