/** Layout parts the rule-extrapolation figures share (see ../common/figureLayout.ts). Pure. */
import type { Layout } from 'plotly.js';
import type { Figure } from '../common/figure';
import { figureLayouts } from '../common/figureLayout';
import type { PlotTheme } from '../common/plotTheme';
import type { ExtrapolationState } from './state';

export { axis } from '../common/figureLayout';

const layouts = figureLayouts({ l: 72, r: 16, t: 56, b: 120 });

/** Theme, title, legend and a `uirevision` that keeps the user's zoom per panel and figure. */
export function baseLayout(
  s: ExtrapolationState,
  theme: PlotTheme,
  figure: string,
  title: string,
): Partial<Layout> {
  return layouts.baseLayout(s.key, theme, figure, title);
}

/** A figure without data (its section is hidden then). */
export function emptyFigure(s: ExtrapolationState, theme: PlotTheme, figure: string): Figure {
  return layouts.emptyFigure(s.key, theme, figure);
}
