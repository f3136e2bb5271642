/**
 * The clustering layer of the loss-change analysis: trajectories in (./trajectories.ts),
 * HDBSCAN on them (./hdbscan.ts), agreement between clusterings (./metrics.ts) and per-cluster
 * summaries (./summaries.ts). Pure float64 TypeScript, no tfjs.
 */
export * from './trajectories';
export * from './hdbscan';
export * from './metrics';
export * from './summaries';
