/**
 * The embedding trajectory of one layer (or weight matrix) of an external folder, as
 * `EmbeddingTrajectoryResult` (the embedding panel shows it unchanged): the matrix at every step,
 * aligned PCA (no task: no task-specific projection), rows.json labels (text labels numbered by
 * first appearance), and accuracies from the metrics where they were logged.
 */
import type { EmbeddingFrame } from '../../engine/analysis/embeddingTrajectory';
import type { EmbeddingTrajectoryResult } from '../../shared/embeddingResults';
import type { ExternalFolder, ExternalMetric } from '../../storage/external/externalFolder';
import { AnalysisInputError } from '../analysisRuns';
import { projectTrajectory } from '../embedding/embeddingProjection';
import type { EmbeddingTrajectoryOptions } from '../embedding/embeddingTrajectory';
import { pointLabels } from './externalCkaLayers';
import { externalIdentity, toFloat64 } from './externalSource';

/** The trajectory of `options.layer` (default: the only layer, or the one named like "embed"). */
export function analyzeExternalEmbedding(
  folder: ExternalFolder,
  options: EmbeddingTrajectoryOptions,
): EmbeddingTrajectoryResult {
  const layer = chosenLayer(folder, options.layer);
  const frames: EmbeddingFrame[] = folder.steps.map((step) => ({
    step,
    embedding: toFloat64(folder.readLayer(step, layer)),
  }));
  const traj = projectTrajectory(frames, undefined, options.k ?? 2, options.projection);
  const rows = frames[0]?.embedding.rows ?? 0;
  const labels: Record<string, number[]> = {};
  if (folder.layers(folder.steps[0]).find((l) => l.name === layer)?.shape[0] === rows) {
    for (const l of pointLabels(folder)) {
      if (l.values.length === rows) {
        labels[l.name] = l.values;
      }
    }
  }
  return {
    ...externalIdentity(folder),
    task: '',
    tensor: layer,
    k: traj.k,
    steps: folder.steps,
    points: traj.points.map((m) =>
      Array.from({ length: m.rows }, (_, i) =>
        Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)),
      ),
    ),
    explained: traj.explained.map((e) => Array.from(e)),
    tokens: Array.from({ length: rows }, (_, i) => i),
    labels: { ...labels, ...traj.labels },
    metrics: accuraciesAt(folder.metrics(), folder.steps),
    skipped: [],
    projection: traj.projection,
  };
}

/** The layer asked for, or the folder's only one, or its one named like an embedding. */
export function chosenLayer(folder: ExternalFolder, layer: string | undefined): string {
  const step = folder.steps[0];
  const names = folder.layers(step).map((l) => l.name);
  if (layer !== undefined) {
    if (!names.includes(layer)) {
      throw new AnalysisInputError(
        `${folder.fileOf(step)}: no layer "${layer}"; layers: ${names.join(', ')}`,
      );
    }
    return layer;
  }
  const embeddings = names.filter((n) => /embed/i.test(n));
  const only = names.length === 1 ? names : embeddings.length === 1 ? embeddings : [];
  if (only.length === 1) {
    return only[0];
  }
  throw new AnalysisInputError(
    `${folder.dir}: choose a layer with --layer; layers: ${names.join(', ')}`,
  );
}

const trainKeys = ['trainAcc', 'train_acc', 'train_accuracy'];
const testKeys = ['testAcc', 'test_acc', 'test_accuracy', 'eval_accuracy', 'eval_acc'];

/** For each step, the accuracies of the last record at or before it that has one. */
function accuraciesAt(
  records: ExternalMetric[],
  steps: number[],
): EmbeddingTrajectoryResult['metrics'] {
  const pick = (r: ExternalMetric, keys: string[]): number | undefined =>
    keys.map((k) => r[k]).find((v) => v !== undefined);
  const withAcc = records
    .filter((r) => pick(r, trainKeys) !== undefined || pick(r, testKeys) !== undefined)
    .sort((a, b) => a.step - b.step);
  return steps.map((step) => {
    const r = withAcc.filter((x) => x.step <= step).at(-1);
    return r === undefined
      ? null
      : { step: r.step, trainAcc: pick(r, trainKeys) ?? NaN, testAcc: pick(r, testKeys) ?? NaN };
  });
}
