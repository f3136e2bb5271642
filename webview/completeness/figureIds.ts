/** The figures of the completeness view, in page order, with their titles. Pure. */

/** The view's figures, in page order. */
export const figureIds = ['histogram', 'survival', 'dimension', 'perturbation', 'details'] as const;
export type FigureId = (typeof figureIds)[number];

/** Headings of the figures' sections (also the names in the export figure select). */
export const figureTitles: Record<FigureId, string> = {
  histogram: 'Completeness histogram',
  survival: 'Survival vs initial signal',
  dimension: 'Embedding dimension sweep',
  perturbation: 'Perturbation sweep',
  details: 'Run details',
};
