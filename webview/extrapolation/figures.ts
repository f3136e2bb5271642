/**
 * The rule-extrapolation view's plotted figures by id, pure: the builder of each (curves.ts,
 * bars.ts), and what each depends on (a figure is redrawn only when one of them changed).
 */
import type { Figure } from '../common/figure';
import type { PlotTheme } from '../common/plotTheme';
import { barsFigure } from './bars';
import { curvesFigure } from './curves';
import type { PlotFigureId } from './figureIds';
import { type ExtrapolationState, barGrouping } from './state';

export const figureBuilders: Record<
  PlotFigureId,
  (s: ExtrapolationState, theme: PlotTheme) => Figure
> = {
  curves: curvesFigure,
  bars: barsFigure,
};

/** What every figure depends on besides the theme (compare element by element with `===`). */
export function figureDeps(s: ExtrapolationState): unknown[] {
  return [s.data, s.loss, barGrouping(s)];
}
