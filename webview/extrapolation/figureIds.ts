/** The figures (and the one table) of the rule-extrapolation view, with their titles. Pure. */

/** The view's figures and its table, in page order. */
export const figureIds = ['curves', 'bars', 'samples'] as const;
export type FigureId = (typeof figureIds)[number];

/** The figures drawn with Plotly (the samples are a table). */
export const plotFigureIds = ['curves', 'bars'] as const;
export type PlotFigureId = (typeof plotFigureIds)[number];

/** Headings of the sections (also the names in the export figure select). */
export const figureTitles: Record<FigureId, string> = {
  curves: 'Loss and accuracies over training',
  bars: 'Best checkpoint: validation loss beside OOD rule-1 accuracy',
  samples: 'Sample completions (CSV/JSON)',
};
