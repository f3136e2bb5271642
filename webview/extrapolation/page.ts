/**
 * The rule-extrapolation view's page: its static structure (toolbar, banners, the two figures,
 * the sample-completions table). Text goes in through `textContent` only.
 */
import {
  figureSection,
  plotDiv,
  selectField,
  statusSections,
  toolbar,
} from '../common/analysisPage';
import { byId, h } from '../common/dom';
import { sampleColumns } from './samples';
import { figureTitles } from './figureIds';

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
