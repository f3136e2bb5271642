/**
 * Universality view, DOM glue only: builds the page (page.ts), connects to the host, feeds
 * messages and user input through the pure reducer (state.ts), sends the requests the state needs
 * (requests.ts), writes the page (render.ts) and draws with the pure figure builders (figures.ts).
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
import { reloadSchedule } from '../common/analysisPage';
import { toCsv } from '../common/csv';
import { byId } from '../common/dom';
import { connectToHost } from '../common/endpoint';
import { type ExportSource, renderFigureFile } from '../common/export';
import { PlotView } from '../common/plot';
import { onThemeChange, readTheme } from '../common/theme';
import { loadState, saveState } from '../common/vscodeApi';
import { onCellClick } from './clicks';
import { exportBaseName, figureJson, figureTable } from './exports';
import {
  type PlotFigureId,
  depsChanged,
  figureBuilders,
  figureDeps,
  plotFigureIds,
} from './figures';
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
const showPlotError = (e: unknown): void => showMessage(`Plot error: ${String(e)}`);
const plots = Object.fromEntries(
  plotFigureIds.map((id) => [id, new PlotView(byId(id), showPlotError)]),
) as Record<PlotFigureId, PlotView>;
/** What each figure was last drawn from (cleared to force a redraw). */
const drawn = new Map<PlotFigureId, unknown[]>();
let theme = readTheme();
let state: UniversalityState = initialState(loadState<SavedUniversalityState>());
const reload = reloadSchedule(
  (detail) => dispatch({ type: 'changed', detail }),
  () => Promise.resolve(dispatch({ type: 'reload' })),
);

function showMessage(text: string | undefined): void {
  const el = byId('message');
  el.textContent = text ?? '';
  el.hidden = text === undefined;
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function send(r: SlotRequest): Promise<SlotData[SlotId]> {
  const request = endpoint.request.bind(endpoint) as (m: string, p: unknown) => Promise<unknown>;
  return request(r.method, r.params) as Promise<SlotData[SlotId]>;
}

/** Sends what the state needs; answers to superseded requests are dropped by the reducer. */
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

/** Redraws the shown figures whose data changed (all of them after `drawn.clear()`). */
function draw(): void {
  for (const id of visibleFigures(state)) {
    if (id === 'stitchingCell') {
      continue;
    }
    const deps = figureDeps(state, id);
    if (depsChanged(drawn.get(id), deps)) {
      drawn.set(id, deps);
      void plots[id].render(figureBuilders[id](state, theme)).then(() => onClick(id));
    }
  }
}

function dispatch(action: UniversalityAction): void {
  if (action.type === 'reload') {
    reload.cancel(); // a reload scheduled by a change is covered by this one
  }
  const view = state.view;
  state = reduce(state, action);
  issueRequests();
  renderPage(state); // sections are shown before Plotly measures them
  if (state.view !== view) {
    drawn.clear(); // a view drawn while hidden (or resized since) is drawn again
  }
  draw();
  saveState<SavedUniversalityState>(savedState(state));
}

/** The export source of the chosen figure (images of the cell table show the matrix). */
function exportSource(): ExportSource {
  const figure = state.exportFigure;
  const plotted = figure === 'stitchingCell' ? 'stitchingMatrix' : figure;
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
  endpoint.on('universality/changed', reload.changed);
  endpoint.on('universality/show', ({ view }) => dispatch({ type: 'show', view }));
  wireControls(dispatch, () => state, exportFigure, showMessage);
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
