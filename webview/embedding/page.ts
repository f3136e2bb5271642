/**
 * The embedding view's page: its static structure (toolbar with the projection, colour,
 * dimension and export controls; the message line; the player; the projection beside the
 * summary and the explained variance). Text goes in through `textContent` only.
 */
import { exportFormats } from '../../src/shared/protocol/panelProtocol';
import { byId, h } from '../common/dom';
import { figureTitles } from './figureIds';
import type { Option } from './projection';
import { noColour } from './state';

function select(id: string, label: string, options: Option[]): HTMLElement {
  const opts = options.map(([value, text]) => h('vscode-option', { value }, [text]));
  return h('label', { class: 'field', id: `${id}-field` }, [
    h('span', { id: `${id}-label` }, [label]),
    h('vscode-single-select', { id, 'aria-label': label }, opts),
  ]);
}

/** Builds the page into `#app`. */
export function buildPage(): void {
  const formats = exportFormats.map((f): [string, string] => [f, f.toUpperCase()]);
  byId('app').append(
    h('header', { class: 'toolbar' }, [
      h('h1', { id: 'title' }, ['Embedding']),
      h('vscode-badge', { id: 'status' }, ['loading']),
      h('span', { class: 'spacer' }),
      select('mode', 'Projection', [['pca', 'PCA (aligned)']]),
      select('choice', 'Frequency', []),
      select('colour-by', 'Colour by', [[noColour, 'none']]),
      select('dims', 'Dimensions', [
        ['2', '2-D'],
        ['3', '3-D'],
      ]),
      h('vscode-button', { id: 'refresh', secondary: true }, ['Refresh']),
      select('export-format', 'Export format', formats),
      h('vscode-button', { id: 'export', secondary: true }, ['Export']),
    ]),
    h('p', { id: 'message', class: 'message', role: 'alert', hidden: true }),
    h('div', { class: 'player' }, [
      h('vscode-button', { id: 'play', 'aria-pressed': 'false' }, ['Play']),
      h('input', { id: 'slider', type: 'range', min: '0', max: '0', step: '1', value: '0' }),
      h('span', { id: 'slider-text', class: 'step' }),
    ]),
    h('div', { class: 'layout' }, [
      h('div', { id: 'plot', class: 'plot', role: 'img', 'aria-label': figureTitles.plot }),
      h('aside', { class: 'side' }, [
        h('section', { class: 'summary', 'aria-label': 'Summary' }, [
          h('ul', { id: 'summary', 'aria-live': 'polite' }),
        ]),
        h('div', {
          id: 'explained',
          class: 'explained',
          role: 'img',
          'aria-label': figureTitles.explained,
        }),
      ]),
    ]),
  );
}
