/**
 * Connects the POLCA page's controls to the reducer: tabs, selects, Refresh, Cancel and Export.
 * DOM glue only; every change becomes an action.
 */
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import type { ExportFormat } from '../../src/shared/protocol/panelProtocol';
import { polcaViews } from '../../src/shared/protocol/polcaView';
import { wireExportButton } from '../common/analysisPage';
import { byId } from '../common/dom';
import type { FigureId } from './figureIds';
import { methodIds } from './methods';
import { viewSlot } from './selectors';
import type { PolcaAction, PolcaState } from './state';
import type { SlotId } from './types';

type Dispatch = (a: PolcaAction) => void;

/** Dispatches the action built from a select's value whenever it changes (none: no action). */
function onSelect(
  id: string,
  dispatch: Dispatch,
  action: (value: string) => PolcaAction | undefined,
): void {
  const el = byId<VscodeSingleSelect>(id);
  el.addEventListener('change', () => {
    const a = action(el.value);
    if (a !== undefined) {
      dispatch(a);
    }
  });
}

function wireViews(dispatch: Dispatch, get: () => PolcaState): void {
  onSelect('clusters-method', dispatch, (v) => {
    const method = methodIds.find((m) => m === v);
    return method === undefined
      ? undefined
      : { type: 'clusters', patch: { method, cluster: undefined } };
  });
  onSelect('clusters-group', dispatch, (group) => ({
    type: 'clusters',
    patch: { group, cluster: undefined },
  }));
  onSelect('clusters-skill', dispatch, (skill) => {
    const s = get();
    const current = s.clusters.skill || s.loads.polca.data?.skill;
    return skill === current
      ? undefined
      : { type: 'clusters', patch: { skill, cluster: undefined } };
  });
  onSelect('spectrum-source', dispatch, (v) =>
    v === 'hessian' || v === 'polca' ? { type: 'spectrum', patch: { source: v } } : undefined,
  );
}

/**
 * Wires every control; `cancel` asks the host to kill a slot's job, `exportFigure` saves the
 * chosen figure, `showMessage` reports.
 */
export function wireControls(
  dispatch: Dispatch,
  get: () => PolcaState,
  actions: {
    cancel: (slot: SlotId) => void;
    exportFigure: () => Promise<void>;
    showMessage: (text: string | undefined) => void;
  },
): void {
  byId('views').addEventListener('vsc-tabs-select', (e) => {
    const view = polcaViews[(e as CustomEvent<{ selectedIndex: number }>).detail.selectedIndex];
    if (view !== undefined) {
      dispatch({ type: 'show', view });
    }
  });
  wireViews(dispatch, get);
  onSelect('export-figure', dispatch, (f) => ({ type: 'exportFigure', figure: f as FigureId }));
  onSelect('export-format', dispatch, (f) => ({ type: 'exportFormat', format: f as ExportFormat }));
  byId('refresh').addEventListener('click', () => dispatch({ type: 'reload' }));
  byId('cancel').addEventListener('click', () => actions.cancel(viewSlot(get())));
  wireExportButton(actions.exportFigure, actions.showMessage);
}
