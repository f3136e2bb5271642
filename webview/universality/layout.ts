/** Layout parts the universality figures share (see ../common/figureLayout.ts). Pure. */
import { figureLayouts } from '../common/figureLayout';

export { axis } from '../common/figureLayout';

export const { baseLayout, emptyFigure } = figureLayouts({ l: 96, r: 24, t: 56, b: 96 });

/** The sequential colour scale of the heatmaps (dark at 0, light at 1). */
export const heatScale = 'Viridis';

/** Text colour readable on a cell of the heat scale at `t` ∈ [0, 1]. */
export function textOn(t: number): string {
  return t > 0.62 ? '#1b1b1b' : '#f5f5f5';
}
