/**
 * Writes the POLCA view's state into the page (everything but the plots): title, badge, tabs,
 * progress line, error, summary, each view's controls, the member table, the sections shown and
 * the export controls. Text goes in through `textContent` only.
 */
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import { polcaViews } from '../../src/shared/protocol/polcaView';
import {
  renderError,
  renderExport,
  renderSections,
  renderSummary,
  renderViews,
} from '../common/analysisRender';
import { byId, h } from '../common/dom';
import { fillSelect } from '../common/selects';
import { figureIds, figureTitles } from './figureIds';
import { fixed } from './format';
import { memberTable } from './members';
import { methodNames } from './methods';
import {
  formatsOf,
  polcaHasSpectrum,
  presentMethods,
  hasDominant,
  shownGroups,
  skillOptions,
  spectrumSource,
  viewError,
  visibleFigures,
} from './selectors';
import type { PolcaState } from './state';
import { progressLine, statusText, summaryLines } from './summary';

function renderClusterControls(s: PolcaState): void {
  const data = s.loads.polca.data;
  const methods = data === undefined ? [] : presentMethods(data);
  fillSelect(
    'clusters-method',
    methods.map((m) => ({
      value: m.method,
      label: `${methodNames[m.method]} (ARI ${fixed(m.ari)})`,
    })),
    s.clusters.method,
  );
  byId('clusters-method-field').hidden = methods.length === 0;
  fillSelect(
    'clusters-vector',
    [
      { value: 'best', label: 'best-agreeing (chosen by the labels)' },
      { value: 'dominant', label: 'dominant (most loss change)' },
    ],
    s.clusters.vector,
  );
  byId('clusters-vector-field').hidden = !hasDominant(s);
  const groups = shownGroups(s);
  fillSelect(
    'clusters-group',
    groups.map((g) => ({
      value: g.token,
      label: `"${g.token}" · ${g.size} tokens · ARI ${fixed(g.ari)}`,
    })),
    s.clusters.group,
  );
  byId('clusters-group-field').hidden = groups.length === 0;
  const skills = skillOptions(s);
  fillSelect(
    'clusters-skill',
    skills.map((k) => ({ value: k, label: k })),
    s.clusters.skill || (data?.skill ?? ''),
  );
  byId('clusters-skill-field').hidden = skills.length < 2;
}

function renderMembers(s: PolcaState): void {
  const t = memberTable(s);
  const c = t.cluster;
  byId('members-caption').textContent =
    c === undefined || t.index === undefined
      ? ''
      : `Cluster ${t.index + 1}: ${c.size} tokens, ${t.rows.length} listed; the analysed token is highlighted`;
  const head = ['Sequence', 'Target', ...t.columns];
  byId('members-head').replaceChildren(...head.map((name) => h('th', { scope: 'col' }, [name])));
  byId('members-body').replaceChildren(
    ...t.rows.map((r) =>
      h('tr', {}, [
        h('td', { class: 'sequence' }, [r.text.before, h('mark', {}, [r.text.at]), r.text.after]),
        h('td', { class: 'target' }, [r.member.target]),
        ...r.marks.map((m) => h('td', { class: 'label' }, [m])),
      ]),
    ),
  );
}

function renderSpectrumControls(s: PolcaState): void {
  const both = polcaHasSpectrum(s);
  byId('spectrum-source-field').hidden = !both;
  byId<VscodeSingleSelect>('spectrum-source').value = spectrumSource(s);
}

function renderProgress(s: PolcaState): void {
  const line = progressLine(s);
  byId('progress').hidden = line === undefined;
  byId('progress-text').textContent = line?.text ?? '';
  const meter = byId<HTMLProgressElement>('progress-meter');
  if (line?.done !== undefined && line.total !== undefined && line.total > 0) {
    meter.max = line.total;
    meter.value = Math.min(line.done, line.total);
  } else {
    meter.removeAttribute('value'); // indeterminate
  }
}

/** Writes the whole state into the page. */
export function renderPage(s: PolcaState): void {
  byId('title').textContent = s.title || 'POLCA';
  byId('status').textContent = statusText(s);
  byId('run').textContent = s.runDir;
  renderViews(polcaViews, s.view);
  renderProgress(s);
  renderError(viewError(s));
  renderSummary(summaryLines(s));
  renderClusterControls(s);
  renderMembers(s);
  renderSpectrumControls(s);
  const shown = visibleFigures(s);
  renderSections(figureIds, shown);
  const chosen = { figure: s.exportFigure, format: s.exportFormat };
  renderExport(shown, figureTitles, chosen, formatsOf(s.exportFigure));
}
