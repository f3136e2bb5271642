/**
 * Analysis requests the worker serves (computations the extension host must not do itself).
 * Each analysis adds its request here and its handler in src/worker/analysisHandlers.ts.
 */

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type AnalysisRequests = {};
