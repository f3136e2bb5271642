/**
 * Completeness view, wiring only: builds the page (page.ts), connects to the host and runs the
 * view (../common/view.ts) with the pure reducer (state.ts), the page writer (render.ts) and the
 * figure table (figures.ts); loads the data, reloads when the host reports a change, wires the
 * controls (wire.ts) and exports figures (exports.ts).
 */
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import type {
  CompletenessHostServes,
  CompletenessViewServes,
} from '../../src/shared/protocol/completenessView';
import type { ExportFormat } from '../../src/shared/protocol/panelProtocol';
import { plotViews, sourceLoader } from '../common/analysisPage';
import { byId } from '../common/dom';
import { connectToHost } from '../common/endpoint';
import { type ExportSource, serveFigureExports, tableExportSource } from '../common/export';
import { View } from '../common/view';
import { loadState } from '../common/vscodeApi';
import { exportBaseName, figureJson, figureTable } from './exports';
import { type FigureId, figureIds } from './figureIds';
import { figureBuilders, figureDeps } from './figures';
import { buildPage } from './page';
import { renderPage } from './render';
import {
  type CompletenessAction,
  type CompletenessState,
  type SavedCompletenessState,
  initialState,
  reduce,
  savedState,
  visibleFigures,
} from './state';
import { wireControls } from './wire';
import './completeness.css';

buildPage();
const endpoint = connectToHost<CompletenessViewServes, CompletenessHostServes>();
const plots = plotViews(figureIds);

const view = new View<CompletenessState, CompletenessAction, FigureId>({
  initial: initialState(loadState<SavedCompletenessState>()),
  reduce,
  renderPage: (s) => renderPage(s, dispatch),
  savedState,
  visibleFigures,
  plots,
  figureDeps,
  figure: (s, id, theme) => figureBuilders[id](s, theme),
});
const dispatch = view.dispatch;
const loader = sourceLoader(() => endpoint.request('completeness/load', {}), dispatch);

/** The export source of the chosen figure. */
function exportSource(): ExportSource {
  const { state } = view;
  return tableExportSource(
    exportBaseName(state, state.exportFigure),
    plots[state.exportFigure],
    () => figureTable(state, state.exportFigure),
    () => figureJson(state, state.exportFigure),
  );
}

async function start(): Promise<void> {
  const exportFigure = serveFigureExports(
    endpoint,
    exportSource,
    () => byId<VscodeSingleSelect>('export-format').value as ExportFormat,
  );
  endpoint.on('completeness/changed', loader.changed);
  wireControls(dispatch, loader.load, exportFigure);
  const ready = await view.start(
    async () => ({ type: 'snapshot', ...(await endpoint.request('view/ready', {})) }),
    (message) => ({ type: 'failed', message }),
  );
  if (ready) {
    await loader.load();
  }
}

void start();
