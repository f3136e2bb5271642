/**
 * Connects the universality page's controls to the reducer: tabs, selects, number fields, the
 * checkpoint slider, Refresh and Export. DOM glue only; every change becomes an action.
 */
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import type { VscodeTextfield } from '@vscode-elements/elements/dist/vscode-textfield/vscode-textfield.js';
import type { ExportFormat } from '../../src/shared/protocol/panelProtocol';
import { universalityViews } from '../../src/shared/protocol/universalityView';
import { wireExportButton } from '../common/analysisPage';
import { byId } from '../common/dom';
import type { FigureId } from './figureIds';
import {
  type UniversalityAction,
  type UniversalityState,
  estimatorOr,
  permutationsOr,
} from './state';
import type { ScoreKind } from './types';

type Dispatch = (a: UniversalityAction) => void;

/** Dispatches an action built from a select's value whenever it changes. */
function onSelect(id: string, dispatch: Dispatch, action: (value: string) => UniversalityAction) {
  const el = byId<VscodeSingleSelect>(id);
  el.addEventListener('change', () => dispatch(action(el.value)));
}

/** Dispatches an action built from a number field's value when it is committed. */
function onNumber(id: string, dispatch: Dispatch, action: (value: string) => UniversalityAction) {
  const el = byId<VscodeTextfield>(id);
  el.addEventListener('change', () => dispatch(action(el.value)));
}

function wireLayers(dispatch: Dispatch, get: () => UniversalityState): void {
  const layers = (patch: Partial<UniversalityState['layers']>): UniversalityAction => ({
    type: 'layers',
    patch,
  });
  onSelect('layers-run', dispatch, (run) => layers({ run, cell: undefined }));
  onSelect('layers-estimator', dispatch, (v) =>
    layers({ estimator: estimatorOr(v, get().layers.estimator) }),
  );
  onNumber('layers-permutations', dispatch, (v) =>
    layers({ permutations: permutationsOr(v, get().layers.permutations) }),
  );
  onSelect('layers-label', dispatch, (label) => layers({ label }));
  const slider = byId<HTMLInputElement>('layers-step');
  slider.addEventListener('input', () => {
    const step = get().loads.layers.data?.steps[Number(slider.value)]?.step;
    dispatch(layers({ step }));
  });
}

function wireRuns(dispatch: Dispatch, get: () => UniversalityState): void {
  const compare = (patch: Partial<UniversalityState['compare']>): UniversalityAction => ({
    type: 'compare',
    patch,
  });
  onSelect('runs-layer', dispatch, (layer) => compare({ layer }));
  onSelect('runs-estimator', dispatch, (v) =>
    compare({ estimator: estimatorOr(v, get().compare.estimator) }),
  );
  onNumber('runs-permutations', dispatch, (v) =>
    compare({ permutations: permutationsOr(v, get().compare.permutations) }),
  );
}

function wireStitchingAndStarvation(dispatch: Dispatch): void {
  onSelect('stitching-from', dispatch, (from) => ({ type: 'stitching', patch: { from } }));
  onSelect('stitching-to', dispatch, (to) => ({ type: 'stitching', patch: { to } }));
  onSelect('stitching-score', dispatch, (v) => ({
    type: 'stitching',
    patch: { score: v as ScoreKind },
  }));
  onSelect('starvation-source', dispatch, (source) => ({ type: 'starvation', patch: { source } }));
  onSelect('starvation-embed', dispatch, (v) => ({
    type: 'starvation',
    patch: { embedDim: Number(v) },
  }));
  onSelect('starvation-fraction', dispatch, (v) => ({
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
  byId('views').addEventListener('vsc-tabs-select', (e) => {
    const view =
      universalityViews[(e as CustomEvent<{ selectedIndex: number }>).detail.selectedIndex];
    if (view !== undefined) {
      dispatch({ type: 'show', view });
    }
  });
  wireLayers(dispatch, get);
  wireRuns(dispatch, get);
  wireStitchingAndStarvation(dispatch);
  onSelect('export-figure', dispatch, (f) => ({ type: 'exportFigure', figure: f as FigureId }));
  onSelect('export-format', dispatch, (f) => ({ type: 'exportFormat', format: f as ExportFormat }));
  byId('refresh').addEventListener('click', () => dispatch({ type: 'reload' }));
  wireExportButton(exportFigure, showMessage);
}
