/**
 * Pure reads of the universality view's state: the options of its selects, the checkpoint and
 * cell shown, which slots a view depends on, its error, and the figures that apply.
 */
import type { RunListing } from '../../src/shared/protocol/analysisProtocol';
import type { ExportFormat } from '../../src/shared/protocol/panelProtocol';
import { exportFormats } from '../../src/shared/protocol/panelProtocol';
import type { UniversalityViewId } from '../../src/shared/protocol/universalityView';
import type {
  CkaLayersAtStep,
  StitchingCell,
  StitchingDirection,
} from '../../src/shared/universalityResults';
import { type FigureId, figuresOfView } from './figureIds';
import { baseName } from './format';
import type { UniversalityState } from './state';
import type { SlotId, StitchCellRef } from './types';

/** An option of a select. */
export interface Option {
  value: string;
  label: string;
}

/** The slots a view shows data from, the run listing first. */
export const slotsOfView: Record<UniversalityViewId, readonly SlotId[]> = {
  layers: ['runs', 'layers'],
  runs: ['compare'],
  stitching: ['runs', 'stitching'],
  starvation: ['runs', 'starvation'],
};

/** The slot holding a view's own data. */
export function mainSlot(view: UniversalityViewId): SlotId {
  const slots = slotsOfView[view];
  return slots[slots.length - 1];
}

/** The runs under the panel's folders (none before the listing arrived). */
export function listedRuns(s: UniversalityState): RunListing[] {
  return s.loads.runs.data?.runs ?? [];
}

/** The runs the analyses can open: those with a checkpoint (all of them if none has one yet). */
export function analysableRuns(s: UniversalityState): RunListing[] {
  const runs = listedRuns(s);
  const withCheckpoints = runs.filter((r) => r.checkpoints > 0);
  return withCheckpoints.length > 0 ? withCheckpoints : runs;
}

/** Choices of the run selects: label, and the state when the run is not done. */
export function runOptions(s: UniversalityState): Option[] {
  return analysableRuns(s).map((r) => {
    const id = r.label === r.runId ? r.runId : `${r.label} (${r.runId})`;
    return { value: r.runDir, label: r.status === 'done' ? id : `${id} · ${r.status}` };
  });
}

/** Choices of the starvation sweep select: the listed sweeps, else the panel's folders. */
export function sweepOptions(s: UniversalityState): Option[] {
  const sweeps = s.loads.runs.data?.sweeps ?? [];
  return (sweeps.length > 0 ? sweeps : s.sources).map((d) => ({ value: d, label: baseName(d) }));
}

/** Index of the checkpoint the layers view shows (the last one unless one was chosen). */
export function stepIndex(s: UniversalityState): number {
  const steps = s.loads.layers.data?.steps ?? [];
  const i = steps.findIndex((st) => st.step === s.layers.step);
  return i >= 0 ? i : steps.length - 1;
}

/** The checkpoint the layers view shows. */
export function shownStep(s: UniversalityState): CkaLayersAtStep | undefined {
  return s.loads.layers.data?.steps[stepIndex(s)];
}

/** The labelling that colours the points (the chosen one, else the first). */
export function labelIndex(s: UniversalityState): number {
  const labels = s.loads.layers.data?.labels ?? [];
  const i = labels.findIndex((l) => l.name === s.layers.label);
  return i >= 0 ? i : labels.length > 0 ? 0 : -1;
}

/** A direction of the stitching result. */
export function direction(
  s: UniversalityState,
  id: StitchCellRef['direction'],
): StitchingDirection | undefined {
  const data = s.loads.stitching.data;
  return data === undefined ? undefined : data[id];
}

/** The stitching cell the table lists: the chosen one, else the first forward cell. */
export function selectedStitchCell(
  s: UniversalityState,
): { ref: StitchCellRef; cell: StitchingCell } | undefined {
  const ref = s.stitching.cell;
  if (ref !== undefined) {
    const cell = direction(s, ref.direction)?.cells.find(
      (c) => c.fromLayer === ref.fromLayer && c.toLayer === ref.toLayer,
    );
    if (cell !== undefined) {
      return { ref, cell };
    }
  }
  const first = direction(s, 'forward')?.cells[0];
  return first === undefined
    ? undefined
    : {
        ref: { direction: 'forward', fromLayer: first.fromLayer, toLayer: first.toLayer },
        cell: first,
      };
}

/** The error the current view shows: a failed handshake, else its first failed slot. */
export function viewError(s: UniversalityState): string | undefined {
  if (s.fatal !== undefined) {
    return s.fatal;
  }
  const failed = slotsOfView[s.view].find((id) => s.loads[id].status === 'error');
  return failed === undefined ? undefined : s.loads[failed].error;
}

function layersFigures(s: UniversalityState): FigureId[] {
  const data = s.loads.layers.data;
  if (data === undefined || data.steps.length === 0) {
    return [];
  }
  const cell = s.layers.cell;
  const points = shownStep(s)?.points ?? [];
  const hasPoints =
    cell !== undefined && [cell.row, cell.column].every((l) => points.some((p) => p.layer === l));
  const across = data.steps.length > 1 && data.acrossCheckpoints.length > 0;
  return [
    'layersHeatmap',
    ...(hasPoints ? (['layersPoints'] as const) : []),
    ...(across ? (['layersAcross'] as const) : []),
  ];
}

function starvationFigures(s: UniversalityState): FigureId[] {
  const cells = s.loads.starvation.data?.cells ?? [];
  if (cells.length === 0) {
    return [];
  }
  const similarity = cells.some(
    (c) => c.crossSeedCka !== undefined || c.crossSeedStitching !== undefined,
  );
  return similarity
    ? ['starvationAccuracy', 'starvationUniversality', 'starvationSteps']
    : ['starvationAccuracy', 'starvationSteps'];
}

/** The figures of the current view that have data (the others' sections are hidden). */
export function visibleFigures(s: UniversalityState): FigureId[] {
  if (viewError(s) !== undefined) {
    return [];
  }
  switch (s.view) {
    case 'layers':
      return layersFigures(s);
    case 'runs':
      return s.loads.compare.data === undefined ? [] : [...figuresOfView.runs];
    case 'stitching':
      return selectedStitchCell(s) === undefined ? [] : [...figuresOfView.stitching];
    case 'starvation':
      return starvationFigures(s);
  }
}

/** The formats a figure exports to: the table has no image. */
export function formatsOf(figure: FigureId): readonly ExportFormat[] {
  return figure === 'stitchingCell' ? ['csv', 'json'] : exportFormats;
}
