/**
 * Layout parts the analysis views' figures share: the base layout of a figure (theme, title,
 * legend below, a `uirevision` that keeps the user's zoom per panel and figure) with the view's
 * margins, titled axes, and the empty figure of a section without data. Pure.
 */
import type { Layout } from 'plotly.js';
import type { Figure } from './figure';
import { type PlotTheme, legendBelow, themedAxis, themedLayout } from './plotTheme';

export type Axis = Partial<Layout['xaxis']>;

/** A themed axis with a title. */
export function axis(theme: PlotTheme, title: string, extra: Axis = {}): Axis {
  return { ...themedAxis(theme), title: { text: title }, ...extra };
}

/** The layout builders of one view, whose figures all have the same margins. */
export interface FigureLayouts {
  /** Theme, title, legend and a `uirevision` that keeps the user's zoom per panel and figure. */
  baseLayout: (key: string, theme: PlotTheme, figure: string, title: string) => Partial<Layout>;
  /** A figure without data (its section is hidden then). */
  emptyFigure: (key: string, theme: PlotTheme, figure: string) => Figure;
}

/** The layout builders of a view's figures, with the view's `margin`. */
export function figureLayouts(margin: Partial<Layout['margin']>): FigureLayouts {
  const baseLayout = (
    key: string,
    theme: PlotTheme,
    figure: string,
    title: string,
  ): Partial<Layout> => ({
    ...themedLayout(theme),
    uirevision: `${key}#${figure}`,
    title: { text: title, font: { size: theme.fontSize + 1 } },
    margin: { ...margin },
    legend: legendBelow(theme),
    hovermode: 'closest',
  });
  return {
    baseLayout,
    emptyFigure: (key, theme, figure) => ({ data: [], layout: baseLayout(key, theme, figure, '') }),
  };
}
