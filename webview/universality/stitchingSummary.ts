/** The stitching view's summary lines, pure. */
import type { StitchingCell, StitchingDirection } from '../../src/shared/universalityResults';
import { fixed, pct, signed } from './format';
import { analysableRuns } from './selectors';
import type { UniversalityState } from './state';
import { bestControl, controlMargin, scoreNames, scoreOf } from './stitching';
import type { ScoreKind, StitchCellRef } from './types';

/** The settings line: ε, bridge steps, chance and the symmetric score. */
export function settingsLine(s: UniversalityState): string | undefined {
  const d = s.loads.stitching.data;
  if (d === undefined) {
    return undefined;
  }
  const affine = d.epsilon === 0 ? 'affine' : 'almost affine';
  return (
    `ε = ${d.epsilon} (${affine}), ${d.steps} bridge steps, chance ${pct(d.chance)}; ` +
    `symmetric score at the embedding ${fixed(d.symmetric)}.`
  );
}

/** One direction: the models' accuracies, the best cell, how many cells beat their controls. */
export function directionLine(d: StitchingDirection, kind: ScoreKind): string {
  const head =
    `${d.from.label} (${pct(d.from.balancedAccuracy)}) → ${d.to.label} ` +
    `(${pct(d.to.balancedAccuracy)})`;
  if (d.cells.length === 0) {
    return `${head}: no cells.`;
  }
  const best = d.cells.reduce((a, b) => (scoreOf(b.task, kind) > scoreOf(a.task, kind) ? b : a));
  const above = d.cells.filter((c) => controlMargin(c, kind) > 0).length;
  return (
    `${head}: best ${best.fromLayer} → ${best.toLayer}, ${scoreNames[kind]} ` +
    `${fixed(scoreOf(best.task, kind))}; ${above} of ${d.cells.length} cells above their best control.`
  );
}

/** The selected cell: its task score and how far above the best control it is. */
export function cellLine(ref: StitchCellRef, cell: StitchingCell, kind: ScoreKind): string {
  const best = bestControl(cell, kind);
  return (
    `Selected (${ref.direction}) ${cell.fromLayer} → ${cell.toLayer}: task ` +
    `${fixed(scoreOf(cell.task, kind))}, regression ${fixed(scoreOf(cell.regression, kind))}, ` +
    `${signed(controlMargin(cell, kind))} over the best control (${best.name}, ${fixed(best.score)}).`
  );
}

export function stitchingLines(
  s: UniversalityState,
  selected: { ref: StitchCellRef; cell: StitchingCell } | undefined,
): string[] {
  if (s.loads.runs.data !== undefined && analysableRuns(s).length < 2) {
    return ['Stitching needs two runs with checkpoints: open the panel on a sweep or on two runs.'];
  }
  const d = s.loads.stitching.data;
  if (d === undefined) {
    return [];
  }
  const kind = s.stitching.score;
  return [
    settingsLine(s) ?? '',
    directionLine(d.forward, kind),
    directionLine(d.backward, kind),
    ...(selected === undefined ? [] : [cellLine(selected.ref, selected.cell, kind)]),
  ];
}
