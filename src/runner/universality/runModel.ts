/**
 * A run's model at its checkpoints, for the universality analyses: rebuilds the session from the
 * run's config, loads a checkpoint on demand, and reads activations at named layers on chosen
 * examples (in float64, rows are examples) and the token embedding matrix.
 */
import type { Float64Matrix } from '../../engine/analysis/cka';
import { initBackend } from '../../engine/backend';
import * as layerActivations from '../../engine/analysis/layerActivations';
import { type Session, createSession, restoreCheckpoint } from '../../engine/train/session';
import { runSplitInputs } from '../givenSplit';
import type { Dataset } from '../../engine/tasks/types';
import type { AnalysisKind } from '../../shared/analyses';
import { readCheckpoint } from '../../storage/checkpointStore';
import { checkpointFile } from '../../storage/runLayout';
import { listCheckpoints } from '../../storage/runStore';
import { type AnalysedRun, AnalysisInputError, readAnalysedRun } from '../analysisRuns';

/** The pseudo-layer naming the token embedding matrix (rows are tokens, e.g. persons). */
export const embeddingLayer = 'embedding';

/** An opened run: its session with the weights of `step` loaded (see `load`). */
export interface RunModel extends AnalysedRun {
  runDir: string;
  session: Session;
  /** Checkpoint steps, ascending. */
  steps: number[];
  /** The step whose weights are loaded. */
  step: number;
  load(step: number): void;
  dispose(): void;
}

/** Opens a run folder at its last checkpoint for an analysis (default: the universality ones). Throws `AnalysisInputError` when it cannot. */
export async function openRunModel(runDir: string, kind: AnalysisKind = 'cka'): Promise<RunModel> {
  const run = readAnalysedRun(runDir, kind);
  const steps = listCheckpoints(runDir);
  if (steps.length === 0) {
    throw new AnalysisInputError(`${runDir}: the run has no checkpoints yet`);
  }
  await initBackend('auto');
  const session = createSession(run.config, runSplitInputs(run.config, runDir));
  const model: RunModel = {
    ...run,
    runDir,
    session,
    steps,
    step: -1,
    load(step: number) {
      if (model.step !== step) {
        restoreCheckpoint(session, readCheckpoint(checkpointFile(runDir, step)));
        model.step = step;
      }
    },
    dispose: () => session.dispose(),
  };
  try {
    model.load(steps[steps.length - 1]);
  } catch (e) {
    session.dispose();
    throw new AnalysisInputError(`${runDir}: ${(e as Error).message}`);
  }
  return model;
}

/** Activations of the model's layers (each [examples, width]) on the given examples. */
export function captureLayers(
  session: Session,
  indices: Int32Array,
  layers: readonly string[],
): Map<string, Float64Matrix> {
  return layerActivations.captureLayers(session.model, session.dataset, indices, layers);
}

/** The token embedding matrix [vocab, d] of the loaded weights. */
export function embeddingRows(session: Session): Float64Matrix {
  const m = layerActivations.embeddingMatrix(session.model);
  if (m === undefined) {
    throw new AnalysisInputError('the model has no token embedding');
  }
  return m;
}

/** The rows of a matrix at `indices`, in that order. */
export function takeRows(m: Float64Matrix, indices: ArrayLike<number>): Float64Matrix {
  const data = new Float64Array(indices.length * m.cols);
  for (let i = 0; i < indices.length; i++) {
    data.set(m.data.subarray(indices[i] * m.cols, (indices[i] + 1) * m.cols), i * m.cols);
  }
  return { rows: indices.length, cols: m.cols, data };
}

/** Example indices of a split: `train`, `test` or both (`all`, sorted). */
export function splitIndices(dataset: Dataset, split: 'train' | 'test' | 'all'): Int32Array {
  if (split !== 'all') {
    return dataset[split];
  }
  const all = new Int32Array(dataset.train.length + dataset.test.length);
  all.set(dataset.train);
  all.set(dataset.test, dataset.train.length);
  return all.sort();
}
