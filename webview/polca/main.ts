/**
 * POLCA view, DOM glue only: builds the page (page.ts), connects to the host and runs the view
 * (../common/view.ts) with the pure reducer (state.ts), the requests the state needs
 * (requests.ts), the page writer (render.ts) and the pure figure builders (figures.ts); forwards
 * the worker's progress, cancels jobs and exports figures.
 */
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import type { PolcaHostServes, PolcaViewServes } from '../../src/shared/protocol/polcaView';
import { plotViews, showMessage } from '../common/analysisPage';
import { connectToHost } from '../common/endpoint';
import { type ExportSource, serveFigureExports, tableExportSource } from '../common/export';
import { View, errorText } from '../common/view';
import { loadState } from '../common/vscodeApi';
import { onClusterClick } from './clicks';
import { exportBaseName, figureJson, figureTable } from './exports';
import { type PlotFigureId, plotFigureIds } from './figureIds';
import { figureBuilders, figureDeps } from './figures';
import { buildPage } from './page';
import { renderPage } from './render';
import { type SlotRequest, neededRequests, signatureOf } from './requests';
import { visibleFigures } from './selectors';
import {
  type PolcaAction,
  type PolcaState,
  type SavedPolcaState,
  initialState,
  reduce,
  savedState,
} from './state';
import type { SlotData, SlotId } from './types';
import { wireControls } from './wire';
import './polca.css';

buildPage();
const endpoint = connectToHost<PolcaViewServes, PolcaHostServes>();
const plots = plotViews(plotFigureIds);

function send(r: SlotRequest): Promise<SlotData[SlotId]> {
  return r.method === 'polca/load'
    ? endpoint.request('polca/load', r.params)
    : endpoint.request('polca/hessian', r.params);
}

/** The view (answers to superseded or cancelled requests are dropped by the reducer). */
const view = new View<PolcaState, PolcaAction, PlotFigureId, SlotRequest, SlotData[SlotId]>({
  initial: initialState(loadState<SavedPolcaState>()),
  reduce,
  requests: { neededRequests, signatureOf, send },
  renderPage,
  savedState,
  visibleFigures,
  plots,
  figureDeps,
  figure: (s, id, theme) => figureBuilders[id](s, theme),
  afterDraw: (id) => {
    if (id === 'clusterCurves') {
      onClusterClick(plots[id].element, (cluster) =>
        view.dispatch({ type: 'clusters', patch: { cluster } }),
      );
    }
  },
  tabOf: (s) => s.view,
});

/** Stops the slot's job: the page forgets it at once, the host kills its worker. */
function cancel(slot: SlotId): void {
  view.dispatch({ type: 'cancel', slot });
  endpoint.request('polca/cancel', { job: slot }).catch((e: unknown) => showMessage(errorText(e)));
}

/** The export source of the chosen figure (images of the member table show the clusters). */
function exportSource(): ExportSource {
  const figure = view.state.exportFigure;
  return tableExportSource(
    exportBaseName(view.state, figure),
    plots[figure === 'members' ? 'clusterCurves' : figure],
    () => figureTable(view.state, figure),
    () => figureJson(view.state, figure),
  );
}

async function start(): Promise<void> {
  const exportFigure = serveFigureExports(endpoint, exportSource, () => view.state.exportFormat);
  endpoint.on('polca/progress', ({ job, done, total, what }) =>
    view.dispatch({ type: 'progress', slot: job, progress: { done, total, what } }),
  );
  endpoint.on('polca/changed', ({ detail }) => view.dispatch({ type: 'changed', detail }));
  endpoint.on('polca/show', ({ view: shown }) => view.dispatch({ type: 'show', view: shown }));
  wireControls(view.dispatch, () => view.state, { cancel, exportFigure, showMessage });
  await view.start(
    async () => ({ type: 'snapshot', ...(await endpoint.request('view/ready', {})) }),
    (message) => ({ type: 'fatal', message }),
  );
}

void start();
