/**
 * POLCA view, DOM glue only: builds the page (page.ts), connects to the host, feeds messages and
 * user input through the pure reducer (state.ts), sends the requests the state needs
 * (requests.ts), writes the page (render.ts) and draws with the pure figure builders (figures.ts).
 */
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import type { PolcaHostServes, PolcaViewServes } from '../../src/shared/protocol/polcaView';
import { toCsv } from '../common/csv';
import { byId } from '../common/dom';
import { connectToHost } from '../common/endpoint';
import { type ExportSource, renderFigureFile } from '../common/export';
import { PlotView } from '../common/plot';
import { onThemeChange, readTheme } from '../common/theme';
import { loadState, saveState } from '../common/vscodeApi';
import { onClusterClick } from './clicks';
import { exportBaseName, figureJson, figureTable } from './exports';
import { type PlotFigureId, plotFigureIds } from './figureIds';
import { depsChanged, figureBuilders, figureDeps } from './figures';
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
const showPlotError = (e: unknown): void => showMessage(`Plot error: ${String(e)}`);
const plots = Object.fromEntries(
  plotFigureIds.map((id) => [id, new PlotView(byId(id), showPlotError)]),
) as Record<PlotFigureId, PlotView>;
/** What each figure was last drawn from (cleared to force a redraw). */
const drawn = new Map<PlotFigureId, unknown[]>();
let theme = readTheme();
let state: PolcaState = initialState(loadState<SavedPolcaState>());

function showMessage(text: string | undefined): void {
  const el = byId('message');
  el.textContent = text ?? '';
  el.hidden = text === undefined;
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function send(r: SlotRequest): Promise<SlotData[SlotId]> {
  return r.method === 'polca/load'
    ? endpoint.request('polca/load', r.params)
    : endpoint.request('polca/hessian', r.params);
}

/** Sends what the state needs; answers to superseded or cancelled requests are dropped. */
function issueRequests(): void {
  for (const r of neededRequests(state)) {
    const signature = signatureOf(r);
    state = reduce(state, { type: 'request', slot: r.slot, signature });
    send(r).then(
      (data) => dispatch({ type: 'loaded', slot: r.slot, signature, data }),
      (e: unknown) => dispatch({ type: 'failed', slot: r.slot, signature, message: errorText(e) }),
    );
  }
}

/** Redraws the shown figures whose data changed (all of them after `drawn.clear()`). */
function draw(): void {
  for (const id of visibleFigures(state)) {
    if (id === 'members') {
      continue;
    }
    const deps = figureDeps(state, id);
    if (depsChanged(drawn.get(id), deps)) {
      drawn.set(id, deps);
      void plots[id].render(figureBuilders[id](state, theme)).then(() => {
        if (id === 'clusterCurves') {
          onClusterClick(plots[id].element, (cluster) =>
            dispatch({ type: 'clusters', patch: { cluster } }),
          );
        }
      });
    }
  }
}

function dispatch(action: PolcaAction): void {
  const view = state.view;
  state = reduce(state, action);
  issueRequests();
  renderPage(state); // sections are shown before Plotly measures them
  if (state.view !== view) {
    drawn.clear(); // a view drawn while hidden (or resized since) is drawn again
  }
  draw();
  saveState<SavedPolcaState>(savedState(state));
}

/** Stops the slot's job: the page forgets it at once, the host kills its worker. */
function cancel(slot: SlotId): void {
  dispatch({ type: 'cancel', slot });
  endpoint.request('polca/cancel', { job: slot }).catch((e: unknown) => showMessage(errorText(e)));
}

/** The export source of the chosen figure (images of the member table show the clusters). */
function exportSource(): ExportSource {
  const figure = state.exportFigure;
  const plotted = figure === 'members' ? 'clusterCurves' : figure;
  return {
    baseName: exportBaseName(state, figure),
    plot: plots[plotted],
    csv: () => {
      const table = figureTable(state, figure);
      return toCsv(table.columns, table.rows);
    },
    json: () => figureJson(state, figure),
  };
}

async function exportFigure(): Promise<void> {
  const format = state.exportFormat;
  await endpoint.request('figure/export', await renderFigureFile(format, exportSource()));
}

async function start(): Promise<void> {
  endpoint.handle({
    'figure/render': ({ format }) => renderFigureFile(format, exportSource()),
  });
  endpoint.on('polca/progress', ({ job, done, total, what }) =>
    dispatch({ type: 'progress', slot: job, progress: { done, total, what } }),
  );
  endpoint.on('polca/changed', ({ detail }) => dispatch({ type: 'changed', detail }));
  endpoint.on('polca/show', ({ view }) => dispatch({ type: 'show', view }));
  wireControls(dispatch, () => state, { cancel, exportFigure, showMessage });
  onThemeChange((next) => {
    theme = next;
    drawn.clear();
    draw();
  });
  renderPage(state);
  try {
    const snapshot = await endpoint.request('view/ready', {});
    dispatch({ type: 'snapshot', ...snapshot });
  } catch (e) {
    dispatch({ type: 'fatal', message: errorText(e) });
  }
}

void start();
