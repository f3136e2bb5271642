/**
 * Pure text of the universality view: the status badge, the banner of skipped runs and the
 * summary list of each view (what the figures show, for screen readers and a quick read).
 */
import type { CkaMatrix } from '../../src/shared/universalityResults';
import { estimatorNames, fixed, pText, significanceMark, uniqueLabels } from './format';
import { viewRequest } from './requests';
import { mainSlot, selectedStitchCell, shownStep, slotsOfView, viewError } from './selectors';
import { starvationLines } from './starvationSummary';
import type { UniversalityState } from './state';
import { stitchingLines } from './stitchingSummary';

/** The status badge of the current view. */
export function statusText(s: UniversalityState): string {
  if (viewError(s) !== undefined) {
    return 'error';
  }
  const loads = slotsOfView[s.view].map((id) => s.loads[id]);
  const main = s.loads[mainSlot(s.view)];
  if (loads.some((l) => l.status === 'loading')) {
    return main.data === undefined ? 'loading' : 'refreshing';
  }
  const waiting =
    main.status === 'idle' && (s.loads.runs.status !== 'ready' || viewRequest(s) !== undefined);
  if (waiting || (s.key === '' && s.fatal === undefined)) {
    return 'loading';
  }
  return s.stale !== undefined ? 'outdated' : 'ready';
}

/** The banner of runs the current view's analysis skipped, or undefined. */
export function skippedBanner(
  s: UniversalityState,
): { title: string; items: string[] } | undefined {
  const skipped =
    s.view === 'runs'
      ? s.loads.compare.data?.skipped
      : s.view === 'starvation'
        ? s.loads.starvation.data?.skipped
        : undefined;
  if (skipped === undefined || skipped.length === 0 || viewError(s) !== undefined) {
    return undefined;
  }
  const n = skipped.length;
  return {
    title: `${n} run${n === 1 ? ' was' : 's were'} left out:`,
    items: skipped.map((k) => `${k.runDir}: ${k.reason}`),
  };
}

/** "a ↔ b: CKA 0.82, p = 0.001" for one cell of a matrix. */
export function pairText(
  m: CkaMatrix,
  i: number,
  j: number,
  rows = m.rows,
  columns = m.columns,
): string {
  const band = m.nulls?.[i]?.[j];
  const p =
    band === undefined
      ? ''
      : `, ${pText(band.pValue)}${significanceMark(band.pValue) === 'n.s.' ? ' (n.s.)' : ''}`;
  return `${rows[i]} ↔ ${columns[j]}: CKA ${fixed(m.values[i][j])}${p}`;
}

/** The cells above the diagonal (distinct pairs of a symmetric matrix), as [i, j]. */
export function upperPairs(m: CkaMatrix): [number, number][] {
  return m.values.flatMap((row, i) =>
    row.flatMap((_, j): [number, number][] => (j > i ? [[i, j]] : [])),
  );
}

/** Most and least similar distinct pairs, and how many are significant. */
export function matrixLines(
  m: CkaMatrix,
  what: string,
  rows = m.rows,
  columns = m.columns,
): string[] {
  const pairs = upperPairs(m);
  if (pairs.length === 0) {
    return [];
  }
  const value = ([i, j]: [number, number]) => m.values[i][j];
  const max = pairs.reduce((a, b) => (value(b) > value(a) ? b : a));
  const min = pairs.reduce((a, b) => (value(b) < value(a) ? b : a));
  const lines = [
    `Most similar ${what}: ${pairText(m, max[0], max[1], rows, columns)}.`,
    `Least similar ${what}: ${pairText(m, min[0], min[1], rows, columns)}.`,
  ];
  if (m.nulls !== undefined) {
    const significant = pairs.filter(([i, j]) => (m.nulls?.[i]?.[j]?.pValue ?? 1) < 0.05).length;
    lines.push(`${significant} of ${pairs.length} pairs are significant at p < 0.05.`);
  }
  return lines;
}

function layersLines(s: UniversalityState): string[] {
  const data = s.loads.layers.data;
  const at = shownStep(s);
  if (data === undefined || at === undefined) {
    return s.loads.runs.data?.runs.length === 0 ? ['No runs under these folders yet.'] : [];
  }
  const { inputSet: x } = data;
  const head =
    `${data.runId} (${data.experiment}): ${estimatorNames[data.settings.estimator]} on ${x.n} ` +
    `${x.split} examples${x.n < x.total ? ` (of ${x.total})` : ''}, step ${at.step} ` +
    `(${data.steps.length} checkpoint${data.steps.length === 1 ? '' : 's'}).`;
  const cell = s.layers.cell;
  const i = cell === undefined ? -1 : at.matrix.rows.indexOf(cell.row);
  const j = cell === undefined ? -1 : at.matrix.columns.indexOf(cell.column);
  const selected =
    i >= 0 && j >= 0
      ? `Selected: ${pairText(at.matrix, i, j)}; its two layers' points are drawn below.`
      : 'Click a cell of the heatmap to draw its two layers’ points side by side.';
  return [head, ...matrixLines(at.matrix, 'layers'), selected];
}

function runsLines(s: UniversalityState): string[] {
  const data = s.loads.compare.data;
  if (data === undefined) {
    return [];
  }
  const labels = uniqueLabels(data.runs);
  const head =
    `${data.runs.length} runs compared at layer ${data.layer} ` +
    `(${estimatorNames[data.settings.estimator]}, n = ${data.n}).`;
  return [head, ...matrixLines(data.matrix, 'runs', labels, labels)];
}

/** Sentences describing what the current view shows. */
export function summaryLines(s: UniversalityState): string[] {
  const error = viewError(s);
  if (error !== undefined) {
    return [`The analysis failed: ${error}`];
  }
  const lines = ((): string[] => {
    switch (s.view) {
      case 'layers':
        return layersLines(s);
      case 'runs':
        return runsLines(s);
      case 'stitching':
        return stitchingLines(s, selectedStitchCell(s));
      case 'starvation':
        return starvationLines(s);
    }
  })();
  if (lines.length === 0 && statusText(s) === 'loading') {
    lines.push('Computing…');
  }
  if (s.stale !== undefined) {
    lines.push(`Changed since computed (${s.stale}); refresh to recompute.`);
  }
  return lines;
}
