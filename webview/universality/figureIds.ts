/** The figures (and the one table) of the universality view, by view, with their titles. Pure. */
import type { UniversalityViewId } from '../../src/shared/protocol/universalityView';

export const figureIds = [
  'layersHeatmap',
  'layersPoints',
  'layersAcross',
  'runsHeatmap',
  'stitchingMatrix',
  'stitchingCell',
  'starvationAccuracy',
  'starvationUniversality',
  'starvationSteps',
] as const;
export type FigureId = (typeof figureIds)[number];

/** The figures of each view, in page order. */
export const figuresOfView: Record<UniversalityViewId, readonly FigureId[]> = {
  layers: ['layersHeatmap', 'layersPoints', 'layersAcross'],
  runs: ['runsHeatmap'],
  stitching: ['stitchingMatrix', 'stitchingCell'],
  starvation: ['starvationAccuracy', 'starvationUniversality', 'starvationSteps'],
};

/** Headings of the sections (also the names in the export figure select). */
export const figureTitles: Record<FigureId, string> = {
  layersHeatmap: 'CKA between the layers',
  layersPoints: 'The two layers’ examples (first two principal components)',
  layersAcross: 'Each layer against its final state',
  runsHeatmap: 'CKA between the runs',
  stitchingMatrix: 'Stitching matrix',
  stitchingCell: 'Scores of the selected cell (CSV/JSON)',
  starvationAccuracy: 'Test accuracy against width',
  starvationUniversality: 'Cross-seed similarity against width',
  starvationSteps: 'Steps to 100 % train accuracy against width',
};

/** The tab labels of the views. */
export const viewLabels: Record<UniversalityViewId, string> = {
  layers: 'Layers',
  runs: 'Runs',
  stitching: 'Stitching',
  starvation: 'Starvation',
};
