/** The starvation view's summary lines, pure: the sweep, the best width, where seeds converge. */
import type { StarvationCell } from '../../src/shared/universalityResults';
import { baseName, fixed, num, pct } from './format';
import { bestCell, facetCells } from './starvation';
import type { UniversalityState } from './state';

/** "64 (depth 2): test accuracy 97.2% ± 1.1% over 4 runs at 5000 steps, …". */
export function bestWidthLine(best: StarvationCell, budget: number): string {
  const a = best.testAccuracy;
  const converged =
    best.converged > 0
      ? `${best.converged} of ${a.runs} reached 100 % train accuracy (after ` +
        `${num(best.stepsTo100.mean)} ± ${num(best.stepsTo100.sd)} steps)`
      : `none of ${a.runs} reached 100 % train accuracy`;
  const cka =
    best.crossSeedCka === undefined
      ? ''
      : `; cross-seed CKA ${fixed(best.crossSeedCka.linear.mean)}`;
  const stitch =
    best.crossSeedStitching === undefined
      ? ''
      : `, cross-seed stitching ${fixed(best.crossSeedStitching.mean)}`;
  return (
    `Best width: ${best.width} (depth ${best.depth}, ${best.parameters} parameters): test ` +
    `accuracy ${pct(a.mean)} ± ${pct(a.sd)} over ${a.runs} runs at ${budget} steps; ` +
    `${converged}${cka}${stitch}.`
  );
}

/** Per depth, the smallest width where every seed reached 100 % train accuracy. */
export function convergenceLine(cells: readonly StarvationCell[]): string | undefined {
  const depths = [...new Set(cells.map((c) => c.depth))].sort((a, b) => a - b);
  const parts = depths.map((depth) => {
    const all = cells
      .filter((c) => c.depth === depth && c.converged > 0 && c.converged === c.testAccuracy.runs)
      .sort((a, b) => a.width - b.width)[0];
    return `${all === undefined ? 'none' : all.width} (depth ${depth})`;
  });
  return parts.length === 0
    ? undefined
    : `Smallest width where every seed reached 100 % train accuracy: ${parts.join(', ')}.`;
}

export function starvationLines(s: UniversalityState): string[] {
  const data = s.loads.starvation.data;
  if (data === undefined) {
    return [];
  }
  const cells = facetCells(s);
  const { width, depth } = data.axes;
  const head =
    `${baseName(data.sweepDir)}: ${data.cells.length} capacity cells, budget ${data.budget} steps; ` +
    `widths ${width.join(', ')}; depths ${depth.join(', ')}.`;
  const best = bestCell(cells);
  if (best === undefined) {
    return [head, 'No cell of this embedding size and train fraction has results yet.'];
  }
  const converged = convergenceLine(cells);
  return [head, bestWidthLine(best, data.budget), ...(converged === undefined ? [] : [converged])];
}
