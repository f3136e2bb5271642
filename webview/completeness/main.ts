/**
 * Completeness view, DOM glue only: builds the page (page.ts), connects to the host, feeds
 * messages and user input through the pure reducer (state.ts) and draws with the pure builders
 * (histogram.ts, figures.ts, summary.ts, exports.ts).
 */
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import type { VscodeCheckbox } from '@vscode-elements/elements/dist/vscode-checkbox/vscode-checkbox.js';
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import type {
  CompletenessHostServes,
  CompletenessViewServes,
} from '../../src/shared/protocol/completenessView';
import type { ExportFormat } from '../../src/shared/protocol/panelProtocol';
import { toCsv } from '../common/csv';
import { plotViews, showMessage, sourceLoader, wireExportButton } from '../common/analysisPage';
import { renderBanner, renderSections, renderSummary } from '../common/analysisRender';
import { byId, h } from '../common/dom';
import { connectToHost } from '../common/endpoint';
import { type ExportSource, serveFigureExports } from '../common/export';
import type { Figure } from '../common/figure';
import type { PlotTheme } from '../common/plotTheme';
import { onThemeChange, readTheme } from '../common/theme';
import { loadState, saveState } from '../common/vscodeApi';
import { exportBaseName, figureJson, figureTable } from './exports';
import { detailsFigure, dimensionFigure, perturbationFigure, survivalFigure } from './figures';
import { histogramFigure } from './histogram';
import { buildPage, figureTitles, fillSelect, fillTable } from './page';
import {
  type CompletenessAction,
  type CompletenessState,
  type FigureId,
  type SavedCompletenessState,
  type ScoreUnit,
  figureIds,
  initialOf,
  initialState,
  reduce,
  resultsOf,
  runOptions,
  savedState,
  selectedRun,
  unitOptions,
  visibleFigures,
} from './state';
import {
  partialBanner,
  predictionRows,
  runColumns,
  runRows,
  statusText,
  summaryLines,
  topRows,
} from './summary';
import './completeness.css';

const builders: Record<FigureId, (s: CompletenessState, t: PlotTheme) => Figure> = {
  histogram: histogramFigure,
  survival: survivalFigure,
  dimension: dimensionFigure,
  perturbation: perturbationFigure,
  details: detailsFigure,
};

buildPage();
const endpoint = connectToHost<CompletenessViewServes, CompletenessHostServes>();
const plots = plotViews(figureIds);
let theme = readTheme();
let state: CompletenessState = initialState(loadState<SavedCompletenessState>());
const loader = sourceLoader(() => endpoint.request('completeness/load', {}), dispatch);

function runButton(runDir: string, text: string): HTMLElement {
  const selected = state.run === runDir;
  const b = h('button', { class: 'link', type: 'button', 'aria-pressed': String(selected) }, [
    text,
  ]);
  b.addEventListener('click', () => dispatch({ type: 'selectRun', run: runDir }));
  return b;
}

function renderTables(): void {
  const res = resultsOf(state);
  fillTable('prediction', ['Test', 'Value'], res === undefined ? [] : predictionRows(res));
  const rows = res === undefined ? [] : runRows(res);
  fillTable(
    'runs',
    runColumns,
    rows.map((r) => [runButton(r.runDir, r.cells[0]), ...r.cells.slice(1)]),
  );
  const init = initialOf(state);
  fillTable('top', ['Rank', 'Candidate', 'Score'], init === undefined ? [] : topRows(init, state));
}

/** The partial-results banner, unless the analysis failed. */
function banner(): ReturnType<typeof partialBanner> {
  const res = resultsOf(state);
  return res === undefined || state.status === 'error' ? undefined : partialBanner(res);
}

function renderControls(): void {
  byId('title').textContent = state.title || 'Completeness';
  byId('status').textContent = statusText(state);
  byId('source').textContent = state.source;
  const runs = runOptions(state);
  byId('run-field').hidden = resultsOf(state) === undefined || runs.length < 2;
  fillSelect(byId<VscodeSingleSelect>('run'), runs, state.run);
  const units = unitOptions(state);
  byId('unit-field').hidden = units.length < 2;
  byId<VscodeSingleSelect>('unit').value = state.unit;
  const shown = visibleFigures(state);
  const figures = shown.map((id) => ({ value: id, label: figureTitles[id] }));
  fillSelect(byId<VscodeSingleSelect>('export-figure'), figures, state.exportFigure);
  for (const id of ['export-figure-field', 'export-format-field', 'export']) {
    byId(id).hidden = shown.length === 0;
  }
  byId<VscodeCheckbox>('log-x').checked = state.logX;
  const failed = state.status === 'error';
  byId('error').hidden = !failed;
  byId('error-text').textContent = state.error ?? '';
  const run = selectedRun(state);
  byId('details-title').textContent = `${figureTitles.details}: ${run?.runId ?? ''}`;
  renderSections(figureIds, shown);
  renderSummary(summaryLines(state));
  renderBanner(banner());
  renderTables();
}

function draw(): void {
  for (const id of visibleFigures(state)) {
    void plots[id].render(builders[id](state, theme));
  }
}

function dispatch(action: CompletenessAction): void {
  const b = state;
  state = reduce(state, action);
  renderControls(); // sections are shown before Plotly measures them
  const s = state;
  if (s.data !== b.data || s.run !== b.run || s.unit !== b.unit || s.logX !== b.logX) {
    draw();
  }
  saveState<SavedCompletenessState>(savedState(state));
}

const exportSource: ExportSource = {
  get baseName() {
    return exportBaseName(state, state.exportFigure);
  },
  get plot() {
    return plots[state.exportFigure];
  },
  csv: () => {
    const table = figureTable(state, state.exportFigure);
    return toCsv(table.columns, table.rows);
  },
  json: () => figureJson(state, state.exportFigure),
};

function wireControls(exportFigure: () => Promise<void>): void {
  const run = byId<VscodeSingleSelect>('run');
  run.addEventListener('change', () => dispatch({ type: 'selectRun', run: run.value }));
  const unit = byId<VscodeSingleSelect>('unit');
  unit.addEventListener('change', () => dispatch({ type: 'unit', unit: unit.value as ScoreUnit }));
  const logX = byId<VscodeCheckbox>('log-x');
  logX.addEventListener('change', () => dispatch({ type: 'logX', on: logX.checked }));
  const figure = byId<VscodeSingleSelect>('export-figure');
  figure.addEventListener('change', () =>
    dispatch({ type: 'exportFigure', figure: figure.value as FigureId }),
  );
  byId('refresh').addEventListener('click', () => void loader.load());
  wireExportButton(exportFigure, showMessage);
  onThemeChange((next) => {
    theme = next;
    draw();
  });
}

async function start(): Promise<void> {
  const exportFigure = serveFigureExports(
    endpoint,
    () => exportSource,
    () => byId<VscodeSingleSelect>('export-format').value as ExportFormat,
  );
  endpoint.on('completeness/changed', loader.changed);
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
