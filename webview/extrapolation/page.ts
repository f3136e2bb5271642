/**
 * The rule-extrapolation view's page: its static structure (toolbar, banners, the two figures,
 * the sample-completions table) and the small DOM writers for selects and the table. Text goes in
 * through `textContent` only.
 */
import {
  figureSection,
  plotDiv,
  selectField,
  statusSections,
  toolbar,
} from '../common/analysisPage';
import { byId, h } from '../common/dom';
import { type SampleRow, sampleColumns } from './samples';
import type { FigureId } from './state';

/** Headings of the sections (also the names in the export figure select). */
export const figureTitles: Record<FigureId, string> = {
  curves: 'Loss and accuracies over training',
  bars: 'Best checkpoint: validation loss beside OOD rule-1 accuracy',
  samples: 'Sample completions (CSV/JSON)',
};

function samplesTable(): HTMLElement {
  return h('table', { id: 'samples', class: 'stats samples' }, [
    h('caption', { id: 'samples-caption' }, ['Greedy completions at the best checkpoint']),
    h('thead', {}, [
      h(
        'tr',
        {},
        sampleColumns.map((c) => h('th', { scope: 'col' }, [c])),
      ),
    ]),
    h('tbody', { id: 'samples-body' }),
  ]);
}

/** Builds the page into `#app`. */
export function buildPage(): void {
  byId('app').append(
    toolbar('Rule Extrapolation', [
      selectField('loss', 'Validation loss', [
        ['masked', 'PAD masked'],
        ['unmasked', 'PAD counted (reference)'],
      ]),
    ]),
    h('ul', { id: 'sources', class: 'sources', 'aria-label': 'Folders' }),
    ...statusSections('The rule-extrapolation analysis failed', true),
    figureSection('curves', 'Validation loss and rule extrapolation over training', [
      plotDiv('curves', 'Validation loss, OOD rule-1 accuracy and ID grammatical accuracy by step'),
    ]),
    figureSection('bars', figureTitles.bars, [
      selectField('bar-grouping', 'Bars', [
        ['run', 'per run'],
        ['training', 'per training variant (mean ± sd)'],
      ]),
      plotDiv('bars', 'Validation loss and OOD rule-1 accuracy at the best checkpoints'),
    ]),
    figureSection('samples', 'Sample completions at the best checkpoint', [
      selectField('run', 'Run'),
      samplesTable(),
    ]),
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
