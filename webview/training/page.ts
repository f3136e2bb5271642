/**
 * The training view's page: its static structure (toolbar with status, step, Stop, log scale and
 * export controls; the message line; the plot; the summary). Text goes in through `textContent`
 * only.
 */
import { exportFormats } from '../../src/shared/protocol/panelProtocol';
import { byId, h } from '../common/dom';
import { figureTitles } from './figureIds';

/** Builds the page into `#app`. */
export function buildPage(): void {
  const formats = exportFormats.map((f) => h('vscode-option', { value: f }, [f.toUpperCase()]));
  byId('app').append(
    h('header', { class: 'toolbar' }, [
      h('h1', { id: 'title' }, ['Training']),
      h('vscode-badge', { id: 'status' }, ['loading']),
      h('span', { id: 'step', class: 'step' }),
      h('vscode-button', { id: 'stop', secondary: true, hidden: true }, ['Stop']),
      h('span', { class: 'spacer' }),
      h('vscode-checkbox', { id: 'log-loss', label: 'Log scale (loss)' }),
      h('vscode-single-select', { id: 'export-format', 'aria-label': 'Export format' }, formats),
      h('vscode-button', { id: 'export', secondary: true }, ['Export']),
    ]),
    h('p', { id: 'message', class: 'message', role: 'alert', hidden: true }),
    h('div', { id: 'plot', class: 'plot', role: 'img', 'aria-label': figureTitles.plot }),
    h('section', { class: 'summary', 'aria-label': 'Summary' }, [
      h('ul', { id: 'summary', 'aria-live': 'polite' }),
    ]),
  );
}
