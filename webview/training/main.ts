/**
 * Training view, DOM glue only: builds the page, connects to the host, feeds messages through the
 * pure reducer (state.ts) and draws with the pure figure builders (figures.ts).
 */
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import type { VscodeCheckbox } from '@vscode-elements/elements/dist/vscode-checkbox/vscode-checkbox.js';
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import { exportFormats, type ExportFormat } from '../../src/shared/protocol/panelProtocol';
import type {
  TrainingHostServes,
  TrainingViewServes,
} from '../../src/shared/protocol/trainingView';
import { toCsv } from '../common/csv';
import { byId, h } from '../common/dom';
import { connectToHost } from '../common/endpoint';
import { type ExportSource, renderFigureFile } from '../common/export';
import { PlotView } from '../common/plot';
import { onThemeChange, readTheme } from '../common/theme';
import { loadState, saveState } from '../common/vscodeApi';
import * as fig from './figures';
import {
  initialState,
  reduce,
  stoppableRun,
  type TrainingAction,
  type TrainingState,
} from './state';
import './training.css';

/** What this view saves across reloads (the key is what the serializer restores from). */
interface SavedTrainingState {
  key: string;
  logLoss: boolean;
  exportFormat: ExportFormat;
}

function buildPage(): void {
  const formats = exportFormats.map((f) => h('vscode-option', { value: f }, [f.toUpperCase()]));
  byId('app').append(
    h('header', { class: 'toolbar' }, [
      h('h1', { id: 'title' }, ['Training']),
      h('vscode-badge', { id: 'status' }, ['loading']),
      h('span', { id: 'step', class: 'step' }),
      h('vscode-button', { id: 'stop', secondary: true, hidden: true }, ['Stop']),
      h('span', { class: 'spacer' }),
      h('vscode-checkbox', { id: 'log-loss', label: 'Log scale (loss)' }),
      h('vscode-single-select', { id: 'export-format', 'aria-label': 'Export format' }, formats),
      h('vscode-button', { id: 'export', secondary: true }, ['Export']),
    ]),
    h('p', { id: 'message', class: 'message', role: 'alert', hidden: true }),
    h('div', {
      id: 'plot',
      class: 'plot',
      role: 'img',
      'aria-label': 'Loss and accuracy over steps',
    }),
    h('section', { class: 'summary', 'aria-label': 'Summary' }, [
      h('ul', { id: 'summary', 'aria-live': 'polite' }),
    ]),
  );
}

buildPage();
const saved = loadState<SavedTrainingState>();
const endpoint = connectToHost<TrainingViewServes, TrainingHostServes>();
const plot = new PlotView(byId('plot'), (e) => showMessage(`Plot error: ${String(e)}`));
let theme = readTheme();
let state: TrainingState = initialState(saved);

function showMessage(text: string | undefined): void {
  const el = byId('message');
  el.textContent = text ?? '';
  el.hidden = text === undefined;
}

/** Header, stop button and text summary (cheap; done after every change). */
function renderChrome(): void {
  const single = state.runs.length === 1 ? state.runs[0] : undefined;
  byId('title').textContent = state.title || 'Training';
  const live = state.runs.filter((r) => r.status === 'running').length;
  byId('status').textContent =
    state.phase !== 'ready'
      ? state.phase
      : (single?.status ?? `${state.runs.length} runs, ${live} running`);
  byId('step').textContent = single === undefined ? '' : fig.stepText(single);
  byId('stop').hidden = stoppableRun(state) === undefined;
  const lines =
    state.phase === 'failed' ? [state.error ?? 'Cannot load the run.'] : fig.summaryLines(state);
  byId('summary').replaceChildren(...lines.map((line) => h('li', {}, [line])));
}

function dispatch(action: TrainingAction): void {
  const t = reduce(state, action);
  state = t.state;
  if (state.phase === 'ready' && t.redraw) {
    void plot.render(fig.trainingFigure(state, theme));
  } else if (t.appended.length > 0) {
    void plot.extend(fig.traceExtension(state, t.appended));
  }
  renderChrome();
}

const exportSource: ExportSource = {
  get baseName() {
    return fig.exportBaseName(state);
  },
  plot,
  csv: () => {
    const table = fig.exportTable(state);
    return toCsv(table.columns, table.rows);
  },
  json: () => fig.exportJson(state),
};

async function exportFigure(): Promise<void> {
  const format = byId<VscodeSingleSelect>('export-format').value as ExportFormat;
  saveState<SavedTrainingState>({ exportFormat: format });
  const file = await renderFigureFile(format, exportSource);
  await endpoint.request('figure/export', file);
}

async function stopRun(): Promise<void> {
  const run = stoppableRun(state);
  if (run !== undefined) {
    await endpoint.request('run/stop', { runDir: run.runDir });
  }
}

/** Runs a button's action with the button disabled; failures go to the message line. */
function onClick(id: string, action: () => Promise<void>): void {
  const button = byId<HTMLElement & { disabled: boolean }>(id);
  button.addEventListener('click', () => {
    button.disabled = true;
    showMessage(undefined);
    action()
      .catch((e: unknown) => showMessage(e instanceof Error ? e.message : String(e)))
      .finally(() => (button.disabled = false));
  });
}

function wireControls(): void {
  const logLoss = byId<VscodeCheckbox>('log-loss');
  logLoss.checked = state.logLoss;
  logLoss.addEventListener('change', () => {
    saveState<SavedTrainingState>({ logLoss: logLoss.checked });
    dispatch({ type: 'setLogLoss', value: logLoss.checked });
  });
  const format = byId<VscodeSingleSelect>('export-format');
  format.value = exportFormats.find((f) => f === saved.exportFormat) ?? 'png';
  onClick('export', exportFigure);
  onClick('stop', stopRun);
  onThemeChange((next) => {
    theme = next;
    dispatch({ type: 'setLogLoss', value: state.logLoss }); // redraw with the new colours
  });
}

async function start(): Promise<void> {
  endpoint.handle({ 'figure/render': ({ format }) => renderFigureFile(format, exportSource) });
  endpoint.on('run/progress', ({ updates }) => dispatch({ type: 'progress', updates }));
  endpoint.on('run/status', (event) => dispatch({ type: 'status', event }));
  wireControls();
  renderChrome();
  try {
    const snapshot = await endpoint.request('view/ready', {});
    saveState<SavedTrainingState>({ key: snapshot.key });
    dispatch({ type: 'snapshot', snapshot });
  } catch (e) {
    dispatch({ type: 'loadFailed', message: e instanceof Error ? e.message : String(e) });
  }
}

void start();
