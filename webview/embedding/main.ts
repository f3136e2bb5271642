/**
 * Embedding view, wiring only: builds the page (page.ts), connects to the host and runs the view
 * (../common/view.ts) with the pure reducer (state.ts), the page writer (render.ts) and the
 * figure table (figures.ts); loads the trajectory, plays through the checkpoints, reloads when
 * the run ends, wires the controls (wire.ts) and exports the figure (exports.ts).
 */
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import type {
  EmbeddingHostServes,
  EmbeddingViewServes,
} from '../../src/shared/protocol/embeddingView';
import { plotViews } from '../common/analysisPage';
import { connectToHost } from '../common/endpoint';
import { type ExportSource, serveFigureExports, tableExportSource } from '../common/export';
import { View, errorText } from '../common/view';
import { loadState } from '../common/vscodeApi';
import { exportBaseName, frameJson, frameTable } from './exports';
import { type FigureId, figureIds } from './figureIds';
import { figureBuilders, figureDeps } from './figures';
import { buildPage } from './page';
import { renderPage } from './render';
import {
  type EmbeddingAction,
  type EmbeddingState,
  type SavedEmbeddingState,
  initialState,
  reduce,
  savedState,
  visibleFigures,
} from './state';
import { type Load, chosenFormat, wireControls } from './wire';
import './embedding.css';

/** Milliseconds per checkpoint while playing. */
const frameMs = 450;

buildPage();
const endpoint = connectToHost<EmbeddingViewServes, EmbeddingHostServes>();
const plots = plotViews(figureIds);
let timer: ReturnType<typeof setInterval> | undefined;

const view = new View<EmbeddingState, EmbeddingAction, FigureId>({
  initial: initialState(loadState<SavedEmbeddingState>()),
  reduce,
  renderPage,
  savedState,
  visibleFigures,
  plots,
  figureDeps,
  figure: (s, id, theme) => figureBuilders[id](s, theme),
});

/** Applies an action, then ticks through the checkpoints while playing. */
function dispatch(action: EmbeddingAction): void {
  view.dispatch(action);
  const { playing } = view.state;
  if (playing && timer === undefined) {
    timer = setInterval(() => dispatch({ type: 'tick' }), frameMs);
  } else if (!playing && timer !== undefined) {
    clearInterval(timer);
    timer = undefined;
  }
}

const load: Load = async (k, projection = view.state.projection) => {
  dispatch({ type: 'loading', k, projection });
  try {
    const data = await endpoint.request('embedding/trajectory', { k, projection });
    dispatch({ type: 'loaded', data });
  } catch (e) {
    dispatch({ type: 'failed', message: errorText(e) });
  }
};

function exportSource(): ExportSource {
  const { state } = view;
  return tableExportSource(
    exportBaseName(state),
    plots.plot,
    () => frameTable(state),
    () => frameJson(state),
  );
}

async function start(): Promise<void> {
  const exportFigure = serveFigureExports(endpoint, exportSource, chosenFormat);
  endpoint.on('run/changed', ({ status }) => {
    dispatch({ type: 'runChanged' });
    // A finished run has its final checkpoints: show them unless the user is playing.
    if (['done', 'failed', 'cancelled'].includes(status) && !view.state.playing) {
      void load(view.state.k);
    }
  });
  wireControls(dispatch, () => view.state, load, exportFigure);
  const ready = await view.start(
    async () => {
      const { key, title } = await endpoint.request('view/ready', {});
      return { type: 'snapshot', key, title };
    },
    (message) => ({ type: 'failed', message }),
  );
  if (ready) {
    await load(view.state.k);
  }
}

void start();
