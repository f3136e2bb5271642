/**
 * Rule-extrapolation view, DOM glue only: builds the page (page.ts), connects to the host, feeds
 * messages and user input through the pure reducer (state.ts) and draws with the pure builders
 * (curves.ts, bars.ts, samples.ts, summary.ts, exports.ts).
 */
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import type {
  ExtrapolationHostServes,
  ExtrapolationViewServes,
} from '../../src/shared/protocol/extrapolationView';
import type { ExportFormat } from '../../src/shared/protocol/panelProtocol';
import { plotViews, showMessage, sourceLoader, wireExportButton } from '../common/analysisPage';
import { renderBanner, renderSections, renderSummary } from '../common/analysisRender';
import { byId, h } from '../common/dom';
import { connectToHost } from '../common/endpoint';
import { type ExportSource, serveFigureExports, tableExportSource } from '../common/export';
import { onThemeChange, readTheme } from '../common/theme';
import { loadState, saveState } from '../common/vscodeApi';
import { barsFigure } from './bars';
import { curvesFigure } from './curves';
import { exportBaseName, exportTarget, figureJson, figureTable } from './exports';
import type { LossKind } from './format';
import { buildPage, figureTitles, fillSamples, fillSelect } from './page';
import { sampleRows } from './samples';
import {
  type BarGrouping,
  type ExtrapolationAction,
  type ExtrapolationState,
  type FigureId,
  type SavedExtrapolationState,
  barGrouping,
  barOptions,
  formatsOf,
  initialState,
  reduce,
  runOptions,
  savedState,
  selectedRun,
  visibleFigures,
} from './state';
import { partialBanner, statusText, summaryLines } from './summary';
import './extrapolation.css';

buildPage();
const endpoint = connectToHost<ExtrapolationViewServes, ExtrapolationHostServes>();
const plots = plotViews(['curves', 'bars'] as const);
let theme = readTheme();
let state: ExtrapolationState = initialState(loadState<SavedExtrapolationState>());
const loader = sourceLoader(() => endpoint.request('extrapolation/load', {}), dispatch);

/** The partial-results banner, unless the analysis failed. */
function banner(): ReturnType<typeof partialBanner> {
  const data = state.status === 'error' ? undefined : state.data;
  return data === undefined ? undefined : partialBanner(data);
}

function renderExportControls(shown: FigureId[]): void {
  const figures = shown.map((id) => ({ value: id, label: figureTitles[id] }));
  fillSelect(byId<VscodeSingleSelect>('export-figure'), figures, state.exportFigure);
  const formats = formatsOf(state.exportFigure).map((f) => ({ value: f, label: f.toUpperCase() }));
  fillSelect(byId<VscodeSingleSelect>('export-format'), formats, state.exportFormat);
  for (const id of ['export-figure-field', 'export-format-field', 'export']) {
    byId(id).hidden = shown.length === 0;
  }
}

function renderControls(): void {
  byId('title').textContent = state.title || 'Rule Extrapolation';
  byId('status').textContent = statusText(state);
  byId('sources').replaceChildren(...state.sources.map((f) => h('li', {}, [f])));
  byId<VscodeSingleSelect>('loss').value = state.loss;
  const bars = barOptions(state);
  byId('bar-grouping-field').hidden = bars.length < 2;
  byId<VscodeSingleSelect>('bar-grouping').value = barGrouping(state);
  fillSelect(byId<VscodeSingleSelect>('run'), runOptions(state), state.run);
  byId('error').hidden = state.status !== 'error';
  byId('error-text').textContent = state.error ?? '';
  const shown = visibleFigures(state);
  renderSections(['curves', 'bars', 'samples'], shown);
  renderExportControls(shown);
  renderSummary(summaryLines(state));
  const run = selectedRun(state);
  byId('samples-caption').textContent =
    run === undefined ? '' : `Greedy completions of ${run.runId} at step ${run.best.step}`;
  fillSamples(sampleRows(run));
  renderBanner(banner());
}

function draw(): void {
  const shown = visibleFigures(state);
  if (shown.includes('curves')) {
    void plots.curves.render(curvesFigure(state, theme));
  }
  if (shown.includes('bars')) {
    void plots.bars.render(barsFigure(state, theme));
  }
}

function dispatch(action: ExtrapolationAction): void {
  const b = state;
  state = reduce(state, action);
  renderControls(); // sections are shown before Plotly measures them
  const s = state;
  if (s.data !== b.data || s.loss !== b.loss || barGrouping(s) !== barGrouping(b)) {
    draw();
  }
  saveState<SavedExtrapolationState>(savedState(state));
}

/** The export source of a format: images of the table fall back to the curves. */
function exportSource(format: ExportFormat): ExportSource {
  const figure = exportTarget(state.exportFigure, format);
  return tableExportSource(
    exportBaseName(state, figure),
    figure === 'bars' ? plots.bars : plots.curves,
    () => figureTable(state, figure),
    () => figureJson(state, figure),
  );
}

/** Dispatches an action built from a select's value whenever it changes. */
function onSelect(id: string, action: (value: string) => ExtrapolationAction): void {
  const el = byId<VscodeSingleSelect>(id);
  el.addEventListener('change', () => dispatch(action(el.value)));
}

function wireControls(exportFigure: () => Promise<void>): void {
  onSelect('run', (run) => ({ type: 'selectRun', run }));
  onSelect('loss', (loss) => ({ type: 'loss', loss: loss as LossKind }));
  onSelect('bar-grouping', (bars) => ({ type: 'bars', bars: bars as BarGrouping }));
  onSelect('export-figure', (f) => ({ type: 'exportFigure', figure: f as FigureId }));
  onSelect('export-format', (f) => ({ type: 'exportFormat', format: f as ExportFormat }));
  byId('refresh').addEventListener('click', () => void loader.load());
  wireExportButton(exportFigure, showMessage);
  onThemeChange((next) => {
    theme = next;
    draw();
  });
}

async function start(): Promise<void> {
  const exportFigure = serveFigureExports(endpoint, exportSource, () => state.exportFormat);
  endpoint.on('extrapolation/changed', loader.changed);
  wireControls(exportFigure);
  renderControls();
  try {
    const snapshot = await endpoint.request('view/ready', {});
    dispatch({ type: 'snapshot', ...snapshot });
  } catch (e) {
    dispatch({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
    return;
  }
  await loader.load();
}

void start();
