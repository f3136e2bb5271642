/**
 * Rule-extrapolation view, wiring only: builds the page (page.ts), connects to the host and runs
 * the view (../common/view.ts) with the pure reducer (state.ts), the page writer (render.ts) and
 * the figure table (figures.ts); loads the data, reloads when the host reports a change, wires
 * the controls (wire.ts) and exports figures (exports.ts).
 */
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import type {
  ExtrapolationHostServes,
  ExtrapolationViewServes,
} from '../../src/shared/protocol/extrapolationView';
import type { ExportFormat } from '../../src/shared/protocol/panelProtocol';
import { plotViews, sourceLoader } from '../common/analysisPage';
import { connectToHost } from '../common/endpoint';
import { type ExportSource, serveFigureExports, tableExportSource } from '../common/export';
import { View } from '../common/view';
import { loadState } from '../common/vscodeApi';
import { exportBaseName, exportTarget, figureJson, figureTable } from './exports';
import { type PlotFigureId, plotFigureIds } from './figureIds';
import { figureBuilders, figureDeps } from './figures';
import { buildPage } from './page';
import { renderPage } from './render';
import {
  type ExtrapolationAction,
  type ExtrapolationState,
  type SavedExtrapolationState,
  initialState,
  reduce,
  savedState,
  visibleFigures,
} from './state';
import { wireControls } from './wire';
import './extrapolation.css';

buildPage();
const endpoint = connectToHost<ExtrapolationViewServes, ExtrapolationHostServes>();
const plots = plotViews(plotFigureIds);

const view = new View<ExtrapolationState, ExtrapolationAction, PlotFigureId>({
  initial: initialState(loadState<SavedExtrapolationState>()),
  reduce,
  renderPage,
  savedState,
  visibleFigures,
  plots,
  figureDeps,
  figure: (s, id, theme) => figureBuilders[id](s, theme),
});
const loader = sourceLoader(() => endpoint.request('extrapolation/load', {}), view.dispatch);

/** The export source of a format: images of the table fall back to the curves. */
function exportSource(format: ExportFormat): ExportSource {
  const { state } = view;
  const figure = exportTarget(state.exportFigure, format);
  return tableExportSource(
    exportBaseName(state, figure),
    plots[figure === 'samples' ? 'curves' : figure],
    () => figureTable(state, figure),
    () => figureJson(state, figure),
  );
}

async function start(): Promise<void> {
  const exportFigure = serveFigureExports(endpoint, exportSource, () => view.state.exportFormat);
  endpoint.on('extrapolation/changed', loader.changed);
  wireControls(view.dispatch, loader.load, exportFigure);
  const ready = await view.start(
    async () => ({ type: 'snapshot', ...(await endpoint.request('view/ready', {})) }),
    (message) => ({ type: 'failed', message }),
  );
  if (ready) {
    await loader.load();
  }
}

void start();
