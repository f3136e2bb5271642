/**
 * Writes the universality view's state into the page (everything but the plots): title, badge,
 * tabs, banners, summary, each view's controls, the sections shown, the stitching table and the
 * export controls. Text goes in through `textContent` only.
 */
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import type { VscodeTextfield } from '@vscode-elements/elements/dist/vscode-textfield/vscode-textfield.js';
import { universalityViews } from '../../src/shared/protocol/universalityView';
import {
  renderBanner,
  renderError,
  renderExport,
  renderSections,
  renderSummary,
  renderViews,
} from '../common/analysisRender';
import { byId, h } from '../common/dom';
import { fillSelect } from '../common/selects';
import { figureIds, figureTitles } from './figureIds';
import { fixed, pct, signed } from './format';
import {
  formatsOf,
  labelIndex,
  runOptions,
  selectedStitchCell,
  stepIndex,
  sweepOptions,
  viewError,
  visibleFigures,
} from './selectors';
import type { UniversalityState } from './state';
import { cellRows } from './stitching';
import { skippedBanner, statusText, summaryLines } from './summary';

function setNumber(id: string, value: number): void {
  const el = byId<VscodeTextfield>(id);
  if (document.activeElement !== el && el.value !== String(value)) {
    el.value = String(value);
  }
}

function renderLayers(s: UniversalityState): void {
  fillSelect('layers-run', runOptions(s), s.layers.run);
  byId<VscodeSingleSelect>('layers-estimator').value = s.layers.estimator;
  setNumber('layers-permutations', s.layers.permutations);
  const data = s.loads.layers.data;
  const steps = data?.steps ?? [];
  const slider = byId<HTMLInputElement>('layers-step');
  slider.max = String(Math.max(0, steps.length - 1));
  slider.value = String(Math.max(0, stepIndex(s)));
  byId('layers-step-field').hidden = steps.length < 2;
  const step = steps[stepIndex(s)]?.step;
  byId('layers-step-value').textContent = step === undefined ? '' : `step ${step}`;
  const labels = (data?.labels ?? []).map((l) => ({ value: l.name, label: l.name }));
  fillSelect('layers-label', labels, labels[labelIndex(s)]?.value ?? '');
  byId('layers-label-field').hidden = labels.length === 0;
}

function renderRuns(s: UniversalityState): void {
  const data = s.loads.compare.data;
  const layers = (data?.layers ?? []).map((l) => ({ value: l, label: l }));
  fillSelect('runs-layer', layers, s.compare.layer === '' ? (data?.layer ?? '') : s.compare.layer);
  byId('runs-layer-field').hidden = layers.length === 0;
  byId<VscodeSingleSelect>('runs-estimator').value = s.compare.estimator;
  setNumber('runs-permutations', s.compare.permutations);
}

function renderStitchingTable(s: UniversalityState): void {
  const selected = selectedStitchCell(s);
  const kind = s.stitching.score;
  byId('stitching-caption').textContent =
    selected === undefined
      ? ''
      : `${selected.ref.direction}: ${selected.cell.fromLayer} → ${selected.cell.toLayer} (click a cell to choose)`;
  const rows = selected === undefined ? [] : cellRows(selected.cell, kind);
  byId('stitching-body').replaceChildren(
    ...rows.map((r) => {
      const above = r.aboveBestControl;
      const mark = above === undefined ? '' : above > 0 ? ' ✓' : ' ✗';
      const cls = above === undefined ? '' : above > 0 ? 'check ok' : 'check bad';
      return h('tr', {}, [
        h('th', { scope: 'row' }, [r.name]),
        h('td', {}, [pct(r.balancedAccuracy)]),
        h('td', {}, [fixed(r.normalized)]),
        h('td', { class: cls }, [above === undefined ? '' : `${signed(above)}${mark}`]),
      ]);
    }),
  );
}

function renderStitching(s: UniversalityState): void {
  const runs = runOptions(s);
  fillSelect('stitching-from', runs, s.stitching.from);
  fillSelect('stitching-to', runs, s.stitching.to);
  byId<VscodeSingleSelect>('stitching-score').value = s.stitching.score;
  renderStitchingTable(s);
}

function renderStarvation(s: UniversalityState): void {
  fillSelect('starvation-source', sweepOptions(s), s.starvation.source);
  const axes = s.loads.starvation.data?.axes;
  const options = (values: number[] = []) =>
    values.map((v) => ({ value: String(v), label: String(v) }));
  fillSelect('starvation-embed', options(axes?.embedDim), String(s.starvation.embedDim ?? ''));
  fillSelect(
    'starvation-fraction',
    options(axes?.trainFraction),
    String(s.starvation.trainFraction ?? ''),
  );
  byId('starvation-embed-field').hidden = (axes?.embedDim.length ?? 0) < 2;
  byId('starvation-fraction-field').hidden = (axes?.trainFraction.length ?? 0) < 2;
}

/** Writes the whole state into the page. */
export function renderPage(s: UniversalityState): void {
  byId('title').textContent = s.title || 'Universality';
  byId('status').textContent = statusText(s);
  byId('sources').replaceChildren(...s.sources.map((f) => h('li', {}, [f])));
  renderViews(universalityViews, s.view);
  renderError(viewError(s));
  renderBanner(skippedBanner(s));
  renderSummary(summaryLines(s));
  renderLayers(s);
  renderRuns(s);
  renderStitching(s);
  renderStarvation(s);
  const shown = visibleFigures(s);
  renderSections(figureIds, shown);
  const chosen = { figure: s.exportFigure, format: s.exportFormat };
  renderExport(shown, figureTitles, chosen, formatsOf(s.exportFigure));
}
