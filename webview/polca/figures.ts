/**
 * The POLCA view's plotted figures by id, pure: the builder of each, and what each depends on (a
 * figure is redrawn only when one of its dependencies changed).
 */
import type { Figure } from '../common/figure';
import type { PlotTheme } from '../common/plotTheme';
import { clusterFigure } from './clusterFigure';
import type { PlotFigureId } from './figureIds';
import { scoresFigure } from './scoresFigure';
import { selectedCluster, shownGroup, shownMethod, spectrumSource } from './selectors';
import { spectrumFigure } from './spectrumFigure';
import type { PolcaState } from './state';

export const figureBuilders: Record<PlotFigureId, (s: PolcaState, theme: PlotTheme) => Figure> = {
  clusterCurves: clusterFigure,
  methodScores: scoresFigure,
  spectrum: spectrumFigure,
};

/** What a figure depends on besides the theme (compare element by element with `===`). */
export function figureDeps(s: PolcaState, id: PlotFigureId): unknown[] {
  switch (id) {
    case 'clusterCurves':
      return [s.key, shownMethod(s), shownGroup(s), selectedCluster(s)?.index];
    case 'methodScores':
      return [s.key, s.loads.polca.data];
    case 'spectrum': {
      const source = spectrumSource(s);
      return [s.key, source, source === 'polca' ? s.loads.polca.data : s.loads.hessian.data];
    }
  }
}
