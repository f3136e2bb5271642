/**
 * Keeps the POLCA view's choices consistent with its data after every action: a method and group
 * the result has (POLCA and its best-separated group by default), a cluster the group has, and
 * an export figure and format the current view offers. Pure.
 */
import { fitExport } from '../common/viewChoices';
import { figuresOfView } from './figureIds';
import { formatsOf, selectedCluster, shownGroup, shownMethod, visibleFigures } from './selectors';
import type { PolcaState } from './state';
import type { ClustersChoice } from './types';

function fitClusters(s: PolcaState): ClustersChoice {
  const c = s.clusters;
  if (s.loads.polca.data === undefined) {
    return c;
  }
  const method = shownMethod(s)?.method ?? c.method;
  const group = shownGroup(s)?.token ?? c.group;
  const fitted = { ...s, clusters: { ...c, method, group } };
  const cluster = selectedCluster(fitted)?.index;
  return { ...c, method, group, cluster };
}

/** The export figure and format: a figure the view shows (else its first), a format it has. */
function fitViewExport(s: PolcaState): PolcaState {
  return fitExport(s, visibleFigures(s), figuresOfView[s.view][0], formatsOf);
}

/** The state with every choice fitted to the data. */
export function fitChoices(s: PolcaState): PolcaState {
  return fitViewExport({ ...s, clusters: fitClusters(s) });
}
