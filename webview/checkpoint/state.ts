/**
 * State of the checkpoint editor and its pure reducer: the file's summary once it arrived (or
 * why it could not be read) and the selected tensor. Only the selection is worth saving.
 */
import type { CheckpointSummary, TensorSummary } from '../../src/shared/embeddingResults';
import type { FigureId } from './figureIds';

/** What the webview saves with `setState`. */
export interface SavedCheckpointState {
  key: string;
  selected?: string;
}

export interface CheckpointState {
  key: string;
  file: string;
  fileName: string;
  status: 'loading' | 'ready' | 'error';
  error?: string;
  summary?: CheckpointSummary;
  /** Name of the tensor whose histogram is shown. */
  selected?: string;
}

export type CheckpointAction =
  | { type: 'snapshot'; key: string; file: string; fileName: string }
  | { type: 'loaded'; summary: CheckpointSummary }
  | { type: 'failed'; message: string }
  | { type: 'select'; name: string };

export function initialState(saved?: Partial<SavedCheckpointState>): CheckpointState {
  return {
    key: saved?.key ?? '',
    file: '',
    fileName: '',
    status: 'loading',
    selected: saved?.selected,
  };
}

/** Applies one action; never mutates `s`. */
export function reduce(s: CheckpointState, a: CheckpointAction): CheckpointState {
  switch (a.type) {
    case 'snapshot':
      return { ...s, key: a.key, file: a.file, fileName: a.fileName };
    case 'loaded':
      return {
        ...s,
        status: 'ready',
        error: undefined,
        summary: a.summary,
        selected: defaultSelection(a.summary, s.selected),
      };
    case 'failed':
      return { ...s, status: 'error', error: a.message, summary: undefined };
    case 'select':
      return s.summary?.tensors.some((t) => t.name === a.name) === true
        ? { ...s, selected: a.name }
        : s;
  }
}

export function savedState(s: CheckpointState): SavedCheckpointState {
  return { key: s.key, selected: s.selected };
}

/** The selected tensor's summary, if any. */
export function selectedTensor(s: CheckpointState): TensorSummary | undefined {
  return s.summary?.tensors.find((t) => t.name === s.selected);
}

/**
 * The kept selection if it still exists, else the projected embedding, else the first tensor
 * with values.
 */
function defaultSelection(summary: CheckpointSummary, kept?: string): string | undefined {
  const names = summary.tensors.map((t) => t.name);
  if (kept !== undefined && names.includes(kept)) {
    return kept;
  }
  const embedding = summary.projection?.tensor;
  if (embedding !== undefined) {
    return embedding;
  }
  return (summary.tensors.find((t) => t.stats.count > 0) ?? summary.tensors[0])?.name;
}

/** The figures shown: the histogram once the file was read, the projection when it has one. */
export function visibleFigures(s: CheckpointState): FigureId[] {
  if (s.summary === undefined) {
    return [];
  }
  return s.summary.projection === undefined ? ['histogram'] : ['histogram', 'projection'];
}
