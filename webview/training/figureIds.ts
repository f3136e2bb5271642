/** The training view's one figure (loss and accuracy over steps), with its title. Pure. */

export const figureIds = ['plot'] as const;
export type FigureId = (typeof figureIds)[number];

/** The figure's accessible name. */
export const figureTitles: Record<FigureId, string> = {
  plot: 'Loss and accuracy over steps',
};
