/**
 * Writes the rule-extrapolation view's state into the page (everything but the plots): title,
 * badge, sources, loss, bar grouping and run selects, error, the sections shown, export controls,
 * summary, the sample-completions table and the banner. Text goes in through `textContent` only.
 */
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import { renderBanner, renderSections, renderSummary } from '../common/analysisRender';
import { byId, h } from '../common/dom';
import { fillSelectElement } from '../common/selects';
import { type FigureId, figureIds, figureTitles } from './figureIds';
import { type SampleRow, sampleRows } from './samples';
import {
  type ExtrapolationState,
  barGrouping,
  barOptions,
  formatsOf,
  runOptions,
  selectedRun,
  visibleFigures,
} from './state';
import { partialBanner, statusText, summaryLines } from './summary';

function sampleTr(row: SampleRow): HTMLElement {
  const violated = row.violations.length > 0;
  const attrs = violated
    ? { class: 'violation', title: `Violates: ${row.violations.join(', ')}` }
    : {};
  return h('tr', attrs, [
    h('th', { scope: 'row' }, [row.set]),
    h('td', {}, [h('code', { class: 'seq' }, [row.prompt])]),
    h('td', {}, [h('code', { class: 'seq' }, [row.completion])]),
    ...row.checks.map((c) => h('td', { class: c.ok ? 'check ok' : 'check bad' }, [c.text])),
  ]);
}

/** Fills the sample-completions table. */
export function fillSamples(rows: readonly SampleRow[]): void {
  byId('samples-body').replaceChildren(...rows.map(sampleTr));
}

/** The partial-results banner, unless the analysis failed. */
function banner(s: ExtrapolationState): ReturnType<typeof partialBanner> {
  const data = s.status === 'error' ? undefined : s.data;
  return data === undefined ? undefined : partialBanner(data);
}

function renderExportControls(s: ExtrapolationState, shown: FigureId[]): void {
  const figures = shown.map((id) => ({ value: id, label: figureTitles[id] }));
  fillSelectElement(byId<VscodeSingleSelect>('export-figure'), figures, s.exportFigure);
  const formats = formatsOf(s.exportFigure).map((f) => ({ value: f, label: f.toUpperCase() }));
  fillSelectElement(byId<VscodeSingleSelect>('export-format'), formats, s.exportFormat);
  for (const id of ['export-figure-field', 'export-format-field', 'export']) {
    byId(id).hidden = shown.length === 0;
  }
}

/** Writes the whole state into the page. */
export function renderPage(s: ExtrapolationState): void {
  byId('title').textContent = s.title || 'Rule Extrapolation';
  byId('status').textContent = statusText(s);
  byId('sources').replaceChildren(...s.sources.map((f) => h('li', {}, [f])));
  byId<VscodeSingleSelect>('loss').value = s.loss;
  const bars = barOptions(s);
  byId('bar-grouping-field').hidden = bars.length < 2;
  byId<VscodeSingleSelect>('bar-grouping').value = barGrouping(s);
  fillSelectElement(byId<VscodeSingleSelect>('run'), runOptions(s), s.run);
  byId('error').hidden = s.status !== 'error';
  byId('error-text').textContent = s.error ?? '';
  const shown = visibleFigures(s);
  renderSections(figureIds, shown);
  renderExportControls(s, shown);
  renderSummary(summaryLines(s));
  const run = selectedRun(s);
  byId('samples-caption').textContent =
    run === undefined ? '' : `Greedy completions of ${run.runId} at step ${run.best.step}`;
  fillSamples(sampleRows(run));
  renderBanner(banner(s));
}
