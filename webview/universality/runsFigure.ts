/** The runs view's figure, pure: CKA between the runs at one layer as a heatmap. */
import type { Figure } from '../common/figure';
import type { PlotTheme } from '../common/plotTheme';
import { estimatorNames, uniqueLabels } from './format';
import { ckaHeatmapFigure } from './heatmap';
import { emptyFigure } from './layout';
import type { UniversalityState } from './state';

/** Runs × runs CKA at the compared layer, the runs named by their distinct labels. */
export function runsHeatmapFigure(s: UniversalityState, theme: PlotTheme): Figure {
  const data = s.loads.compare.data;
  if (data === undefined || data.runs.length === 0) {
    return emptyFigure(s.key, theme, 'runsHeatmap');
  }
  const labels = uniqueLabels(data.runs);
  const { estimator } = data.settings;
  return ckaHeatmapFigure(data.matrix, theme, {
    key: s.key,
    figure: 'runsHeatmap',
    title: `${estimatorNames[estimator]} between runs at layer ${data.layer} (n = ${data.n})`,
    xTitle: 'run',
    yTitle: 'run',
    estimator,
    rowNames: labels,
    columnNames: labels,
  });
}
