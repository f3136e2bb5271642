/**
 * The universality view's plotted figures by id, pure: the builder of each, and what each depends
 * on (a figure is redrawn only when one of its dependencies changed).
 */
import type { Figure } from '../common/figure';
import type { PlotTheme } from '../common/plotTheme';
import type { FigureId } from './figureIds';
import { acrossFigure, layersHeatmapFigure, pointsFigure } from './layersFigures';
import { runsHeatmapFigure } from './runsFigure';
import { labelIndex, selectedStitchCell, stepIndex } from './selectors';
import { accuracyFigure, stepsFigure, universalityFigure } from './starvation';
import type { UniversalityState } from './state';
import { stitchingFigure } from './stitching';

/** The figures drawn with Plotly (the stitching cell is a table). */
export type PlotFigureId = Exclude<FigureId, 'stitchingCell'>;

export const plotFigureIds: readonly PlotFigureId[] = [
  'layersHeatmap',
  'layersPoints',
  'layersAcross',
  'runsHeatmap',
  'stitchingMatrix',
  'starvationAccuracy',
  'starvationUniversality',
  'starvationSteps',
];

export const figureBuilders: Record<
  PlotFigureId,
  (s: UniversalityState, theme: PlotTheme) => Figure
> = {
  layersHeatmap: layersHeatmapFigure,
  layersPoints: pointsFigure,
  layersAcross: acrossFigure,
  runsHeatmap: runsHeatmapFigure,
  stitchingMatrix: stitchingFigure,
  starvationAccuracy: accuracyFigure,
  starvationUniversality: universalityFigure,
  starvationSteps: stepsFigure,
};

/** What a figure depends on besides the theme (compare element by element with `===`). */
export function figureDeps(s: UniversalityState, id: PlotFigureId): unknown[] {
  switch (id) {
    case 'layersHeatmap':
      return [s.key, s.loads.layers.data, stepIndex(s), s.layers.cell];
    case 'layersAcross':
      return [s.key, s.loads.layers.data, stepIndex(s)];
    case 'layersPoints':
      return [s.key, s.loads.layers.data, stepIndex(s), s.layers.cell, labelIndex(s)];
    case 'runsHeatmap':
      return [s.key, s.loads.compare.data];
    case 'stitchingMatrix': {
      const ref = selectedStitchCell(s)?.ref;
      return [
        s.key,
        s.loads.stitching.data,
        s.stitching.score,
        ref?.direction,
        ref?.fromLayer,
        ref?.toLayer,
      ];
    }
    case 'starvationAccuracy':
    case 'starvationUniversality':
    case 'starvationSteps':
      return [s.key, s.loads.starvation.data, s.starvation.embedDim, s.starvation.trainFraction];
  }
}
