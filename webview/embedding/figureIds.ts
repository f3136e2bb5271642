/** The embedding view's figures (the projection and the explained variance), with their names. Pure. */

export const figureIds = ['plot', 'explained'] as const;
export type FigureId = (typeof figureIds)[number];

/** The figures' accessible names (the explained variance's depends on the projection). */
export const figureTitles: Record<FigureId, string> = {
  plot: 'Embedding projection',
  explained: 'Explained variance of each principal component over the steps',
};
