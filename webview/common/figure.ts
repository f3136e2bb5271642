/**
 * The shapes pure figure builders return and `plot.ts` draws. Types only, free of DOM types, so
 * figure builders that use them are type-checked and unit-tested in plain Node.
 */
import type { Layout, PlotData } from 'plotly.js';

/** Traces and layout of one figure. */
export interface Figure {
  data: Partial<PlotData>[];
  layout: Partial<Layout>;
}

/** New points for some traces: `x[i]`/`y[i]` are appended to trace `traces[i]`. */
export interface TraceExtension {
  traces: number[];
  x: number[][];
  y: number[][];
}
