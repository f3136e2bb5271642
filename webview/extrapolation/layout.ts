/** Layout parts the rule-extrapolation figures share. Pure. */
import type { Layout } from 'plotly.js';
import type { Figure } from '../common/figure';
import { type PlotTheme, legendBelow, themedAxis, themedLayout } from '../common/plotTheme';
import type { ExtrapolationState } from './state';

export type Axis = Partial<Layout['xaxis']>;

/** Theme, title, legend and a `uirevision` that keeps the user's zoom per panel and figure. */
export function baseLayout(
  s: ExtrapolationState,
  theme: PlotTheme,
  figure: string,
  title: string,
): Partial<Layout> {
  return {
    ...themedLayout(theme),
    uirevision: `${s.key}#${figure}`,
    title: { text: title, font: { size: theme.fontSize + 1 } },
    margin: { l: 72, r: 16, t: 56, b: 120 },
    legend: legendBelow(theme),
    hovermode: 'closest',
  };
}

/** A themed axis with a title. */
export function axis(theme: PlotTheme, title: string, extra: Axis = {}): Axis {
  return { ...themedAxis(theme), title: { text: title }, ...extra };
}

/** A figure without data (its section is hidden then). */
export function emptyFigure(s: ExtrapolationState, theme: PlotTheme, figure: string): Figure {
  return { data: [], layout: baseLayout(s, theme, figure, '') };
}
