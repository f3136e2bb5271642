/**
 * Embedding view, DOM glue only: builds the page, connects to the host, feeds messages and user
 * input through the pure reducer (state.ts) and draws with the pure builders (figures.ts,
 * summary.ts).
 */
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import type {
  EmbeddingProjectionKind,
  EmbeddingProjectionRequest,
} from '../../src/shared/embeddingResults';
import type {
  EmbeddingHostServes,
  EmbeddingViewServes,
} from '../../src/shared/protocol/embeddingView';
import { type ExportFormat, exportFormats } from '../../src/shared/protocol/panelProtocol';
import { toCsv } from '../common/csv';
import { showMessage, wireExportButton } from '../common/analysisPage';
import { byId, h } from '../common/dom';
import { connectToHost } from '../common/endpoint';
import { type ExportSource, renderFigureFile } from '../common/export';
import { PlotView } from '../common/plot';
import { onThemeChange, readTheme } from '../common/theme';
import { loadState, saveState } from '../common/vscodeApi';
import { explainedFigure, scatterFigure } from './figures';
import {
  type Option,
  choiceLabel,
  choiceOptions,
  choiceValue,
  fixedDims,
  modeOptions,
  modeValue,
  requestForChoice,
  requestForDims,
  shownProjection,
} from './projection';
import {
  type EmbeddingAction,
  type EmbeddingState,
  type SavedEmbeddingState,
  colourOptions,
  initialState,
  noColour,
  reduce,
  savedState,
} from './state';
import { exportBaseName, frameJson, frameTable, sliderText, summaryLines } from './summary';
import './embedding.css';

/** Milliseconds per checkpoint while playing. */
const frameMs = 450;

function select(id: string, label: string, options: Option[]): HTMLElement {
  const opts = options.map(([value, text]) => h('vscode-option', { value }, [text]));
  return h('label', { class: 'field', id: `${id}-field` }, [
    h('span', { id: `${id}-label` }, [label]),
    h('vscode-single-select', { id, 'aria-label': label }, opts),
  ]);
}

/** Replaces a selector's options when they changed, and selects `value`. */
function setOptions(id: string, options: Option[], value: string): void {
  const el = byId<VscodeSingleSelect>(id);
  const key = options.map((o) => o.join('=')).join('\n');
  if (el.dataset.options !== key) {
    el.dataset.options = key;
    el.replaceChildren(...options.map(([v, text]) => h('vscode-option', { value: v }, [text])));
  }
  el.value = value;
}

function buildPage(): void {
  const formats = exportFormats.map((f): [string, string] => [f, f.toUpperCase()]);
  byId('app').append(
    h('header', { class: 'toolbar' }, [
      h('h1', { id: 'title' }, ['Embedding']),
      h('vscode-badge', { id: 'status' }, ['loading']),
      h('span', { class: 'spacer' }),
      select('mode', 'Projection', [['pca', 'PCA (aligned)']]),
      select('choice', 'Frequency', []),
      select('colour-by', 'Colour by', [[noColour, 'none']]),
      select('dims', 'Dimensions', [
        ['2', '2-D'],
        ['3', '3-D'],
      ]),
      h('vscode-button', { id: 'refresh', secondary: true }, ['Refresh']),
      select('export-format', 'Export format', formats),
      h('vscode-button', { id: 'export', secondary: true }, ['Export']),
    ]),
    h('p', { id: 'message', class: 'message', role: 'alert', hidden: true }),
    h('div', { class: 'player' }, [
      h('vscode-button', { id: 'play', 'aria-pressed': 'false' }, ['Play']),
      h('input', { id: 'slider', type: 'range', min: '0', max: '0', step: '1', value: '0' }),
      h('span', { id: 'slider-text', class: 'step' }),
    ]),
    h('div', { class: 'layout' }, [
      h('div', { id: 'plot', class: 'plot', role: 'img', 'aria-label': 'Embedding projection' }),
      h('aside', { class: 'side' }, [
        h('section', { class: 'summary', 'aria-label': 'Summary' }, [
          h('ul', { id: 'summary', 'aria-live': 'polite' }),
        ]),
        h('div', {
          id: 'explained',
          class: 'explained',
          role: 'img',
          'aria-label': 'Explained variance of each principal component over the steps',
        }),
      ]),
    ]),
  );
}

buildPage();
const saved = loadState<SavedEmbeddingState>();
const endpoint = connectToHost<EmbeddingViewServes, EmbeddingHostServes>();
const showError = (e: unknown): void => showMessage(`Plot error: ${String(e)}`);
const scatter = new PlotView(byId('plot'), showError);
const explained = new PlotView(byId('explained'), showError);
const slider = byId<HTMLInputElement>('slider');
let theme = readTheme();
let state: EmbeddingState = initialState(saved);
let timer: ReturnType<typeof setInterval> | undefined;

function renderControls(): void {
  byId('title').textContent = state.title || 'Embedding';
  byId('status').textContent = state.stale ? 'run changed' : state.status;
  const n = state.data?.steps.length ?? 0;
  slider.max = String(Math.max(0, n - 1));
  slider.value = String(state.index);
  slider.disabled = n < 2;
  slider.setAttribute('aria-valuetext', sliderText(state));
  slider.setAttribute('aria-label', 'Checkpoint');
  byId('slider-text').textContent = sliderText(state);
  const play = byId<HTMLElement & { disabled: boolean }>('play');
  play.textContent = state.playing ? 'Pause' : 'Play';
  play.setAttribute('aria-pressed', String(state.playing));
  play.disabled = n < 2;
  setOptions(
    'colour-by',
    colourOptions(state).map((o) => [o, o]),
    state.colourBy || noColour,
  );
  renderProjectionControls();
  const lines = summaryLines(state);
  byId('summary').replaceChildren(...lines.map((line) => h('li', {}, [line])));
}

function renderProjectionControls(): void {
  setOptions('mode', modeOptions(state), modeValue(state));
  const label = choiceLabel(state);
  byId('choice-field').hidden = label === undefined;
  byId('choice-label').textContent = label ?? '';
  byId('choice').setAttribute('aria-label', label ?? '');
  setOptions('choice', choiceOptions(state), choiceValue(state));
  const dims = byId<VscodeSingleSelect>('dims');
  dims.value = String(state.k);
  dims.disabled = fixedDims(state);
  const fixed = shownProjection(state.data).kind !== 'pca';
  byId('explained').setAttribute(
    'aria-label',
    fixed
      ? 'Share of variance along each axis over the steps'
      : 'Explained variance of each principal component over the steps',
  );
}

function dispatch(action: EmbeddingAction): void {
  const before = state;
  state = reduce(state, action);
  if (state.playing && timer === undefined) {
    timer = setInterval(() => dispatch({ type: 'tick' }), frameMs);
  } else if (!state.playing && timer !== undefined) {
    clearInterval(timer);
    timer = undefined;
  }
  if (state.data !== before.data || state.index !== before.index || action.type === 'colourBy') {
    draw();
  }
  renderControls();
  saveState<SavedEmbeddingState>(savedState(state));
}

function draw(): void {
  void scatter.render(scatterFigure(state, theme));
  void explained.render(explainedFigure(state, theme));
}

async function load(k: 2 | 3, projection = state.projection): Promise<void> {
  dispatch({ type: 'loading', k, projection });
  try {
    const data = await endpoint.request('embedding/trajectory', { k, projection });
    dispatch({ type: 'loaded', data });
  } catch (e) {
    dispatch({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
  }
}

const exportSource: ExportSource = {
  get baseName() {
    return exportBaseName(state);
  },
  plot: scatter,
  csv: () => {
    const table = frameTable(state);
    return toCsv(table.columns, table.rows);
  },
  json: () => frameJson(state),
};

async function exportFigure(): Promise<void> {
  const format = byId<VscodeSingleSelect>('export-format').value as ExportFormat;
  await endpoint.request('figure/export', await renderFigureFile(format, exportSource));
}

function wireControls(): void {
  slider.addEventListener('input', () => dispatch({ type: 'select', index: Number(slider.value) }));
  byId('play').addEventListener('click', () =>
    dispatch({ type: state.playing ? 'pause' : 'play' }),
  );
  const colour = byId<VscodeSingleSelect>('colour-by');
  colour.addEventListener('change', () => dispatch({ type: 'colourBy', label: colour.value }));
  const dims = byId<VscodeSingleSelect>('dims');
  dims.addEventListener(
    'change',
    () => void load(dims.value === '3' ? 3 : 2, requestForDims(state)),
  );
  const mode = byId<VscodeSingleSelect>('mode');
  mode.addEventListener('change', () => {
    if (mode.value !== modeValue(state)) {
      const request: EmbeddingProjectionRequest = { kind: mode.value as EmbeddingProjectionKind };
      void load(state.k, request);
    }
  });
  const choice = byId<VscodeSingleSelect>('choice');
  choice.addEventListener('change', () => {
    if (choice.value !== '' && choice.value !== choiceValue(state)) {
      void load(state.k, requestForChoice(state, choice.value));
    }
  });
  byId('refresh').addEventListener('click', () => void load(state.k));
  wireExportButton(exportFigure, showMessage);
  onThemeChange((next) => {
    theme = next;
    draw();
  });
}

async function start(): Promise<void> {
  endpoint.handle({ 'figure/render': ({ format }) => renderFigureFile(format, exportSource) });
  endpoint.on('run/changed', ({ status }) => {
    dispatch({ type: 'runChanged' });
    // A finished run has its final checkpoints: show them unless the user is playing.
    if (['done', 'failed', 'cancelled'].includes(status) && !state.playing) {
      void load(state.k);
    }
  });
  wireControls();
  renderControls();
  try {
    const snapshot = await endpoint.request('view/ready', {});
    dispatch({ type: 'snapshot', key: snapshot.key, title: snapshot.title });
  } catch (e) {
    dispatch({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
    return;
  }
  await load(state.k);
}

void start();
