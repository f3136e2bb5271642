/**
 * A thin wrapper over Plotly (the strict bundle, loaded as its own script before the view's
 * bundle and found on `window.Plotly`): full updates with `Plotly.react` (keep a stable
 * `layout.uirevision` so the user's zoom survives), streaming with `Plotly.extendTraces`, and
 * images with `Plotly.toImage`. Calls are queued so an extension never overtakes a redraw.
 */
import type * as Plotly from 'plotly.js';
import type { Figure, TraceExtension } from './figure';

export type { Figure, TraceExtension } from './figure';

/** Plotly options for every figure: no logo, no built-in download (it cannot save from a webview). */
export const plotConfig: Partial<Plotly.Config> = {
  displaylogo: false,
  responsive: true,
  modeBarButtonsToRemove: ['toImage'],
};

function plotly(): typeof Plotly {
  const lib = (window as { Plotly?: typeof Plotly }).Plotly;
  if (lib === undefined) {
    throw new Error('the Plotly bundle is not loaded');
  }
  return lib;
}

/** One Plotly figure in an element. */
export class PlotView {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly element: HTMLElement,
    private readonly onError: (e: unknown) => void = (e) => console.error(e),
  ) {}

  /** Draws the whole figure (Plotly diffs it against what is shown). */
  render(figure: Figure): Promise<void> {
    return this.enqueue(() => plotly().react(this.element, figure.data, figure.layout, plotConfig));
  }

  /** Appends points to existing traces. */
  extend(ext: TraceExtension): Promise<void> {
    if (ext.traces.length === 0) {
      return this.queue.then(() => undefined);
    }
    return this.enqueue(() =>
      plotly().extendTraces(this.element, { x: ext.x, y: ext.y }, ext.traces),
    );
  }

  /** The figure as an image data URL (`data:image/png;base64,…` or `data:image/svg+xml,…`). */
  toImage(format: 'png' | 'svg'): Promise<string> {
    const width = Math.max(this.element.clientWidth, 640);
    const height = Math.max(this.element.clientHeight, 480);
    return this.queue.then(() =>
      plotly().toImage(this.element, { format, width, height, scale: format === 'png' ? 2 : 1 }),
    );
  }

  private enqueue(step: () => Promise<unknown>): Promise<void> {
    const next = this.queue.then(step).then(
      () => undefined,
      (e: unknown) => this.onError(e),
    );
    this.queue = next;
    return next;
  }
}
