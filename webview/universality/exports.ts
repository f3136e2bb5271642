/**
 * The data behind each figure of the universality view as a table (CSV export) and as JSON, and
 * the export file names. Pure.
 */
import type { Cell, Table } from '../common/csv';
import type { CkaMatrix, MeanSd, StarvationCell } from '../../src/shared/universalityResults';
import type { FigureId } from './figureIds';
import { baseName, uniqueLabels } from './format';
import { labelIndex, selectedStitchCell, shownStep } from './selectors';
import { facetCells } from './starvation';
import { bestControl, cellRows, controlMargin, controlsOf } from './stitching';
import type { UniversalityState } from './state';

const nullColumns = ['p_value', 'null_mean', 'null_low', 'null_high', 'permutations'];

/** Every cell of a CKA matrix with its null, one row each. */
export function matrixRows(m: CkaMatrix, rows = m.rows, columns = m.columns): Cell[][] {
  return m.values.flatMap((row, i) =>
    row.map((v, j) => {
      const b = m.nulls?.[i]?.[j];
      return [rows[i], columns[j], v, b?.pValue, b?.mean, b?.low, b?.high, b?.permutations];
    }),
  );
}

function layersHeatmapTable(s: UniversalityState): Table {
  const data = s.loads.layers.data;
  const at = shownStep(s);
  const rows = data === undefined || at === undefined ? [] : matrixRows(at.matrix);
  const prefix = [data?.runId, at?.step, data?.settings.estimator];
  return {
    columns: ['run_id', 'step', 'estimator', 'row_layer', 'column_layer', 'cka', ...nullColumns],
    rows: rows.map((r) => [...prefix, ...r]),
  };
}

function layersPointsTable(s: UniversalityState): Table {
  const data = s.loads.layers.data;
  const at = shownStep(s);
  const cell = s.layers.cell;
  const find = (layer?: string) => at?.points.find((p) => p.layer === layer);
  const [a, b] = [find(cell?.row), find(cell?.column)];
  const labels = data?.labels[labelIndex(s)];
  const rows =
    a === undefined || b === undefined
      ? []
      : a.x.map((_, i) => [
          i,
          data?.examples[i],
          labels?.names[labels.values[i]],
          a.x[i],
          a.y[i],
          b.x[i],
          b.y[i],
        ]);
  const columns = ['example', 'text', labels?.name ?? 'label'];
  const pcs = (p?: { layer: string }) => [`${p?.layer ?? 'a'}_pc1`, `${p?.layer ?? 'a'}_pc2`];
  return { columns: [...columns, ...pcs(a), ...pcs(b)], rows };
}

function layersAcrossTable(s: UniversalityState): Table {
  const data = s.loads.layers.data;
  const steps = data?.steps.map((st) => st.step) ?? [];
  const rows = (data?.acrossCheckpoints ?? []).flatMap((l) =>
    l.values.map((v, i) => [l.layer, steps[i], v]),
  );
  return { columns: ['layer', 'step', 'cka_with_last_checkpoint'], rows };
}

function runsHeatmapTable(s: UniversalityState): Table {
  const data = s.loads.compare.data;
  const labels = data === undefined ? [] : uniqueLabels(data.runs);
  const rows = data === undefined ? [] : matrixRows(data.matrix, labels, labels);
  const prefix = [data?.layer, data?.settings.estimator];
  return {
    columns: ['layer', 'estimator', 'row_run', 'column_run', 'cka', ...nullColumns],
    rows: rows.map((r) => [...prefix, ...r]),
  };
}

const scoreColumns = (name: string) => [`${name}_balanced_accuracy`, `${name}_normalized`];

function stitchingMatrixTable(s: UniversalityState): Table {
  const data = s.loads.stitching.data;
  const kind = s.stitching.score;
  const rows = (['forward', 'backward'] as const).flatMap((id) => {
    const d = data?.[id];
    return (d?.cells ?? []).map((c) => {
      const held = c.controls.personHeldOut;
      return [
        id,
        d?.from.runId,
        d?.to.runId,
        c.fromLayer,
        c.toLayer,
        ...[c.task, c.regression, c.controls.random, c.controls.shuffled].flatMap((x) => [
          x.balancedAccuracy,
          x.normalized,
        ]),
        held?.balancedAccuracy,
        held?.normalized,
        bestControl(c, kind).name,
        controlMargin(c, kind),
      ];
    });
  });
  const scores = ['task', 'regression', 'random', 'shuffled', 'person_held_out'];
  return {
    columns: [
      ...['direction', 'from_run', 'to_run', 'from_layer', 'to_layer'],
      ...scores.flatMap(scoreColumns),
      'best_control',
      `task_minus_best_control_${kind}`,
    ],
    rows,
  };
}

function stitchingCellTable(s: UniversalityState): Table {
  const selected = selectedStitchCell(s);
  const rows = (selected === undefined ? [] : cellRows(selected.cell, s.stitching.score)).map(
    (r) => [r.name, r.balancedAccuracy, r.normalized, r.aboveBestControl],
  );
  return {
    columns: [
      'score',
      'balanced_accuracy',
      'normalized',
      `above_best_control_${s.stitching.score}`,
    ],
    rows,
  };
}

const stat = (m: MeanSd | undefined): Cell[] => [m?.mean, m?.sd, m?.runs];
const statColumns = (name: string) => [`${name}_mean`, `${name}_sd`, `${name}_runs`];

function starvationTable(s: UniversalityState): Table {
  const cells: StarvationCell[] = facetCells(s);
  const rows = cells.map((c) => [
    c.width,
    c.depth,
    c.embedDim,
    c.trainFraction,
    c.parameters,
    c.converged,
    ...stat(c.testAccuracy),
    ...stat(c.testAccuracyAtConvergence),
    ...stat(c.stepsTo100),
    ...stat(c.crossSeedCka?.linear),
    ...stat(c.crossSeedCka?.debiased),
    ...stat(c.crossSeedStitching),
  ]);
  const stats = ['test_accuracy', 'test_accuracy_at_convergence', 'steps_to_100'];
  const more = ['cross_seed_cka_linear', 'cross_seed_cka_debiased', 'cross_seed_stitching'];
  return {
    columns: [
      ...['width', 'depth', 'embed_dim', 'train_fraction', 'parameters', 'converged'],
      ...[...stats, ...more].flatMap(statColumns),
    ],
    rows,
  };
}

/** The data of a figure as a table. */
export function figureTable(s: UniversalityState, figure: FigureId): Table {
  switch (figure) {
    case 'layersHeatmap':
      return layersHeatmapTable(s);
    case 'layersPoints':
      return layersPointsTable(s);
    case 'layersAcross':
      return layersAcrossTable(s);
    case 'runsHeatmap':
      return runsHeatmapTable(s);
    case 'stitchingMatrix':
      return stitchingMatrixTable(s);
    case 'stitchingCell':
      return stitchingCellTable(s);
    case 'starvationAccuracy':
    case 'starvationUniversality':
    case 'starvationSteps':
      return starvationTable(s);
  }
}

/** The data of a figure as JSON: the analysis result it draws (the selected part of it). */
export function figureJson(s: UniversalityState, figure: FigureId): unknown {
  switch (figure) {
    case 'layersHeatmap':
    case 'layersPoints':
    case 'layersAcross':
      return s.loads.layers.data ?? {};
    case 'runsHeatmap':
      return s.loads.compare.data ?? {};
    case 'stitchingMatrix':
      return s.loads.stitching.data ?? {};
    case 'stitchingCell': {
      const selected = selectedStitchCell(s);
      return selected === undefined
        ? {}
        : { ...selected.ref, cell: selected.cell, controls: controlsOf(selected.cell) };
    }
    case 'starvationAccuracy':
    case 'starvationUniversality':
    case 'starvationSteps':
      return { ...s.loads.starvation.data, cells: facetCells(s) };
  }
}

/** File name (without extension) of an export, e.g. `universality-sweep-1-layersHeatmap-r2`. */
export function exportBaseName(s: UniversalityState, figure: FigureId): string {
  const first = baseName(s.sources[0] ?? s.key.split('\n')[0] ?? '');
  const detail = figure.startsWith('layers')
    ? [s.loads.layers.data?.runId, s.loads.layers.data?.settings.estimator]
    : figure === 'runsHeatmap'
      ? [s.loads.compare.data?.layer, s.loads.compare.data?.settings.estimator]
      : figure.startsWith('stitching')
        ? [s.loads.stitching.data?.forward.from.runId, s.loads.stitching.data?.forward.to.runId]
        : [];
  return ['universality', first, figure, ...detail]
    .filter((p) => p !== undefined && p !== '')
    .join('-');
}
