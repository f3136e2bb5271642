/** Handlers of the analysis requests (src/shared/protocol/analysisProtocol.ts). */
import { isNumpyFile, summarizeArrayFile } from '../runner/checkpoint/arraySummary';
import { summarizeCheckpoint } from '../runner/checkpoint/checkpointSummary';
import { analyzeEmbedding } from '../runner/embedding/embeddingTrajectory';
import { initialCompleteness } from '../runner/completeness/initialCompleteness';
import { analyzeCompleteness } from '../runner/completeness/sourceCompleteness';
import { compareExtrapolation } from '../runner/extrapolation/compareExtrapolation';
import { analyzeHessian } from '../runner/polca/hessian';
import { analyzePolca } from '../runner/polca/polca';
import { analyzeCkaLayers } from '../runner/universality/ckaLayers';
import { analyzeCkaRuns } from '../runner/universality/ckaRuns';
import { listRuns } from '../runner/universality/runListing';
import { analyzeStarvation } from '../runner/universality/starvation';
import { analyzeStitching } from '../runner/universality/stitching';
import { requireValidConfig } from '../shared/parseConfig';
import type { AnalysisRequests } from '../shared/protocol/analysisProtocol';
import type { AnalysisProgress } from '../shared/protocol/workerProtocol';

type Handlers = {
  [K in keyof AnalysisRequests]: (
    p: AnalysisRequests[K]['params'],
  ) => Promise<AnalysisRequests[K]['result']>;
};

/** Reports progress of the request being served. */
export type ProgressNotifier = (p: AnalysisProgress) => void;

/** The analysis handlers; long ones report through `progress` (default: nowhere). */
export function analysisHandlers(progress: ProgressNotifier = () => undefined): Handlers {
  const counting =
    (what: string) =>
    (done: number, total: number): void =>
      progress({ done, total, what });
  return {
    'analysis/embeddingTrajectory': ({ runDir, k, projection, layer }) =>
      analyzeEmbedding(runDir, { k, projection, layer }),
    'checkpoint/summary': ({ file }) =>
      isNumpyFile(file) ? summarizeArrayFile(file) : summarizeCheckpoint(file),
    'analysis/completeness': ({ source, step, external }) =>
      analyzeCompleteness(source, step, { task: 'modular-addition', ...external }),
    'analysis/initialCompleteness': ({ configPath, configText }) =>
      Promise.resolve().then(() => initialCompleteness(requireValidConfig(configText, configPath))),
    'analysis/extrapolation': ({ sources }) => compareExtrapolation(sources),
    'analysis/runs': ({ sources }) => Promise.resolve().then(() => listRuns(sources)),
    'analysis/ckaLayers': ({ runDir, options }) =>
      analyzeCkaLayers(runDir, options, counting('checkpoints')),
    'analysis/ckaRuns': ({ sources, layer, options }) => analyzeCkaRuns(sources, layer, options),
    'analysis/stitching': ({ from, to, options }) =>
      analyzeStitching(from, to, options, counting('layer pairs')),
    'analysis/starvation': ({ source, options }) =>
      analyzeStarvation(source, options, counting('cells')),
    'analysis/hessian': ({ runDir, options }) =>
      analyzeHessian(runDir, options, counting('checkpoints')),
    'analysis/polca': ({ runDir, options }) =>
      analyzePolca(runDir, options, (done, total, what) => progress({ done, total, what })),
  };
}
