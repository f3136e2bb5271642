/**
 * Connects the POLCA page's controls to the reducer: tabs, selects, Refresh, Cancel and Export.
 * DOM glue only; every change becomes an action.
 */
import { polcaViews } from '../../src/shared/protocol/polcaView';
import { byId } from '../common/dom';
import { selectWirer, wireViewControls } from '../common/viewControls';
import { methodIds } from './methods';
import { viewSlot } from './selectors';
import type { PolcaAction, PolcaState } from './state';
import type { SlotId } from './types';

type Dispatch = (a: PolcaAction) => void;

function wireViews(dispatch: Dispatch, get: () => PolcaState): void {
  const onSelect = selectWirer(dispatch);
  onSelect('clusters-method', (v) => {
    const method = methodIds.find((m) => m === v);
    return method === undefined
      ? undefined
      : { type: 'clusters', patch: { method, cluster: undefined } };
  });
  onSelect('clusters-vector', (v) =>
    v === 'best' || v === 'dominant'
      ? { type: 'clusters', patch: { vector: v, cluster: undefined } }
      : undefined,
  );
  onSelect('clusters-group', (group) => ({
    type: 'clusters',
    patch: { group, cluster: undefined },
  }));
  onSelect('clusters-skill', (skill) => {
    const s = get();
    const current = s.clusters.skill || s.loads.polca.data?.skill;
    return skill === current
      ? undefined
      : { type: 'clusters', patch: { skill, cluster: undefined } };
  });
  onSelect('spectrum-source', (v) =>
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
  wireViewControls(polcaViews, dispatch, actions.exportFigure, actions.showMessage);
  wireViews(dispatch, get);
  byId('cancel').addEventListener('click', () => actions.cancel(viewSlot(get())));
}
