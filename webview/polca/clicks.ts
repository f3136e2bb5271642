/**
 * Clicks on the clusters figure: a click on a curve, band or breakthrough mark, or on a legend
 * entry, selects that cluster (legend clicks then do not hide the cluster).
 */
import type { LegendClickEvent, PlotMouseEvent, PlotlyHTMLElement } from 'plotly.js';
import { clusterOfGroupName } from './clusterFigure';

type PlotElement = HTMLElement & Partial<Pick<PlotlyHTMLElement, 'on'>>;

/**
 * Calls `cb` with the cluster index of every click on the figure drawn in `el`. Plotly adds `on`
 * to the element once it drew there, so call this after each render; the listeners are added once.
 */
export function onClusterClick(el: HTMLElement, cb: (cluster: number) => void): void {
  const plot = el as PlotElement;
  if (plot.on === undefined || el.dataset.clusterClicks === 'on') {
    return;
  }
  el.dataset.clusterClicks = 'on';
  plot.on('plotly_click', (e: PlotMouseEvent) => {
    const point = e.points[0] as PlotMouseEvent['points'][number] | undefined;
    const cluster = clusterOfGroupName(point?.data.legendgroup);
    if (cluster !== undefined) {
      cb(cluster);
    }
  });
  plot.on('plotly_legendclick', (e: LegendClickEvent) => {
    const trace = e.data[e.curveNumber] as { legendgroup?: string } | undefined;
    const cluster = clusterOfGroupName(trace?.legendgroup);
    if (cluster === undefined) {
      return true;
    }
    cb(cluster);
    return false;
  });
}
