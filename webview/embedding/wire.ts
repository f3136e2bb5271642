/**
 * Connects the embedding page's controls: the slider, Play/Pause and the colour choice dispatch
 * actions; the dimension, projection and choice selects and Refresh load the trajectory anew;
 * Export saves the figure. DOM glue only.
 */
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import type {
  EmbeddingProjectionKind,
  EmbeddingProjectionRequest,
} from '../../src/shared/embeddingResults';
import type { ExportFormat } from '../../src/shared/protocol/panelProtocol';
import { showMessage, wireExportButton } from '../common/analysisPage';
import { byId } from '../common/dom';
import { choiceValue, modeValue, requestForChoice, requestForDims } from './projection';
import type { EmbeddingAction, EmbeddingState } from './state';

/** Loads the trajectory in `k` dimensions with a projection (the current one when omitted). */
export type Load = (k: 2 | 3, projection?: EmbeddingProjectionRequest) => Promise<void>;

/** The export format chosen in the toolbar. */
export function chosenFormat(): ExportFormat {
  return byId<VscodeSingleSelect>('export-format').value as ExportFormat;
}

function wireProjection(get: () => EmbeddingState, load: Load): void {
  const dims = byId<VscodeSingleSelect>('dims');
  dims.addEventListener(
    'change',
    () => void load(dims.value === '3' ? 3 : 2, requestForDims(get())),
  );
  const mode = byId<VscodeSingleSelect>('mode');
  mode.addEventListener('change', () => {
    if (mode.value !== modeValue(get())) {
      const request: EmbeddingProjectionRequest = { kind: mode.value as EmbeddingProjectionKind };
      void load(get().k, request);
    }
  });
  const choice = byId<VscodeSingleSelect>('choice');
  choice.addEventListener('change', () => {
    if (choice.value !== '' && choice.value !== choiceValue(get())) {
      void load(get().k, requestForChoice(get(), choice.value));
    }
  });
}

/** Wires every control (`get` reads the current state). */
export function wireControls(
  dispatch: (a: EmbeddingAction) => void,
  get: () => EmbeddingState,
  load: Load,
  exportFigure: () => Promise<void>,
): void {
  const slider = byId<HTMLInputElement>('slider');
  slider.addEventListener('input', () => dispatch({ type: 'select', index: Number(slider.value) }));
  byId('play').addEventListener('click', () =>
    dispatch({ type: get().playing ? 'pause' : 'play' }),
  );
  const colour = byId<VscodeSingleSelect>('colour-by');
  colour.addEventListener('change', () => dispatch({ type: 'colourBy', label: colour.value }));
  wireProjection(get, load);
  byId('refresh').addEventListener('click', () => void load(get().k));
  wireExportButton(exportFigure, showMessage);
}
