/**
 * Universality view, DOM glue only: builds the page (page.ts), connects to the host and runs the
 * view runtime (../common/view.ts) with the pure reducer (state.ts), the requests the state
 * needs (requests.ts), the page writer (render.ts) and the pure figure builders (figures.ts);
 * reloads when the host reports a change, and exports figures.
 */
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type {
  UniversalityHostServes,
  UniversalityViewServes,
} from '../../src/shared/protocol/universalityView';
import { plotViews, reloadSchedule, showMessage } from '../common/analysisPage';
import { connectToHost } from '../common/endpoint';
import { type ExportSource, serveFigureExports, tableExportSource } from '../common/export';
import { View } from '../common/view';
import { loadState } from '../common/vscodeApi';
import { onCellClick } from './clicks';
import { exportBaseName, figureJson, figureTable } from './exports';
import { type PlotFigureId, figureBuilders, figureDeps, plotFigureIds } from './figures';
import { buildPage } from './page';
import { renderPage } from './render';
import { type SlotRequest, neededRequests, signatureOf } from './requests';
import { visibleFigures } from './selectors';
import {
  type SavedUniversalityState,
  type SlotData,
  type SlotId,
  type UniversalityAction,
  type UniversalityState,
  initialState,
  reduce,
  savedState,
} from './state';
import { wireControls } from './wire';
import './universality.css';

buildPage();
const endpoint = connectToHost<UniversalityViewServes, UniversalityHostServes>();
const plots = plotViews(plotFigureIds);

function send(r: SlotRequest): Promise<SlotData[SlotId]> {
  const request = endpoint.request.bind(endpoint) as (m: string, p: unknown) => Promise<unknown>;
  return request(r.method, r.params) as Promise<SlotData[SlotId]>;
}

/** Listens to clicks on the cells of the figures that have them. */
function onClick(id: PlotFigureId): void {
  if (id === 'layersHeatmap') {
    onCellClick(plots[id].element, ({ x, y }) =>
      dispatch({ type: 'layers', patch: { cell: { row: y, column: x } } }),
    );
  } else if (id === 'stitchingMatrix') {
    onCellClick(plots[id].element, ({ x, y, curve }) =>
      dispatch({
        type: 'stitching',
        patch: {
          cell: { direction: curve === 0 ? 'forward' : 'backward', fromLayer: y, toLayer: x },
        },
      }),
    );
  }
}

const view = new View<
  UniversalityState,
  UniversalityAction,
  PlotFigureId,
  SlotRequest,
  SlotData[SlotId]
>({
  initial: initialState(loadState<SavedUniversalityState>()),
  reduce,
  requests: { neededRequests, signatureOf, send },
  renderPage,
  savedState,
  visibleFigures,
  plots,
  figureDeps,
  figure: (s, id, theme) => figureBuilders[id](s, theme),
  afterDraw: onClick,
  tabOf: (s) => s.view,
});
const reload = reloadSchedule(
  (detail) => dispatch({ type: 'changed', detail }),
  () => Promise.resolve(dispatch({ type: 'reload' })),
);

function dispatch(action: UniversalityAction): void {
  if (action.type === 'reload') {
    reload.cancel(); // a reload scheduled by a change is covered by this one
  }
  view.dispatch(action);
}

/** The export source of the chosen figure (images of the cell table show the matrix). */
function exportSource(): ExportSource {
  const figure = view.state.exportFigure;
  return tableExportSource(
    exportBaseName(view.state, figure),
    plots[figure === 'stitchingCell' ? 'stitchingMatrix' : figure],
    () => figureTable(view.state, figure),
    () => figureJson(view.state, figure),
  );
}

async function start(): Promise<void> {
  const exportFigure = serveFigureExports(endpoint, exportSource, () => view.state.exportFormat);
  endpoint.on('universality/changed', reload.changed);
  endpoint.on('universality/show', ({ view: shown }) => dispatch({ type: 'show', view: shown }));
  wireControls(dispatch, () => view.state, exportFigure, showMessage);
  await view.start(
    async () => ({ type: 'snapshot', ...(await endpoint.request('view/ready', {})) }),
    (message) => ({ type: 'fatal', message }),
  );
}

void start();
