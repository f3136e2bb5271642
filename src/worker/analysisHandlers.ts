/** Handlers of the analysis requests (src/shared/protocol/analysisProtocol.ts). */
import type { AnalysisRequests } from '../shared/protocol/analysisProtocol';
import { summarizeCheckpoint } from './checkpointSummary';
import { computeEmbeddingTrajectory } from './embeddingTrajectoryJob';

type Handlers = {
  [K in keyof AnalysisRequests]: (
    p: AnalysisRequests[K]['params'],
  ) => Promise<AnalysisRequests[K]['result']>;
};

export const analysisHandlers: Handlers = {
  'analysis/embeddingTrajectory': ({ runDir, k }) =>
    Promise.resolve().then(() => computeEmbeddingTrajectory(runDir, k ?? 2)),
  'checkpoint/summary': ({ file }) => summarizeCheckpoint(file),
};
