/**
 * The universality view's page: its static structure (toolbar, view tabs, banners, one container
 * per view with its controls and figure sections). Text goes in through `textContent` only.
 */
import { universalityViews } from '../../src/shared/protocol/universalityView';
import { ckaEstimators } from '../../src/shared/universalityResults';
import { figureSection, plotDiv, selectField } from '../common/analysisPage';
import { byId, h } from '../common/dom';
import { type FigureId, figureTitles, viewLabels } from './figureIds';
import { estimatorNames } from './format';

const estimatorOptions = ckaEstimators.map((e): [string, string] => [e, estimatorNames[e]]);

function toolbar(): HTMLElement {
  return h('header', { class: 'toolbar' }, [
    h('h1', { id: 'title' }, ['Universality']),
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
    universalityViews.map((v) =>
      h('vscode-tab-header', { id: `tab-${v}`, slot: 'header', 'data-view': v }, [viewLabels[v]]),
    ),
  );
}

/** A labelled number field (vscode-elements textfield). */
function numberField(id: string, label: string, title: string): HTMLElement {
  return h('label', { class: 'field', id: `${id}-field`, title }, [
    label,
    h('vscode-textfield', { id, type: 'number', min: '0', max: '10000', 'aria-label': label }),
  ]);
}

/** The CKA settings of a view: estimator and permutations. */
function ckaControls(prefix: string): HTMLElement[] {
  return [
    selectField(`${prefix}-estimator`, 'Estimator', estimatorOptions),
    numberField(
      `${prefix}-permutations`,
      'Permutations',
      'Permutations of each cell’s null distribution (0: no significance test)',
    ),
  ];
}

function plotSection(id: FigureId, label: string, before: HTMLElement[] = []): HTMLElement {
  return figureSection(id, figureTitles[id], [...before, plotDiv(id, label)]);
}

function layersView(): HTMLElement {
  const slider = h('label', { class: 'field', id: 'layers-step-field' }, [
    'Checkpoint',
    h('input', {
      id: 'layers-step',
      type: 'range',
      min: '0',
      max: '0',
      step: '1',
      'aria-label': 'Checkpoint',
    }),
    h('output', { id: 'layers-step-value', for: 'layers-step' }),
  ]);
  return h('div', { id: 'view-layers', class: 'view', hidden: true }, [
    h('div', { class: 'controls' }, [
      selectField('layers-run', 'Run'),
      ...ckaControls('layers'),
      slider,
    ]),
    plotSection(
      'layersHeatmap',
      'CKA between every two layers of the run at the chosen checkpoint',
    ),
    plotSection('layersPoints', 'The examples at the two layers of the selected cell', [
      selectField('layers-label', 'Colour by'),
    ]),
    plotSection('layersAcross', 'Each layer’s CKA with its final state over the checkpoints'),
  ]);
}

function runsView(): HTMLElement {
  return h('div', { id: 'view-runs', class: 'view', hidden: true }, [
    h('div', { class: 'controls' }, [selectField('runs-layer', 'Layer'), ...ckaControls('runs')]),
    plotSection('runsHeatmap', 'CKA between every two runs at one layer'),
  ]);
}

function stitchingTable(): HTMLElement {
  const columns = ['', 'balanced accuracy', 'normalised', 'vs best control'];
  return h('table', { id: 'stitching-table', class: 'stats' }, [
    h('caption', { id: 'stitching-caption' }),
    h('thead', {}, [
      h(
        'tr',
        {},
        columns.map((c) => h('th', { scope: 'col' }, [c])),
      ),
    ]),
    h('tbody', { id: 'stitching-body' }),
  ]);
}

function stitchingView(): HTMLElement {
  return h('div', { id: 'view-stitching', class: 'view', hidden: true }, [
    h('div', { class: 'controls' }, [
      selectField('stitching-from', 'Source run'),
      selectField('stitching-to', 'Target run'),
      selectField('stitching-score', 'Score', [
        ['normalized', 'normalised'],
        ['balancedAccuracy', 'balanced accuracy'],
      ]),
    ]),
    h('div', { class: 'stitching-row' }, [
      plotSection(
        'stitchingMatrix',
        'Task-loss stitching score of every layer pair, both directions',
      ),
      figureSection('stitchingCell', 'Selected cell against its controls', [stitchingTable()]),
    ]),
  ]);
}

function starvationView(): HTMLElement {
  return h('div', { id: 'view-starvation', class: 'view', hidden: true }, [
    h('div', { class: 'controls' }, [
      selectField('starvation-source', 'Sweep'),
      selectField('starvation-embed', 'Embedding size'),
      selectField('starvation-fraction', 'Train fraction'),
    ]),
    plotSection('starvationAccuracy', 'Test accuracy at the budget and at convergence by width'),
    plotSection('starvationUniversality', 'Cross-seed CKA and stitching by width'),
    plotSection('starvationSteps', 'Steps to 100 % train accuracy by width'),
  ]);
}

/** Builds the page into `#app`. */
export function buildPage(): void {
  byId('app').append(
    toolbar(),
    tabs(),
    h('ul', { id: 'sources', class: 'sources', 'aria-label': 'Folders' }),
    h('p', { id: 'message', class: 'message', role: 'alert', hidden: true }),
    h('section', { id: 'error', class: 'error-view', role: 'alert', hidden: true }, [
      h('h2', {}, ['The analysis failed']),
      h('pre', { id: 'error-text', class: 'error-text' }),
    ]),
    h('section', { id: 'banner', class: 'banner', role: 'status', hidden: true }, [
      h('p', { id: 'banner-title', class: 'banner-title' }),
      h('ul', { id: 'banner-items' }),
    ]),
    h('ul', { id: 'summary', class: 'summary', 'aria-live': 'polite' }),
    layersView(),
    runsView(),
    stitchingView(),
    starvationView(),
  );
}
