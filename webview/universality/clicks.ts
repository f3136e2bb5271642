/** Clicks on heatmap cells: Plotly's click event on a drawn figure, reduced to the cell. */
import type { PlotMouseEvent } from 'plotly.js';

/** A clicked cell: its column (x) and row (y) category and the trace it belongs to. */
export interface CellClick {
  x: string;
  y: string;
  curve: number;
}

type PlotElement = HTMLElement & {
  on?: (event: 'plotly_click', cb: (e: PlotMouseEvent) => void) => void;
};

/**
 * Calls `cb` on every click on a cell of the figure drawn in `el`. Plotly adds `on` to the element
 * once it drew there, so call this after each render; the listener is added once.
 */
export function onCellClick(el: HTMLElement, cb: (cell: CellClick) => void): void {
  const plot = el as PlotElement;
  if (plot.on === undefined || el.dataset.cellClicks === 'on') {
    return;
  }
  el.dataset.cellClicks = 'on';
  plot.on('plotly_click', (e) => {
    const p = e.points[0] as PlotMouseEvent['points'][number] | undefined;
    if (p !== undefined) {
      cb({ x: String(p.x), y: String(p.y), curve: p.curveNumber });
    }
  });
}
