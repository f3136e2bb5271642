/** Layout parts the POLCA figures share (see ../common/figureLayout.ts). Pure. */
import { figureLayouts } from '../common/figureLayout';

export { axis } from '../common/figureLayout';

export const { baseLayout, emptyFigure } = figureLayouts({ l: 80, r: 24, t: 56, b: 110 });
