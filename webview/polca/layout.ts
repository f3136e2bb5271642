/** Layout parts the POLCA figures share. Pure. */
import type { Layout } from 'plotly.js';
import type { Figure } from '../common/figure';
import { type PlotTheme, legendBelow, themedAxis, themedLayout } from '../common/plotTheme';

export type Axis = Partial<Layout['xaxis']>;

/** Theme, title, legend and a `uirevision` that keeps the user's zoom per panel and figure. */
export function baseLayout(
  key: string,
  theme: PlotTheme,
  figure: string,
  title: string,
): Partial<Layout> {
  return {
    ...themedLayout(theme),
    uirevision: `${key}#${figure}`,
    title: { text: title, font: { size: theme.fontSize + 1 } },
    margin: { l: 80, r: 24, t: 56, b: 110 },
    legend: legendBelow(theme),
    hovermode: 'closest',
  };
}

/** A themed axis with a title. */
export function axis(theme: PlotTheme, title: string, extra: Axis = {}): Axis {
  return { ...themedAxis(theme), title: { text: title }, ...extra };
}

/** A figure without data (its section is hidden then). */
export function emptyFigure(key: string, theme: PlotTheme, figure: string): Figure {
  return { data: [], layout: baseLayout(key, theme, figure, '') };
}
