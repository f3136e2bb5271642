/**
 * The POLCA view's page: its static structure (toolbar, view tabs, the progress line with
 * Cancel, banners, one container per view with its controls and figure sections, the member
 * table). Text goes in through `textContent` only.
 */
import { polcaViews } from '../../src/shared/protocol/polcaView';
import { figureSection, plotDiv, selectField } from '../common/analysisPage';
import { byId, h } from '../common/dom';
import { type FigureId, figureTitles, viewLabels } from './figureIds';

function toolbar(): HTMLElement {
  return h('header', { class: 'toolbar' }, [
    h('h1', { id: 'title' }, ['POLCA']),
    h('vscode-badge', { id: 'status' }, ['loading']),
    h('span', { class: 'spacer' }),
    h('vscode-button', { id: 'refresh', secondary: true }, ['Refresh']),
    selectField('export-figure', 'Figure'),
    selectField('export-format', 'Format'),
    h('vscode-button', { id: 'export', secondary: true }, ['Export']),
  ]);
}

function tabs(): HTMLElement {
  return h(
    'vscode-tabs',
    { id: 'views', 'aria-label': 'Views' },
    polcaViews.map((v) =>
      h('vscode-tab-header', { id: `tab-${v}`, slot: 'header', 'data-view': v }, [viewLabels[v]]),
    ),
  );
}

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
  return h('div', { id: 'view-clusters', class: 'view', hidden: true }, [
    h('div', { class: 'controls' }, [
      selectField('clusters-method', 'Method'),
      selectField('clusters-group', 'Output token'),
      selectField('clusters-skill', 'Skill'),
    ]),
    h('div', { class: 'clusters-row' }, [
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
  return h('div', { id: 'view-spectrum', class: 'view', hidden: true }, [
    h('div', { class: 'controls' }, [
      selectField('spectrum-source', 'Source', [
        ['hessian', 'Hessian (top eigenvalues)'],
        ['polca', 'POLCA basis (new directions)'],
      ]),
    ]),
    plotSection('spectrum', 'The top Hessian eigenvalues at each checkpoint, one line per rank'),
  ]);
}

/** Builds the page into `#app`. */
export function buildPage(): void {
  byId('app').append(
    toolbar(),
    tabs(),
    h('p', { id: 'run', class: 'sources' }),
    progress(),
    h('p', { id: 'message', class: 'message', role: 'alert', hidden: true }),
    h('section', { id: 'error', class: 'error-view', role: 'alert', hidden: true }, [
      h('h2', {}, ['The analysis failed']),
      h('pre', { id: 'error-text', class: 'error-text' }),
    ]),
    h('ul', { id: 'summary', class: 'summary', 'aria-live': 'polite' }),
    clustersView(),
    spectrumView(),
  );
}
