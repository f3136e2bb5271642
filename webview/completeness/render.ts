/**
 * Writes the completeness view's state into the page (everything but the plots): title, badge,
 * source, run and unit selects, export controls, error, banner, summary, the sections shown and
 * the side tables. Text goes in through `textContent` only.
 */
import type { VscodeCheckbox } from '@vscode-elements/elements/dist/vscode-checkbox/vscode-checkbox.js';
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import { renderBanner, renderSections, renderSummary } from '../common/analysisRender';
import { byId, h } from '../common/dom';
import { fillSelectElement } from '../common/selects';
import { figureIds, figureTitles } from './figureIds';
import {
  type CompletenessAction,
  type CompletenessState,
  initialOf,
  resultsOf,
  runOptions,
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

type Dispatch = (a: CompletenessAction) => void;

/** Fills a table's header and body (each row's first cell is its header); hides it when empty. */
export function fillTable(
  id: string,
  columns: readonly string[],
  rows: readonly (readonly (string | Node)[])[],
): void {
  const el = byId(id);
  el.hidden = rows.length === 0;
  byId(`${id}-head`).replaceChildren(...columns.map((c) => h('th', { scope: 'col' }, [c])));
  byId(`${id}-body`).replaceChildren(
    ...rows.map((cells) =>
      h(
        'tr',
        {},
        cells.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, [c]) : h('td', {}, [c]))),
      ),
    ),
  );
}

function runButton(s: CompletenessState, runDir: string, text: string, dispatch: Dispatch) {
  const selected = s.run === runDir;
  const b = h('button', { class: 'link', type: 'button', 'aria-pressed': String(selected) }, [
    text,
  ]);
  b.addEventListener('click', () => dispatch({ type: 'selectRun', run: runDir }));
  return b;
}

function renderTables(s: CompletenessState, dispatch: Dispatch): void {
  const res = resultsOf(s);
  fillTable('prediction', ['Test', 'Value'], res === undefined ? [] : predictionRows(res));
  const rows = res === undefined ? [] : runRows(res);
  fillTable(
    'runs',
    runColumns,
    rows.map((r) => [runButton(s, r.runDir, r.cells[0], dispatch), ...r.cells.slice(1)]),
  );
  const init = initialOf(s);
  fillTable('top', ['Rank', 'Candidate', 'Score'], init === undefined ? [] : topRows(init, s));
}

/** The partial-results banner, unless the analysis failed. */
function banner(s: CompletenessState): ReturnType<typeof partialBanner> {
  const res = resultsOf(s);
  return res === undefined || s.status === 'error' ? undefined : partialBanner(res);
}

/** Writes the whole state into the page; the runs table's buttons dispatch `selectRun`. */
export function renderPage(s: CompletenessState, dispatch: Dispatch): void {
  byId('title').textContent = s.title || 'Completeness';
  byId('status').textContent = statusText(s);
  byId('source').textContent = s.source;
  const runs = runOptions(s);
  byId('run-field').hidden = resultsOf(s) === undefined || runs.length < 2;
  fillSelectElement(byId<VscodeSingleSelect>('run'), runs, s.run);
  const units = unitOptions(s);
  byId('unit-field').hidden = units.length < 2;
  byId<VscodeSingleSelect>('unit').value = s.unit;
  const shown = visibleFigures(s);
  const figures = shown.map((id) => ({ value: id, label: figureTitles[id] }));
  fillSelectElement(byId<VscodeSingleSelect>('export-figure'), figures, s.exportFigure);
  for (const id of ['export-figure-field', 'export-format-field', 'export']) {
    byId(id).hidden = shown.length === 0;
  }
  byId<VscodeCheckbox>('log-x').checked = s.logX;
  const failed = s.status === 'error';
  byId('error').hidden = !failed;
  byId('error-text').textContent = s.error ?? '';
  const run = selectedRun(s);
  byId('details-title').textContent = `${figureTitles.details}: ${run?.runId ?? ''}`;
  renderSections(figureIds, shown);
  renderSummary(summaryLines(s));
  renderBanner(banner(s));
  renderTables(s, dispatch);
}
