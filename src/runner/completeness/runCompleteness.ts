/**
 * The completeness study of one run folder: reads the step-0 and the analysed checkpoint's
 * embedding (and first layer, for key frequencies), runs the engine's study and caches the result
 * in `analyses/completeness-<hash>.json` once the run has ended.
 */
import type { Float64Matrix } from '../../engine/analysis/cka';
import { studyRun, hasCompletenessStudy } from '../../engine/analysis/study/study';
import { type FirstLayer, defaultCandidateLimit } from '../../engine/analysis/study/types';
import { resolveSeeds } from '../../engine/train/seeds';
import type { RunCompleteness } from '../../shared/completenessResults';
import type { ExperimentConfig } from '../../shared/experimentConfig';
import type { RunManifest } from '../../shared/runManifest';
import type { StepMetricsRecord } from '../../shared/runResult';
import { readCheckpoint } from '../../storage/checkpointStore';
import { checkpointFile } from '../../storage/runLayout';
import { listCheckpoints, readMetrics } from '../../storage/runStore';
import {
  type AnalysedRun,
  AnalysisInputError,
  cachedAnalysis,
  readAnalysedRun,
} from '../analysisRuns';

export { AnalysisInputError };

/** Bump when the result's shape or meaning changes, so cached results are recomputed. */
const resultVersion = 1;

/** Reads a run folder and checks that its task and model have a completeness study. */
export function readStudiedRun(runDir: string): AnalysedRun {
  return readAnalysedRun(runDir, 'completeness');
}

/**
 * Analyses a run at `step` (default: its last checkpoint). Ended runs are cached: a second call
 * with the same run state and step reads the cached file.
 */
export function analyzeRunCompleteness(runDir: string, step?: number): Promise<RunCompleteness> {
  const { manifest, config } = readStudiedRun(runDir);
  const steps = listCheckpoints(runDir);
  const at = step ?? steps[steps.length - 1];
  if (at === undefined || !steps.includes(at)) {
    throw new AnalysisInputError(
      steps.length === 0
        ? `${runDir}: the run has no checkpoints yet`
        : `${runDir}: no checkpoint at step ${at}; checkpoints: ${steps.join(', ')}`,
    );
  }
  if (!steps.includes(0)) {
    throw new AnalysisInputError(`${runDir}: the step-0 checkpoint is missing`);
  }
  const key = { resultVersion, at, status: manifest.status, last: manifest.lastStep };
  return cachedAnalysis(runDir, manifest, 'completeness', key, () =>
    computeRun(runDir, manifest, config, at),
  );
}

function computeRun(
  runDir: string,
  manifest: RunManifest,
  config: ExperimentConfig,
  at: number,
): RunCompleteness {
  const task = config.task;
  if (!hasCompletenessStudy(task) || config.model.kind !== 'embed-mlp') {
    throw new AnalysisInputError(`${runDir}: no completeness study for this task`);
  }
  const initial = readWeights(checkpointFile(runDir, 0));
  const final = readWeights(checkpointFile(runDir, at));
  const model = config.model;
  const firstLayer: FirstLayer | undefined =
    final.firstLayer === undefined
      ? undefined
      : { ...final.firstLayer, combine: model.combine, activation: model.activation };
  const seeds = resolveSeeds(config);
  const study = studyRun(task, {
    e0: initial.embedding,
    eFinal: final.embedding,
    sigma: model.embedInitStd,
    firstLayer,
    candidateLimit: defaultCandidateLimit,
    sampleSeed: seeds.embedding,
  });
  return {
    runDir,
    runId: manifest.runId,
    experiment: manifest.experiment,
    task: task.kind,
    step: at,
    seeds: { embedding: seeds.embedding, mlp: seeds.mlp, data: seeds.data },
    embedDim: model.embedDim,
    frozenEmbedding: model.freezeEmbedding,
    metrics: metricsAt(readMetrics(runDir), at),
    ...study,
  };
}

interface Weights {
  embedding: Float64Matrix;
  firstLayer?: { w1: Float64Matrix; b1: Float64Array };
}

/** The embedding and the first Linear layer (stored PyTorch-style [out, in]; returned [in, out]). */
function readWeights(file: string): Weights {
  let tensors;
  try {
    tensors = readCheckpoint(file).tensors;
  } catch (e) {
    throw new AnalysisInputError((e as Error).message);
  }
  const e = tensors.get('embedding.weight');
  if (e === undefined || e.shape.length !== 2) {
    throw new AnalysisInputError(`${file}: no 2-D tensor "embedding.weight"`);
  }
  const embedding = { rows: e.shape[0], cols: e.shape[1], data: Float64Array.from(e.data) };
  const w = tensors.get('layers.0.weight');
  const b = tensors.get('layers.0.bias');
  if (w === undefined || b === undefined || w.shape.length !== 2) {
    return { embedding };
  }
  const [out, inp] = w.shape;
  const w1 = new Float64Array(inp * out);
  for (let o = 0; o < out; o++) {
    for (let i = 0; i < inp; i++) {
      w1[i * out + o] = w.data[o * inp + i];
    }
  }
  return {
    embedding,
    firstLayer: { w1: { rows: inp, cols: out, data: w1 }, b1: Float64Array.from(b.data) },
  };
}

/** The last logged metrics at or before `step`. */
export function metricsAt(
  records: readonly StepMetricsRecord[],
  step: number,
): RunCompleteness['metrics'] {
  let best: StepMetricsRecord | undefined;
  for (const r of records) {
    if (r.step <= step && (best === undefined || r.step >= best.step)) {
      best = r;
    }
  }
  return best === undefined
    ? null
    : { testLoss: best.testLoss, testAcc: best.testAcc, trainAcc: best.trainAcc };
}
