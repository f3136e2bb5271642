/**
 * The checkpoint editor's page: its static structure (toolbar, the error view, the message line,
 * the summary, the tensor table beside the two figures). Text goes in through `textContent` only.
 */
import { exportFormats } from '../../src/shared/protocol/panelProtocol';
import { byId, h } from '../common/dom';
import { figureTitles } from './figureIds';

/** The tensor table's columns. */
export const columns = ['name', 'shape', 'dtype', 'norm', 'mean', 'std'] as const;

function errorView(): HTMLElement {
  return h('section', { id: 'error', class: 'error-view', role: 'alert', hidden: true }, [
    h('h2', {}, ['This file cannot be shown']),
    h('p', { id: 'error-text' }),
    h('p', { class: 'hint' }, [
      'The checkpoint editor reads safetensors files (an 8-byte header length, a JSON ' +
        'header, then the tensor data) and NumPy .npy / .npz files (little-endian float or ' +
        'integer arrays). The file may be truncated, still being written, or in another format.',
    ]),
  ]);
}

function tensorTable(): HTMLElement {
  return h('div', { class: 'table-wrap' }, [
    h('table', { id: 'tensors', 'aria-label': 'Tensors' }, [
      h('thead', {}, [
        h(
          'tr',
          {},
          columns.map((c) => h('th', { scope: 'col' }, [c])),
        ),
      ]),
      h('tbody', { id: 'rows' }),
    ]),
  ]);
}

/** Builds the page into `#app`. */
export function buildPage(): void {
  const formats = exportFormats.map((f) => h('vscode-option', { value: f }, [f.toUpperCase()]));
  byId('app').append(
    h('header', { class: 'toolbar' }, [
      h('h1', { id: 'title' }, ['Checkpoint']),
      h('vscode-badge', { id: 'status' }, ['loading']),
      h('span', { class: 'spacer' }),
      h('vscode-single-select', { id: 'export-format', 'aria-label': 'Export format' }, formats),
      h('vscode-button', { id: 'export', secondary: true }, ['Export histogram']),
    ]),
    errorView(),
    h('p', { id: 'message', class: 'message', role: 'status', hidden: true }),
    h('ul', { id: 'summary', class: 'summary', 'aria-live': 'polite' }),
    h('div', { id: 'content', class: 'layout', hidden: true }, [
      tensorTable(),
      h('div', { class: 'figures' }, [
        h('div', {
          id: 'histogram',
          class: 'plot',
          role: 'img',
          'aria-label': figureTitles.histogram,
        }),
        h('div', {
          id: 'projection',
          class: 'plot',
          role: 'img',
          'aria-label': figureTitles.projection,
        }),
      ]),
    ]),
  );
}
