/**
 * Checkpoint editor view, wiring only: builds the page (page.ts), connects to the host and runs
 * the view (../common/view.ts) with the pure reducer (state.ts), the page writer (render.ts) and
 * the figure table (figures.ts); asks the host for the file's summary and exports the histogram
 * (exports.ts). A file that cannot be read shows the error view.
 */
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import type {
  CheckpointHostServes,
  CheckpointViewServes,
} from '../../src/shared/protocol/checkpointView';
import { plotViews } from '../common/analysisPage';
import { connectToHost } from '../common/endpoint';
import { type ExportSource, serveFigureExports } from '../common/export';
import { View, errorText } from '../common/view';
import { loadState } from '../common/vscodeApi';
import { exportBaseName, tableCsv } from './exports';
import { type PlotFigureId, figureIds } from './figureIds';
import { figureBuilders, figureDeps } from './figures';
import { buildPage } from './page';
import { renderPage } from './render';
import {
  type CheckpointAction,
  type CheckpointState,
  type SavedCheckpointState,
  initialState,
  reduce,
  savedState,
  visibleFigures,
} from './state';
import { chosenFormat, wireControls } from './wire';
import './checkpoint.css';

buildPage();
const endpoint = connectToHost<CheckpointViewServes, CheckpointHostServes>();
const plots = plotViews(figureIds);

const view = new View<CheckpointState, CheckpointAction, PlotFigureId>({
  initial: initialState(loadState<SavedCheckpointState>()),
  reduce,
  renderPage: (s) => renderPage(s, view.dispatch),
  savedState,
  visibleFigures,
  plots,
  figureDeps,
  figure: (s, id, theme) => figureBuilders[id](s, theme),
});

/** The export source: the histogram, the tensor table and the summary. */
function exportSource(): ExportSource {
  const { state } = view;
  return {
    baseName: exportBaseName(state),
    plot: plots.histogram,
    csv: () => (state.summary === undefined ? '' : tableCsv(state.summary)),
    json: () => state.summary ?? {},
  };
}

async function start(): Promise<void> {
  wireControls(serveFigureExports(endpoint, exportSource, chosenFormat));
  const ready = await view.start(
    async () => ({ type: 'snapshot', ...(await endpoint.request('view/ready', {})) }),
    (message) => ({ type: 'failed', message }),
  );
  if (ready) {
    try {
      view.dispatch({ type: 'loaded', summary: await endpoint.request('checkpoint/load', {}) });
    } catch (e) {
      view.dispatch({ type: 'failed', message: errorText(e) });
    }
  }
}

void start();
