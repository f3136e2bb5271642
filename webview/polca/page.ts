/**
 * The POLCA view's page: its static structure (toolbar, view tabs, the progress line with
 * Cancel, banners, one container per view with its controls and figure sections, the member
 * table). Text goes in through `textContent` only.
 */
import { polcaViews } from '../../src/shared/protocol/polcaView';
import {
  figureRow,
  figureSection,
  plotDiv,
  selectField,
  statusSections,
  toolbar,
  viewContainer,
  viewTabs,
} from '../common/analysisPage';
import { byId, h } from '../common/dom';
import { type FigureId, figureTitles, viewLabels } from './figureIds';

/** The progress of the running job, with its Cancel button. */
function progress(): HTMLElement {
  return h('section', { id: 'progress', class: 'progress', role: 'status', hidden: true }, [
    h('span', { id: 'progress-text', 'aria-live': 'polite' }),
    h('progress', { id: 'progress-meter', 'aria-label': 'Progress' }),
    h('vscode-button', { id: 'cancel', secondary: true }, ['Cancel']),
  ]);
}

function plotSection(id: FigureId, label: string): HTMLElement {
  return figureSection(id, figureTitles[id], [plotDiv(id, label)]);
}

function membersTable(): HTMLElement {
  return h('table', { id: 'members-table', class: 'stats members' }, [
    h('caption', { id: 'members-caption' }),
    h('thead', {}, [h('tr', { id: 'members-head' })]),
    h('tbody', { id: 'members-body' }),
  ]);
}

function clustersView(): HTMLElement {
  const controls = [
    selectField('clusters-method', 'Method'),
    selectField('clusters-vector', 'Vector'),
    selectField('clusters-group', 'Output token'),
    selectField('clusters-skill', 'Skill'),
  ];
  return viewContainer('clusters', controls, [
    figureRow([
      plotSection(
        'clusterCurves',
        'Mean trajectory of each cluster with a band of one standard deviation and its breakthrough',
      ),
      plotSection('methodScores', 'ARI and NMI against the skill for each method'),
    ]),
    figureSection('members', figureTitles.members, [membersTable()]),
  ]);
}

function spectrumView(): HTMLElement {
  const source = selectField('spectrum-source', 'Source', [
    ['hessian', 'Hessian (top eigenvalues)'],
    ['polca', 'POLCA basis (new directions)'],
  ]);
  return viewContainer(
    'spectrum',
    [source],
    [plotSection('spectrum', 'The top Hessian eigenvalues at each checkpoint, one line per rank')],
  );
}

/** Builds the page into `#app`. */
export function buildPage(): void {
  byId('app').append(
    toolbar('POLCA'),
    viewTabs(polcaViews, viewLabels),
    h('p', { id: 'run', class: 'sources' }),
    progress(),
    ...statusSections('The analysis failed', false),
    clustersView(),
    spectrumView(),
  );
}
