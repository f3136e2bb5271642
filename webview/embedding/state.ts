/**
 * State of the embedding view and its pure reducer: which checkpoint is shown, the projection
 * asked for, the colouring, playback, and the trajectory data once it arrived. The part worth keeping across reloads
 * (`SavedEmbeddingState`) is small; data is always asked for again.
 */
import type {
  EmbeddingProjectionRequest,
  EmbeddingTrajectoryResult,
} from '../../src/shared/embeddingResults';
import type { FigureId } from './figureIds';
import { savedRequest } from './projection';

/** No colouring: every point in one colour. */
export const noColour = 'none';

/** What the webview saves with `setState` (the panel key restores the panel itself). */
export interface SavedEmbeddingState {
  key: string;
  /** Step shown (a step, not an index, so it survives new checkpoints). */
  step?: number;
  colourBy: string;
  k: 2 | 3;
  /** The projection the user picked (absent: the task's default). */
  projection?: EmbeddingProjectionRequest;
}

export interface EmbeddingState {
  key: string;
  title: string;
  k: 2 | 3;
  /** The projection asked for (undefined: the task's default); `data.projection` is the one shown. */
  projection?: EmbeddingProjectionRequest;
  /** Label name to colour by, or `noColour`. */
  colourBy: string;
  /** Index into `data.steps` of the checkpoint shown. */
  index: number;
  playing: boolean;
  status: 'loading' | 'ready' | 'error';
  error?: string;
  data?: EmbeddingTrajectoryResult;
  /** Step to select once data arrives (from a restored state). */
  wantedStep?: number;
  /** The run changed since the data was computed (new checkpoints may exist). */
  stale: boolean;
}

export type EmbeddingAction =
  | { type: 'snapshot'; key: string; title: string }
  | { type: 'loading'; k?: 2 | 3; projection?: EmbeddingProjectionRequest }
  | { type: 'loaded'; data: EmbeddingTrajectoryResult }
  | { type: 'failed'; message: string }
  | { type: 'select'; index: number }
  | { type: 'tick' }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'colourBy'; label: string }
  | { type: 'runChanged' };

/** The state before anything arrived, optionally from a saved state. */
export function initialState(saved?: Partial<SavedEmbeddingState>): EmbeddingState {
  return {
    key: saved?.key ?? '',
    title: '',
    k: saved?.k === 3 ? 3 : 2,
    projection: savedRequest(saved?.projection),
    colourBy: saved?.colourBy ?? '',
    index: 0,
    playing: false,
    status: 'loading',
    wantedStep: saved?.step,
    stale: false,
  };
}

/** Applies one action; never mutates `s`. */
export function reduce(s: EmbeddingState, a: EmbeddingAction): EmbeddingState {
  switch (a.type) {
    case 'snapshot':
      return { ...s, key: a.key, title: a.title };
    case 'loading':
      return {
        ...s,
        status: 'loading',
        k: a.k ?? s.k,
        projection: a.projection ?? s.projection,
        playing: false,
        wantedStep: currentStep(s),
      };
    case 'loaded':
      return loaded(s, a.data);
    case 'failed':
      return { ...s, status: 'error', error: a.message, playing: false };
    case 'select':
      return { ...s, index: clampIndex(s, a.index), playing: false };
    case 'tick':
      return tick(s);
    case 'play': {
      const last = stepCount(s) - 1;
      // Playing from the last checkpoint starts over.
      return last < 1 ? s : { ...s, playing: true, index: s.index >= last ? 0 : s.index };
    }
    case 'pause':
      return { ...s, playing: false };
    case 'colourBy':
      return { ...s, colourBy: a.label };
    case 'runChanged':
      return { ...s, stale: true };
  }
}

/** What to save with `setState`. */
export function savedState(s: EmbeddingState): SavedEmbeddingState {
  const saved = { key: s.key, step: currentStep(s) ?? s.wantedStep, colourBy: s.colourBy, k: s.k };
  return s.projection === undefined ? saved : { ...saved, projection: s.projection };
}

/** The step shown, if data is there. */
export function currentStep(s: EmbeddingState): number | undefined {
  return s.data?.steps[s.index];
}

/** Label names offered for colouring (`noColour` first). */
export function colourOptions(s: EmbeddingState): string[] {
  return [noColour, ...Object.keys(s.data?.labels ?? {})];
}

function loaded(s: EmbeddingState, data: EmbeddingTrajectoryResult): EmbeddingState {
  const wanted = s.wantedStep;
  // The saved step, or the last one before it if it is gone; by default the last checkpoint.
  let index = data.steps.length - 1;
  if (wanted !== undefined) {
    index = 0;
    data.steps.forEach((step, i) => (index = step <= wanted ? i : index));
  }
  const labels = Object.keys(data.labels);
  const colourBy =
    s.colourBy === noColour || labels.includes(s.colourBy) ? s.colourBy : defaultLabel(labels);
  return {
    ...s,
    data,
    k: data.k === 3 ? 3 : 2,
    index: Math.max(0, index),
    colourBy,
    status: 'ready',
    error: undefined,
    wantedStep: undefined,
    stale: false,
  };
}

/**
 * The most informative default: a residue, bit or circle-position label before the plain token
 * id.
 */
function defaultLabel(labels: string[]): string {
  return labels.find((l) => l !== 'token') ?? labels[0] ?? noColour;
}

function tick(s: EmbeddingState): EmbeddingState {
  if (!s.playing) {
    return s;
  }
  const next = s.index + 1;
  const last = stepCount(s) - 1;
  return next >= last ? { ...s, index: Math.max(0, last), playing: false } : { ...s, index: next };
}

function stepCount(s: EmbeddingState): number {
  return s.data?.steps.length ?? 0;
}

function clampIndex(s: EmbeddingState, index: number): number {
  const n = stepCount(s);
  return n === 0 ? 0 : Math.min(n - 1, Math.max(0, Math.round(index)));
}

/** The figures shown: both once data arrived. */
export function visibleFigures(s: EmbeddingState): FigureId[] {
  return s.data === undefined ? [] : ['plot', 'explained'];
}
