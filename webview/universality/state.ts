/**
 * State of the universality view and its pure reducer: the panel's identity, the view shown, what
 * each view chose (run, estimator, permutations, checkpoint, cell, …) and what each data slot
 * holds. A slot remembers the signature of the request it was last asked for, so changing a
 * choice that changes a request (e.g. the estimator) makes it wanted again (see requests.ts), and
 * an answer to an older request is dropped. `SavedUniversalityState` is what survives a reload;
 * data is always asked for again.
 */
import { type ExportFormat, exportFormats } from '../../src/shared/protocol/panelProtocol';
import {
  type UniversalityViewId,
  universalityViews,
} from '../../src/shared/protocol/universalityView';
import { defaultPermutations, estimatorOr, permutationsOr } from './choices';
import { type FigureId, figureIds } from './figureIds';
import { fitChoices } from './fit';
import type {
  CompareChoice,
  LayersChoice,
  SlotData,
  SlotId,
  StarvationChoice,
  StitchingChoice,
} from './types';

export { defaultPermutations, estimatorOr, permutationsOr } from './choices';
export type { FigureId } from './figureIds';
export type * from './types';

/** A slot's data and where its latest request stands. */
export interface Loadable<T> {
  /** Signature of the latest request (undefined: never asked, or asked again on Refresh). */
  requested?: string;
  status: 'idle' | 'loading' | 'ready' | 'error';
  data?: T;
  error?: string;
}

export type Loads = { [S in SlotId]: Loadable<SlotData[S]> };

export interface UniversalityState {
  key: string;
  title: string;
  sources: string[];
  view: UniversalityViewId;
  /** Whether `view` came from the page's saved state (it then wins over the snapshot's). */
  viewRestored: boolean;
  /** Set when the handshake itself failed. */
  fatal?: string;
  loads: Loads;
  layers: LayersChoice;
  compare: CompareChoice;
  stitching: StitchingChoice;
  starvation: StarvationChoice;
  exportFigure: FigureId;
  exportFormat: ExportFormat;
  /** What changed since the data was computed (undefined while up to date). */
  stale?: string;
}

/** What the webview saves with `setState`. */
export interface SavedUniversalityState {
  key: string;
  view: UniversalityViewId;
  layers: Omit<LayersChoice, 'cell' | 'step'>;
  compare: CompareChoice;
  stitching: Omit<StitchingChoice, 'cell'>;
  starvation: StarvationChoice;
  exportFormat: ExportFormat;
}

export type UniversalityAction =
  | { type: 'snapshot'; key: string; title: string; sources: string[]; view: UniversalityViewId }
  | { type: 'fatal'; message: string }
  | { type: 'show'; view: UniversalityViewId }
  | { type: 'request'; slot: SlotId; signature: string }
  | { type: 'loaded'; slot: SlotId; signature: string; data: SlotData[SlotId] }
  | { type: 'failed'; slot: SlotId; signature: string; message: string }
  | { type: 'reload' }
  | { type: 'changed'; detail: string }
  | { type: 'layers'; patch: Partial<LayersChoice> }
  | { type: 'compare'; patch: Partial<CompareChoice> }
  | { type: 'stitching'; patch: Partial<StitchingChoice> }
  | { type: 'starvation'; patch: Partial<StarvationChoice> }
  | { type: 'exportFigure'; figure: FigureId }
  | { type: 'exportFormat'; format: ExportFormat };

const idle = { status: 'idle' } as const;

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const numberOr = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** The state before anything arrived, optionally from a saved state (validated field by field). */
export function initialState(saved: Partial<SavedUniversalityState> = {}): UniversalityState {
  const view = universalityViews.find((v) => v === saved.view);
  const {
    layers = {},
    compare = {},
    stitching = {},
    starvation = {},
  } = saved as {
    [K in 'layers' | 'compare' | 'stitching' | 'starvation']?: Record<string, unknown>;
  };
  return {
    key: text(saved.key),
    title: '',
    sources: [],
    view: view ?? 'layers',
    viewRestored: view !== undefined,
    loads: { runs: idle, layers: idle, compare: idle, stitching: idle, starvation: idle },
    layers: {
      run: text(layers.run),
      estimator: estimatorOr(layers.estimator, 'linear'),
      permutations: permutationsOr(layers.permutations, defaultPermutations),
      label: text(layers.label),
    },
    compare: {
      layer: text(compare.layer),
      estimator: estimatorOr(compare.estimator, 'linear'),
      permutations: permutationsOr(compare.permutations, defaultPermutations),
    },
    stitching: {
      from: text(stitching.from),
      to: text(stitching.to),
      score: stitching.score === 'balancedAccuracy' ? 'balancedAccuracy' : 'normalized',
    },
    starvation: {
      source: text(starvation.source),
      embedDim: numberOr(starvation.embedDim),
      trainFraction: numberOr(starvation.trainFraction),
    },
    exportFigure: figureIds[0],
    exportFormat: exportFormats.find((f) => f === saved.exportFormat) ?? 'png',
  };
}

/** Applies one action; never mutates `s`. */
export function reduce(s: UniversalityState, a: UniversalityAction): UniversalityState {
  return fitChoices(apply(s, a));
}

function apply(s: UniversalityState, a: UniversalityAction): UniversalityState {
  switch (a.type) {
    case 'snapshot': {
      const keep = s.viewRestored && s.key === a.key;
      return { ...s, key: a.key, title: a.title, sources: a.sources, view: keep ? s.view : a.view };
    }
    case 'fatal':
      return { ...s, fatal: a.message };
    case 'show':
      return { ...s, view: a.view };
    case 'request':
      return slot(s, a.slot, { ...s.loads[a.slot], requested: a.signature, status: 'loading' });
    case 'loaded':
    case 'failed':
      return answered(s, a);
    case 'reload':
      return { ...s, stale: undefined, loads: forgetRequests(s.loads) };
    case 'changed':
      return { ...s, stale: a.detail };
    case 'layers':
      return { ...s, layers: { ...s.layers, ...a.patch } };
    case 'compare':
      return { ...s, compare: { ...s.compare, ...a.patch } };
    case 'stitching':
      return { ...s, stitching: { ...s.stitching, ...a.patch } };
    case 'starvation':
      return { ...s, starvation: { ...s.starvation, ...a.patch } };
    case 'exportFigure':
      return { ...s, exportFigure: a.figure };
    case 'exportFormat':
      return { ...s, exportFormat: a.format };
  }
}

function slot<S extends SlotId>(
  s: UniversalityState,
  id: S,
  load: Loadable<SlotData[S]>,
): UniversalityState {
  return { ...s, loads: { ...s.loads, [id]: load } };
}

/** The answer to a request, unless a newer request of the slot superseded it. */
function answered(
  s: UniversalityState,
  a: Extract<UniversalityAction, { type: 'loaded' | 'failed' }>,
): UniversalityState {
  const prev = s.loads[a.slot];
  if (prev.requested !== a.signature) {
    return s;
  }
  return a.type === 'loaded'
    ? slot(s, a.slot, { requested: a.signature, status: 'ready', data: a.data })
    : slot(s, a.slot, { ...prev, status: 'error', error: a.message });
}

/** Every slot keeps its data but will be asked for again. */
function forgetRequests(loads: Loads): Loads {
  const out = { ...loads };
  for (const id of Object.keys(out) as SlotId[]) {
    out[id] = { ...out[id], requested: undefined } as never;
  }
  return out;
}

/** What to save with `setState`. */
export function savedState(s: UniversalityState): SavedUniversalityState {
  const { cell: _cell, step: _step, ...layers } = s.layers;
  const { cell: _stitchCell, ...stitching } = s.stitching;
  return {
    key: s.key,
    view: s.view,
    layers,
    compare: s.compare,
    stitching,
    starvation: s.starvation,
    exportFormat: s.exportFormat,
  };
}
