/**
 * The completeness view's page: its static structure (toolbar, banners, one section per figure)
 * and the small DOM writers for tables and selects. Text goes in through `textContent` only.
 */
import { exportFormats } from '../../src/shared/protocol/panelProtocol';
import {
  figureSection,
  plotDiv,
  selectField,
  statusSections,
  toolbar,
} from '../common/analysisPage';
import { byId, h } from '../common/dom';
import type { FigureId } from './state';

/** Headings of the figures' sections (also the names in the export figure select). */
export const figureTitles: Record<FigureId, string> = {
  histogram: 'Completeness histogram',
  survival: 'Survival vs initial signal',
  dimension: 'Embedding dimension sweep',
  perturbation: 'Perturbation sweep',
  details: 'Run details',
};

function table(id: string, caption: string): HTMLElement {
  return h('table', { id, class: 'stats', hidden: true }, [
    h('caption', {}, [caption]),
    h('thead', {}, [h('tr', { id: `${id}-head` })]),
    h('tbody', { id: `${id}-body` }),
  ]);
}

function completenessToolbar(): HTMLElement {
  const formats = exportFormats.map((f): [string, string] => [f, f.toUpperCase()]);
  const unit = selectField('unit', 'Score', [
    ['task', 'task units'],
    ['z', 'standardized z'],
  ]);
  return toolbar('Completeness', [selectField('run', 'Run'), unit], formats);
}

/** Builds the page into `#app`. */
export function buildPage(): void {
  byId('app').append(
    completenessToolbar(),
    h('p', { id: 'source', class: 'source' }),
    ...statusSections('The completeness analysis failed', true),
    figureSection('histogram', figureTitles.histogram, [
      h('div', { class: 'layout' }, [
        plotDiv('histogram', 'Histogram of the candidates’ initial scores'),
        h('aside', { class: 'side' }, [
          table('prediction', 'Prediction test over runs'),
          table('runs', 'Runs'),
          table('top', 'Top candidates'),
        ]),
      ]),
    ]),
    figureSection('survival', figureTitles.survival, [
      plotDiv('survival', 'Survival rate against initial signal'),
    ]),
    figureSection('dimension', figureTitles.dimension, [
      h('vscode-checkbox', { id: 'log-x', label: 'Log scale (embedding dimension)' }),
      plotDiv('dimension', 'Accuracy, circularity and circles against the embedding dimension'),
    ]),
    figureSection('perturbation', figureTitles.perturbation, [
      plotDiv('perturbation', 'Survival against the spectrum scale'),
    ]),
    figureSection('details', figureTitles.details, [
      plotDiv('details', 'Initial and final signal by frequency'),
    ]),
  );
}

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

/** Replaces a select's options when they changed, then sets its value. */
export function fillSelect(
  el: HTMLElement & { value: string },
  options: readonly { value: string; label: string }[],
  value: string,
): void {
  const signature = options.map((o) => `${o.value}\u0000${o.label}`).join('\n');
  if (el.dataset.options !== signature) {
    el.dataset.options = signature;
    el.replaceChildren(...options.map((o) => h('vscode-option', { value: o.value }, [o.label])));
  }
  el.value = value;
}
