/**
 * Training view, wiring only: builds the page (page.ts), connects to the host and runs the view
 * (../common/view.ts) with the pure reducer (state.ts), the page writer (render.ts) and the
 * figure table (figures.ts), whose figure is drawn anew or streamed into as runs progress; wires
 * the controls (wire.ts), stops the run and exports the figure (exports.ts).
 */
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import type {
  TrainingHostServes,
  TrainingViewServes,
} from '../../src/shared/protocol/trainingView';
import { plotViews } from '../common/analysisPage';
import { connectToHost } from '../common/endpoint';
import { type ExportSource, serveFigureExports, tableExportSource } from '../common/export';
import { View } from '../common/view';
import { loadState } from '../common/vscodeApi';
import { exportBaseName, exportJson, exportTable } from './exports';
import { type FigureId, figureIds } from './figureIds';
import { figureBuilders, figureDeps, figureExtension } from './figures';
import { buildPage } from './page';
import { renderPage } from './render';
import {
  type SavedTrainingState,
  type TrainingAction,
  type TrainingPage,
  initialPage,
  reducePage,
  savedState,
  stoppableRun,
  visibleFigures,
} from './state';
import { chosenFormat, wireControls } from './wire';
import './training.css';

buildPage();
const saved = loadState<SavedTrainingState>();
const endpoint = connectToHost<TrainingViewServes, TrainingHostServes>();
const plots = plotViews(figureIds);

const view = new View<TrainingPage, TrainingAction, FigureId>({
  initial: initialPage(saved),
  reduce: reducePage,
  renderPage,
  savedState,
  visibleFigures,
  plots,
  figureDeps,
  figure: (p, id, theme) => figureBuilders[id](p, theme),
  extension: figureExtension,
});

function exportSource(): ExportSource {
  const { state } = view.state;
  return tableExportSource(
    exportBaseName(state),
    plots.plot,
    () => exportTable(state),
    () => exportJson(state),
  );
}

async function stopRun(): Promise<void> {
  const run = stoppableRun(view.state.state);
  if (run !== undefined) {
    await endpoint.request('run/stop', { runDir: run.runDir });
  }
}

async function start(): Promise<void> {
  const exportFigure = serveFigureExports(endpoint, exportSource, chosenFormat);
  endpoint.on('run/progress', ({ updates }) => view.dispatch({ type: 'progress', updates }));
  endpoint.on('run/status', (event) => view.dispatch({ type: 'status', event }));
  wireControls(view.dispatch, view.state.state, saved, { exportFigure, stopRun });
  await view.start(
    async () => ({ type: 'snapshot', snapshot: await endpoint.request('view/ready', {}) }),
    (message) => ({ type: 'loadFailed', message }),
  );
}

void start();
