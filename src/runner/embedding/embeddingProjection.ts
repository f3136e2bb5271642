/**
 * Chooses and applies the projection of an embedding trajectory: the task decides which
 * projections exist and which is the default, the request may pick another one (and its
 * frequency or masks), and the result describes what was used (axis titles and the choices a
 * selector can offer). PCA is the aligned trajectory of engine/analysis/embeddingTrajectory.ts;
 * the others use axes fixed from the last checkpoint (engine/analysis/fixedProjection.ts).
 */
import type { Float64Matrix } from '../../engine/analysis/cka';
import {
  type EmbeddingFrame,
  embeddingTrajectory,
} from '../../engine/analysis/embeddingTrajectory';
import {
  type FixedTrajectory,
  type FourierAxes,
  type LineAxes,
  type WalshAxes,
  fourierAxes,
  lineAxes,
  projectOnAxes,
  projectOnCirclePlane,
  walshAxes,
} from '../../engine/analysis/fixedProjection';
import {
  type EmbeddingProjection,
  type EmbeddingProjectionKind,
  type EmbeddingProjectionRequest,
  type FrequencyChoice,
  type MaskChoice,
  circlePositionLabel,
} from '../../shared/embeddingResults';
import type { TaskConfig } from '../../shared/experimentConfig';

/** A trajectory in some projection, with labels the projection adds (e.g. circle positions). */
export interface ProjectedTrajectory {
  /** Coordinates per point. */
  k: number;
  /** Per checkpoint: [vocab, k] coordinates. */
  points: Float64Matrix[];
  /** Per checkpoint: share of its variance along each axis [k]. */
  explained: Float64Array[];
  projection: EmbeddingProjection;
  labels: Record<string, number[]>;
}

/**
 * The projections a task offers for an embedding of `vocab` rows: pca, plus the task's own when
 * the embedding has the task's shape (it goes first: it is the default).
 */
export function availableProjections(
  task: TaskConfig | undefined,
  vocab: number,
): EmbeddingProjectionKind[] {
  switch (task?.kind) {
    case 'modular-addition':
      return task.p >= 3 && vocab === task.p ? ['fourier', 'pca'] : ['pca'];
    case 'multi-digit-xor':
      return task.bits >= 2 && vocab === 2 ** task.bits ? ['walsh', 'pca'] : ['pca'];
    case 'remainder-equivalence':
      return vocab === task.n && task.m <= vocab ? ['line', 'pca'] : ['pca'];
    case 'formal-language':
    case 'family-tree':
    case 'addition':
    case undefined:
      return ['pca'];
  }
}

/**
 * Projects the frames as asked (default: the task's projection).
 * @param dims coordinates of pca and line, masks of a walsh projection without explicit masks.
 * @throws an Error with code `bad-projection` for a projection the task lacks or a frequency or
 * mask out of range.
 */
export function projectTrajectory(
  frames: EmbeddingFrame[],
  task: TaskConfig | undefined,
  dims: 2 | 3,
  request?: EmbeddingProjectionRequest,
): ProjectedTrajectory {
  const vocab = frames[0]?.embedding.rows ?? 0;
  const available = availableProjections(task, vocab);
  const kind = request?.kind ?? available[0];
  if (!available.includes(kind)) {
    throw badProjection(
      `this run's task has no ${kind} projection (it has ${available.join(', ')})`,
    );
  }
  if (frames.length === 0 || kind === 'pca') {
    return pcaProjection(frames, dims, available);
  }
  try {
    return fixedProjection(frames, task, dims, request, available);
  } catch (e) {
    throw e instanceof RangeError ? badProjection(e.message) : e;
  }
}

function fixedProjection(
  frames: EmbeddingFrame[],
  task: TaskConfig | undefined,
  dims: 2 | 3,
  request: EmbeddingProjectionRequest | undefined,
  available: EmbeddingProjectionKind[],
): ProjectedTrajectory {
  const last = frames[frames.length - 1].embedding;
  switch (task?.kind) {
    case 'modular-addition': {
      const k = request?.kind === 'fourier' ? request.k : undefined;
      return fourierProjection(frames, fourierAxes(last, k), last.rows, available);
    }
    case 'multi-digit-xor': {
      const masks = request?.kind === 'walsh' ? request.masks : undefined;
      return walshProjection(frames, walshAxes(last, task.bits, dims, masks), task.bits, available);
    }
    case 'remainder-equivalence':
      return lineProjection(frames, lineAxes(last, task.m, dims), task.m, available);
    case 'formal-language':
    case 'family-tree':
    case 'addition':
    case undefined:
      throw badProjection('this run has no task-specific projection');
  }
}

function fourierProjection(
  frames: EmbeddingFrame[],
  axes: FourierAxes,
  p: number,
  available: EmbeddingProjectionKind[],
): ProjectedTrajectory {
  const frequencies: FrequencyChoice[] = axes.signal.map((signal, i) => ({
    k: i + 1,
    signal,
    circle: axes.circles.includes(i + 1),
  }));
  // Final circles first (strongest first), then every other frequency in order.
  frequencies.sort((a, b) => Number(b.circle) - Number(a.circle) || circleRank(a, b));
  const titles = [`Re F_${axes.k} (final)`, `Im F_${axes.k} (final)`];
  const projection = { kind: 'fourier' as const, k: axes.k, p, frequencies };
  const result = fromFixed(projectOnCirclePlane(frames, axes.plane), {
    ...projection,
    axes: titles,
    available,
  });
  result.labels[circlePositionLabel] = Array.from({ length: p }, (_, x) => (x * axes.k) % p);
  return result;
}

function lineProjection(
  frames: EmbeddingFrame[],
  axes: LineAxes,
  m: number,
  available: EmbeddingProjectionKind[],
): ProjectedTrajectory {
  const titles = ['final line (class-mean PC 1)', 'remaining PC 1', 'remaining PC 2'];
  const projection = { kind: 'line' as const, m, order: axes.order };
  return fromFixed(projectOnAxes(frames, axes.axes), {
    ...projection,
    axes: titles.slice(0, axes.axes.rows),
    available,
  });
}

function circleRank(a: FrequencyChoice, b: FrequencyChoice): number {
  return a.circle ? b.signal - a.signal || a.k - b.k : a.k - b.k;
}

function walshProjection(
  frames: EmbeddingFrame[],
  axes: WalshAxes,
  bits: number,
  available: EmbeddingProjectionKind[],
): ProjectedTrajectory {
  const choices: MaskChoice[] = axes.signal.slice(1).map((signal, i) => ({
    mask: i + 1,
    signal,
    final: axes.finalMasks.includes(i + 1),
  }));
  // Final masks first, each group strongest first.
  choices.sort(
    (a, b) => Number(b.final) - Number(a.final) || b.signal - a.signal || a.mask - b.mask,
  );
  const projection = { kind: 'walsh' as const, masks: axes.masks, bits, choices };
  const titles = axes.masks.map((s) => `W_${s}`);
  return fromFixed(projectOnAxes(frames, axes.axes), { ...projection, axes: titles, available });
}

function pcaProjection(
  frames: EmbeddingFrame[],
  dims: 2 | 3,
  available: EmbeddingProjectionKind[],
): ProjectedTrajectory {
  const traj = embeddingTrajectory(frames, dims);
  const axes = Array.from({ length: traj.k }, (_, i) => `aligned PC ${i + 1}`);
  return {
    k: traj.k,
    points: traj.points,
    explained: traj.explained,
    projection: { kind: 'pca', axes, available },
    labels: {},
  };
}

function fromFixed(fixed: FixedTrajectory, projection: EmbeddingProjection): ProjectedTrajectory {
  return {
    k: projection.axes.length,
    points: fixed.points,
    explained: fixed.explained,
    projection,
    labels: {},
  };
}

function badProjection(message: string): Error {
  return Object.assign(new Error(message), { code: 'bad-projection' });
}
