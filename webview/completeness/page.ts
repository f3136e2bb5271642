/**
 * The completeness view's page: its static structure (toolbar, banners, one section per figure,
 * the side tables). Text goes in through `textContent` only.
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
import { figureTitles } from './figureIds';

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
