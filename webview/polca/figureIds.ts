/** The figures (and the member table) of the POLCA view, by view, with their titles. Pure. */
import type { PolcaViewId } from '../../src/shared/protocol/polcaView';

export const figureIds = ['clusterCurves', 'methodScores', 'members', 'spectrum'] as const;
export type FigureId = (typeof figureIds)[number];

/** The figures drawn with Plotly (the members are a table). */
export type PlotFigureId = Exclude<FigureId, 'members'>;
export const plotFigureIds: readonly PlotFigureId[] = ['clusterCurves', 'methodScores', 'spectrum'];

/** The figures of each view, in page order. */
export const figuresOfView: Record<PolcaViewId, readonly FigureId[]> = {
  clusters: ['clusterCurves', 'methodScores', 'members'],
  spectrum: ['spectrum'],
};

/** Headings of the sections (also the names in the export figure select). */
export const figureTitles: Record<FigureId, string> = {
  clusterCurves: 'Cluster trajectories',
  methodScores: 'Agreement with the skill by method',
  members: 'Members of the selected cluster (CSV/JSON)',
  spectrum: 'Top Hessian eigenvalues over the checkpoints',
};

/** The tab labels of the views. */
export const viewLabels: Record<PolcaViewId, string> = {
  clusters: 'Clusters',
  spectrum: 'Spectrum',
};
