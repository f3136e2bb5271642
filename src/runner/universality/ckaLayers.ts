/**
 * CKA between the layers of one run at every checkpoint: the activations of every named layer on
 * the same (subsampled) examples, the layers × layers matrix with the permutation null of each
 * cell, each layer's 2-D projection for the scatter beside the heatmap, and every layer's CKA
 * against its own final state. Cached in `analyses/cka-layers-<hash>.json` once the run ended.
 */
import { type Float64Matrix, ckaMatrix, cka } from '../../engine/analysis/cka';
import { pca } from '../../engine/analysis/pca';
import type { CkaRequestOptions } from '../../shared/protocol/analysisProtocol';
import type {
  CkaLayersAtStep,
  CkaMatrix,
  CkaSettings,
  LayerPoints,
  RunCkaLayers,
} from '../../shared/universalityResults';
import { cachedAnalysis, readAnalysedRun, yieldToEvents, definedOptions } from '../analysisRuns';
import { listCheckpoints } from '../../storage/runStore';
import { type ExternalCkaExtras, analyzeExternalCkaLayers } from '../external/externalCkaLayers';
import { externalFolderAt } from '../external/externalSource';
import { exampleLabels, exampleTexts, subsample } from './examples';
import { type RunModel, captureLayers, openRunModel, splitIndices } from './runModel';

/** Bump when the result's shape or meaning changes, so cached results are recomputed. */
const resultVersion = 1;

/** Defaults of the CKA requests. */
export const ckaDefaults = {
  estimator: 'linear',
  rbfThreshold: 1,
  permutations: 0,
  maxExamples: 1000,
  split: 'test',
  seed: 0,
} as const satisfies Required<CkaRequestOptions>;

/** The settings a request resolves to. */
export function ckaSettings(options: CkaRequestOptions = {}): Required<CkaRequestOptions> {
  return { ...ckaDefaults, ...definedOptions(options) };
}

/**
 * Layers × layers CKA of a run at every checkpoint (cached once the run has ended), or of an
 * external folder at every step (external/externalCkaLayers.ts; `extras` apply to those only).
 */
export async function analyzeCkaLayers(
  runDir: string,
  options: CkaRequestOptions = {},
  onProgress?: (done: number, total: number) => void,
  extras?: ExternalCkaExtras,
): Promise<RunCkaLayers> {
  const external = externalFolderAt(runDir);
  if (external !== undefined) {
    return analyzeExternalCkaLayers(external, options, onProgress, extras);
  }
  const { manifest } = readAnalysedRun(runDir, 'cka');
  const o = ckaSettings(options);
  const key = { resultVersion, o, steps: listCheckpoints(runDir), status: manifest.status };
  return cachedAnalysis(runDir, manifest, 'cka-layers', key, async () => {
    const run = await openRunModel(runDir);
    try {
      return await computeLayers(run, o, onProgress);
    } finally {
      run.dispose();
    }
  });
}

async function computeLayers(
  run: RunModel,
  o: Required<CkaRequestOptions>,
  onProgress?: (done: number, total: number) => void,
): Promise<RunCkaLayers> {
  const { dataset, model } = run.session;
  const pool = splitIndices(dataset, o.split);
  const indices = subsample(pool, o.maxExamples, o.seed);
  const layers = [...model.layerNames];
  const settings = settingsOf(o);
  const perStep: Map<string, Float64Matrix>[] = [];
  const steps: CkaLayersAtStep[] = [];
  for (const [i, step] of run.steps.entries()) {
    run.load(step);
    const acts = captureLayers(run.session, indices, layers);
    perStep.push(acts);
    const reps = layers.map((l) => acts.get(l) as Float64Matrix);
    steps.push({
      step,
      matrix: matrixOf(layers, layers, reps, undefined, o),
      points: points(layers, reps),
    });
    onProgress?.(i + 1, run.steps.length);
    await yieldToEvents();
  }
  const last = perStep[perStep.length - 1];
  const acrossCheckpoints = layers.map((layer) => ({
    layer,
    values: perStep.map(
      (acts) =>
        cka(acts.get(layer) as Float64Matrix, last.get(layer) as Float64Matrix, {
          ...o,
          permutations: 0,
        }).value,
    ),
  }));
  return {
    runDir: run.runDir,
    runId: run.manifest.runId,
    experiment: run.manifest.experiment,
    settings,
    inputSet: { split: o.split, n: indices.length, total: pool.length },
    layers,
    steps,
    acrossCheckpoints,
    examples: exampleTexts(dataset, indices),
    labels: exampleLabels(dataset, indices),
  };
}

/** The CKA matrix of row and column representations, with the nulls when asked for. */
export function matrixOf(
  rows: string[],
  columns: string[],
  a: Float64Matrix[],
  b: Float64Matrix[] | undefined,
  o: Required<CkaRequestOptions>,
): CkaMatrix {
  const { values, nulls } = ckaMatrix(a, b, o);
  return nulls === undefined ? { rows, columns, values } : { rows, columns, values, nulls };
}

/** The first two principal components of each layer (one component for 1-wide layers). */
function points(layers: string[], reps: Float64Matrix[]): LayerPoints[] {
  return layers.map((layer, i) => {
    const k = Math.min(2, reps[i].rows, reps[i].cols);
    const r = pca(reps[i], { k });
    const col = (c: number): number[] =>
      Array.from({ length: r.projections.rows }, (_, row) =>
        c < k ? r.projections.data[row * k + c] : 0,
      );
    const ratio = (c: number): number => (c < k ? r.explainedVarianceRatio[c] : 0);
    return { layer, x: col(0), y: col(1), explained: [ratio(0), ratio(1)] };
  });
}

/** The settings record of a result. */
export function settingsOf(o: Required<CkaRequestOptions>): CkaSettings {
  return {
    estimator: o.estimator,
    rbfThreshold: o.rbfThreshold,
    permutations: o.permutations,
    seed: o.seed,
  };
}
