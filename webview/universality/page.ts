/**
 * The universality view's page: its static structure (toolbar, view tabs, banners, one container
 * per view with its controls and figure sections). Text goes in through `textContent` only.
 */
import { universalityViews } from '../../src/shared/protocol/universalityView';
import { ckaEstimators } from '../../src/shared/universalityResults';
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
import { estimatorNames } from './format';

const estimatorOptions = ckaEstimators.map((e): [string, string] => [e, estimatorNames[e]]);

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
  const controls = [selectField('layers-run', 'Run'), ...ckaControls('layers'), slider];
  return viewContainer('layers', controls, [
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
  const controls = [selectField('runs-layer', 'Layer'), ...ckaControls('runs')];
  return viewContainer('runs', controls, [
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
  const controls = [
    selectField('stitching-from', 'Source run'),
    selectField('stitching-to', 'Target run'),
    selectField('stitching-score', 'Score', [
      ['normalized', 'normalised'],
      ['balancedAccuracy', 'balanced accuracy'],
    ]),
  ];
  return viewContainer('stitching', controls, [
    figureRow([
      plotSection(
        'stitchingMatrix',
        'Task-loss stitching score of every layer pair, both directions',
      ),
      figureSection('stitchingCell', 'Selected cell against its controls', [stitchingTable()]),
    ]),
  ]);
}

function starvationView(): HTMLElement {
  const controls = [
    selectField('starvation-source', 'Sweep'),
    selectField('starvation-embed', 'Embedding size'),
    selectField('starvation-fraction', 'Train fraction'),
  ];
  return viewContainer('starvation', controls, [
    plotSection('starvationAccuracy', 'Test accuracy at the budget and at convergence by width'),
    plotSection('starvationUniversality', 'Cross-seed CKA and stitching by width'),
    plotSection('starvationSteps', 'Steps to 100 % train accuracy by width'),
  ]);
}

/** Builds the page into `#app`. */
export function buildPage(): void {
  byId('app').append(
    toolbar('Universality'),
    viewTabs(universalityViews, viewLabels),
    h('ul', { id: 'sources', class: 'sources', 'aria-label': 'Folders' }),
    ...statusSections('The analysis failed', true),
    layersView(),
    runsView(),
    stitchingView(),
    starvationView(),
  );
}
