/**
 * The embedding trajectory of a run (the worker's `analysis/embeddingTrajectory`; plain JSON, so
 * the CLI can print it too): reads a run's checkpoints, projects `embedding.weight` at every step
 * (aligned PCA, or axes fixed from the last checkpoint that suit the task: see
 * embeddingProjection.ts), and adds the task's per-token labels for colouring. Reads the run
 * folder only; writes nothing.
 */
import type { Float64Matrix } from '../../engine/analysis/cka';
import type { EmbeddingFrame } from '../../engine/analysis/embeddingTrajectory';
import { createRng } from '../../engine/rng';
import { buildDataset, describeTask } from '../../engine/tasks/registry';
import { withoutGivenSplit } from '../givenSplit';
import type {
  EmbeddingProjectionRequest,
  EmbeddingTrajectoryResult,
} from '../../shared/embeddingResults';
import type { TaskConfig } from '../../shared/experimentConfig';
import { tryRunConfigOf } from '../../shared/runConfig';
import type { RunManifest } from '../../shared/runManifest';
import { readCheckpoint } from '../../storage/checkpointStore';
import { checkpointFile } from '../../storage/runLayout';
import { listCheckpoints, readManifest, readMetrics } from '../../storage/runStore';
import { analyzeExternalEmbedding } from '../external/externalEmbedding';
import { externalFolderAt } from '../external/externalSource';
import { projectTrajectory } from './embeddingProjection';

/** Name of the token embedding in Replens checkpoints. */
export const embeddingTensor = 'embedding.weight';

/** What to project; every field has a default. */
export interface EmbeddingTrajectoryOptions {
  /**
   * Coordinates per point (2 or 3, default 2) of pca and line projections, and masks of a walsh
   * projection without explicit masks (fourier projections are always 2-D).
   */
  k?: 2 | 3;
  /** Default: the task's own projection. */
  projection?: EmbeddingProjectionRequest;
  /** An external folder's layer or weight matrix to project (default: its only or "embed" one). */
  layer?: string;
}

/**
 * The embedding trajectory of a run, or of a layer of an external folder
 * (external/externalEmbedding.ts); a run without checkpoints gives no steps. The result is
 * plain JSON (numbers, strings, arrays). Rejects with `code: 'bad-run'` (no readable run.json)
 * or `bad-projection` (a projection the task lacks, or a frequency or mask out of range).
 */
export function analyzeEmbedding(
  runDir: string,
  options: EmbeddingTrajectoryOptions = {},
): Promise<EmbeddingTrajectoryResult> {
  return Promise.resolve().then(() => {
    const external = externalFolderAt(runDir);
    return external === undefined
      ? embeddingTrajectoryOf(runDir, options.k ?? 2, options.projection)
      : analyzeExternalEmbedding(external, options);
  });
}

function embeddingTrajectoryOf(
  runDir: string,
  k: 2 | 3,
  projection: EmbeddingProjectionRequest | undefined,
): EmbeddingTrajectoryResult {
  let manifest: RunManifest;
  try {
    manifest = readManifest(runDir);
  } catch (e) {
    throw Object.assign(new Error((e as Error).message), { code: 'bad-run' });
  }
  const frames: EmbeddingFrame[] = [];
  const skipped: EmbeddingTrajectoryResult['skipped'] = [];
  for (const step of listCheckpoints(runDir)) {
    try {
      frames.push({ step, embedding: readEmbedding(checkpointFile(runDir, step)) });
    } catch (e) {
      skipped.push({ step, reason: (e as Error).message });
    }
  }
  const task = tryRunConfigOf(manifest)?.task;
  const traj = projectTrajectory(frames, task, k, projection);
  const vocab = frames[0]?.embedding.rows ?? 0;
  const steps = frames.map((f) => f.step);
  return {
    runDir,
    runId: manifest.runId,
    experiment: manifest.experiment,
    task: task === undefined ? '' : describeTask(task),
    tensor: embeddingTensor,
    k: traj.k,
    steps,
    points: traj.points.map(toRows),
    explained: traj.explained.map((e) => Array.from(e)),
    tokens: Array.from({ length: vocab }, (_, i) => i),
    labels: { ...taskLabels(task, vocab), ...traj.labels },
    metrics: metricsAt(runDir, steps),
    skipped,
    projection: traj.projection,
  };
}

function readEmbedding(file: string): Float64Matrix {
  const t = readCheckpoint(file).tensors.get(embeddingTensor);
  if (t === undefined || t.shape.length !== 2) {
    throw new Error(`${file}: no 2-D tensor "${embeddingTensor}"`);
  }
  return { rows: t.shape[0], cols: t.shape[1], data: Float64Array.from(t.data) };
}

/** The task's per-token labels (labels of another length are dropped). */
function taskLabels(task: TaskConfig | undefined, vocab: number): Record<string, number[]> {
  if (task === undefined) {
    return {};
  }
  // Token labels do not depend on the split, so any seed gives the same ones.
  const { tokenLabels } = buildDataset(withoutGivenSplit(task), createRng(0));
  const labels: Record<string, number[]> = {};
  for (const [name, values] of Object.entries(tokenLabels)) {
    if (values.length === vocab) {
      labels[name] = Array.from(values);
    }
  }
  return labels;
}

/** For each step, the last metrics line logged at or before it. */
function metricsAt(runDir: string, steps: number[]): EmbeddingTrajectoryResult['metrics'] {
  const records = readMetrics(runDir)
    .filter((r) => Number.isFinite(r.step))
    .sort((a, b) => a.step - b.step);
  let i = 0;
  return steps.map((step) => {
    while (i + 1 < records.length && records[i + 1].step <= step) {
      i++;
    }
    const r = records[i] as (typeof records)[number] | undefined;
    if (r === undefined || r.step > step) {
      return null;
    }
    return { step: r.step, trainAcc: r.trainAcc, testAcc: r.testAcc };
  });
}

function toRows(m: Float64Matrix): number[][] {
  return Array.from({ length: m.rows }, (_, i) =>
    Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)),
  );
}
