/** The checkpoint editor's figures, with their accessible names. Pure. */

export const figureIds = ['histogram', 'projection'] as const;
export type FigureId = (typeof figureIds)[number];
/** Every figure is drawn with Plotly. */
export type PlotFigureId = FigureId;

/** The figures' accessible names. */
export const figureTitles: Record<FigureId, string> = {
  histogram: 'Histogram',
  projection: 'Projection',
};
