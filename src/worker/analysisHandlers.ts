/** Handlers of the analysis requests (src/shared/protocol/analysisProtocol.ts). */
import type { AnalysisRequests } from '../shared/protocol/analysisProtocol';

type Handlers = {
  [K in keyof AnalysisRequests]: (
    p: AnalysisRequests[K]['params'],
  ) => Promise<AnalysisRequests[K]['result']>;
};

export const analysisHandlers: Handlers = {};
