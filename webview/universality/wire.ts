/**
 * Connects the universality page's controls to the reducer: tabs, selects, number fields, the
 * checkpoint slider, Refresh and Export. DOM glue only; every change becomes an action.
 */
import type { VscodeTextfield } from '@vscode-elements/elements/dist/vscode-textfield/vscode-textfield.js';
import { universalityViews } from '../../src/shared/protocol/universalityView';
import { byId } from '../common/dom';
import { selectWirer, wireViewControls } from '../common/viewControls';
import { estimatorOr, permutationsOr } from './choices';
import type { UniversalityAction, UniversalityState } from './state';
import type { ScoreKind } from './types';

type Dispatch = (a: UniversalityAction) => void;

/** Dispatches an action built from a number field's value when it is committed. */
function onNumber(id: string, dispatch: Dispatch, action: (value: string) => UniversalityAction) {
  const el = byId<VscodeTextfield>(id);
  el.addEventListener('change', () => dispatch(action(el.value)));
}

function wireLayers(dispatch: Dispatch, get: () => UniversalityState): void {
  const onSelect = selectWirer(dispatch);
  const layers = (patch: Partial<UniversalityState['layers']>): UniversalityAction => ({
    type: 'layers',
    patch,
  });
  onSelect('layers-run', (run) => layers({ run, cell: undefined }));
  onSelect('layers-estimator', (v) =>
    layers({ estimator: estimatorOr(v, get().layers.estimator) }),
  );
  onNumber('layers-permutations', dispatch, (v) =>
    layers({ permutations: permutationsOr(v, get().layers.permutations) }),
  );
  onSelect('layers-label', (label) => layers({ label }));
  const slider = byId<HTMLInputElement>('layers-step');
  slider.addEventListener('input', () => {
    const step = get().loads.layers.data?.steps[Number(slider.value)]?.step;
    dispatch(layers({ step }));
  });
}

function wireRuns(dispatch: Dispatch, get: () => UniversalityState): void {
  const onSelect = selectWirer(dispatch);
  const compare = (patch: Partial<UniversalityState['compare']>): UniversalityAction => ({
    type: 'compare',
    patch,
  });
  onSelect('runs-layer', (layer) => compare({ layer }));
  onSelect('runs-estimator', (v) =>
    compare({ estimator: estimatorOr(v, get().compare.estimator) }),
  );
  onNumber('runs-permutations', dispatch, (v) =>
    compare({ permutations: permutationsOr(v, get().compare.permutations) }),
  );
}

function wireStitchingAndStarvation(dispatch: Dispatch): void {
  const onSelect = selectWirer(dispatch);
  onSelect('stitching-from', (from) => ({ type: 'stitching', patch: { from } }));
  onSelect('stitching-to', (to) => ({ type: 'stitching', patch: { to } }));
  onSelect('stitching-score', (v) => ({
    type: 'stitching',
    patch: { score: v as ScoreKind },
  }));
  onSelect('starvation-source', (source) => ({ type: 'starvation', patch: { source } }));
  onSelect('starvation-embed', (v) => ({
    type: 'starvation',
    patch: { embedDim: Number(v) },
  }));
  onSelect('starvation-fraction', (v) => ({
    type: 'starvation',
    patch: { trainFraction: Number(v) },
  }));
}

/** Wires every control; `exportFigure` saves the chosen figure, `showMessage` reports. */
export function wireControls(
  dispatch: Dispatch,
  get: () => UniversalityState,
  exportFigure: () => Promise<void>,
  showMessage: (text: string | undefined) => void,
): void {
  wireViewControls(universalityViews, dispatch, exportFigure, showMessage);
  wireLayers(dispatch, get);
  wireRuns(dispatch, get);
  wireStitchingAndStarvation(dispatch);
}
