/**
 * Checkpoint editor view, DOM glue only: builds the page, asks the host for the file's summary,
 * and shows the tensor table, the selected tensor's histogram, the embedding projection and a
 * text summary, or a clear error view when the file cannot be read.
 */
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import type {
  CheckpointHostServes,
  CheckpointViewServes,
} from '../../src/shared/protocol/checkpointView';
import { type ExportFormat, exportFormats } from '../../src/shared/protocol/panelProtocol';
import { byId, h } from '../common/dom';
import { connectToHost } from '../common/endpoint';
import { type ExportSource, renderFigureFile } from '../common/export';
import { PlotView } from '../common/plot';
import { onThemeChange, readTheme } from '../common/theme';
import { loadState, saveState } from '../common/vscodeApi';
import { histogramFigure, projectionFigure, summaryLines, tableCsv, tensorRows } from './figures';
import {
  type CheckpointAction,
  type CheckpointState,
  type SavedCheckpointState,
  initialState,
  reduce,
  savedState,
  selectedTensor,
} from './state';
import './checkpoint.css';

const columns = ['name', 'shape', 'dtype', 'norm', 'mean', 'std'] as const;

function buildPage(): void {
  const formats = exportFormats.map((f) => h('vscode-option', { value: f }, [f.toUpperCase()]));
  byId('app').append(
    h('header', { class: 'toolbar' }, [
      h('h1', { id: 'title' }, ['Checkpoint']),
      h('vscode-badge', { id: 'status' }, ['loading']),
      h('span', { class: 'spacer' }),
      h('vscode-single-select', { id: 'export-format', 'aria-label': 'Export format' }, formats),
      h('vscode-button', { id: 'export', secondary: true }, ['Export histogram']),
    ]),
    h('section', { id: 'error', class: 'error-view', role: 'alert', hidden: true }, [
      h('h2', {}, ['This file cannot be shown']),
      h('p', { id: 'error-text' }),
      h('p', { class: 'hint' }, [
        'The checkpoint editor reads safetensors files: an 8-byte header length, a JSON ' +
          'header, then the tensor data. The file may be truncated, still being written, or ' +
          'in another format.',
      ]),
    ]),
    h('p', { id: 'message', class: 'message', role: 'status', hidden: true }),
    h('ul', { id: 'summary', class: 'summary', 'aria-live': 'polite' }),
    h('div', { id: 'content', class: 'layout', hidden: true }, [
      h('div', { class: 'table-wrap' }, [
        h('table', { id: 'tensors', 'aria-label': 'Tensors' }, [
          h('thead', {}, [
            h(
              'tr',
              {},
              columns.map((c) => h('th', { scope: 'col' }, [c])),
            ),
          ]),
          h('tbody', { id: 'rows' }),
        ]),
      ]),
      h('div', { class: 'figures' }, [
        h('div', { id: 'histogram', class: 'plot', role: 'img', 'aria-label': 'Histogram' }),
        h('div', { id: 'projection', class: 'plot', role: 'img', 'aria-label': 'Projection' }),
      ]),
    ]),
  );
}

buildPage();
const endpoint = connectToHost<CheckpointViewServes, CheckpointHostServes>();
const showPlotError = (e: unknown): void => showMessage(`Plot error: ${String(e)}`);
const histogram = new PlotView(byId('histogram'), showPlotError);
const projection = new PlotView(byId('projection'), showPlotError);
let theme = readTheme();
let state: CheckpointState = initialState(loadState<SavedCheckpointState>());

function showMessage(text: string | undefined): void {
  const el = byId('message');
  el.textContent = text ?? '';
  el.hidden = text === undefined;
}

function renderTable(): void {
  const rows = state.summary === undefined ? [] : tensorRows(state.summary);
  byId('rows').replaceChildren(
    ...rows.map((r) => {
      const selected = r.name === state.selected;
      const select = h(
        'button',
        { class: 'link', type: 'button', 'aria-pressed': String(selected) },
        [r.name],
      );
      select.addEventListener('click', () => dispatch({ type: 'select', name: r.name }));
      const cells = columns
        .slice(1)
        .map((c) => h('td', { class: c === 'shape' || c === 'dtype' ? '' : 'num' }, [r[c]]));
      return h('tr', { class: selected ? 'selected' : '' }, [
        h('th', { scope: 'row' }, [select]),
        ...cells,
      ]);
    }),
  );
}

function render(drawPlots: boolean): void {
  byId('title').textContent = state.fileName || 'Checkpoint';
  const sum = state.summary;
  byId('status').textContent =
    state.status !== 'ready'
      ? state.status
      : sum?.replens !== undefined
        ? `step ${sum.replens.step}`
        : 'safetensors';
  const failed = state.status === 'error';
  byId('error').hidden = !failed;
  byId('summary').hidden = failed; // the error view says it all
  byId('export').hidden = failed;
  byId('export-format').hidden = failed;
  byId('error-text').textContent = state.error ?? '';
  byId('content').hidden = state.status !== 'ready';
  byId('projection').hidden = sum?.projection === undefined;
  byId('summary').replaceChildren(...summaryLines(state).map((l) => h('li', {}, [l])));
  renderTable();
  if (drawPlots && sum !== undefined) {
    void histogram.render(histogramFigure(selectedTensor(state), theme));
    if (sum.projection !== undefined) {
      void projection.render(projectionFigure(sum, theme));
    }
  }
}

function dispatch(action: CheckpointAction): void {
  const before = state;
  state = reduce(state, action);
  render(state.summary !== before.summary || state.selected !== before.selected);
  saveState<SavedCheckpointState>(savedState(state));
}

const exportSource: ExportSource = {
  get baseName() {
    const name = selectedTensor(state)?.name ?? 'tensor';
    return `${state.fileName.replace(/\.safetensors$/, '')}-${name}-histogram`;
  },
  plot: histogram,
  csv: () => (state.summary === undefined ? '' : tableCsv(state.summary)),
  json: () => state.summary ?? {},
};

function wireControls(): void {
  byId('export').addEventListener('click', () => {
    const format = byId<VscodeSingleSelect>('export-format').value as ExportFormat;
    showMessage(undefined);
    renderFigureFile(format, exportSource)
      .then((file) => endpoint.request('figure/export', file))
      .catch((e: unknown) => showMessage(e instanceof Error ? e.message : String(e)));
  });
  onThemeChange((next) => {
    theme = next;
    render(true);
  });
}

async function start(): Promise<void> {
  endpoint.handle({ 'figure/render': ({ format }) => renderFigureFile(format, exportSource) });
  wireControls();
  render(false);
  try {
    const snapshot = await endpoint.request('view/ready', {});
    dispatch({ type: 'snapshot', ...snapshot });
    dispatch({ type: 'loaded', summary: await endpoint.request('checkpoint/load', {}) });
  } catch (e) {
    dispatch({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
  }
}

void start();
