/**
 * State of the POLCA view and its pure reducer: the panel's identity, the view shown, what each
 * view chose (method, group, cluster, skill; spectrum source) and what each data slot holds, with
 * the progress of its running request. A slot remembers the signature of the request it was last
 * asked for, so an answer to an older request is dropped; a cancelled slot is not asked again
 * until Refresh or a changed choice. `SavedPolcaState` is what survives a reload.
 */
import { type ExportFormat, exportFormats } from '../../src/shared/protocol/panelProtocol';
import { type PolcaViewId, polcaViews } from '../../src/shared/protocol/polcaView';
import { type FigureId, figureIds } from './figureIds';
import { fitChoices } from './fit';
import { methodIds } from './methods';
import type {
  ClustersChoice,
  JobProgress,
  Loadable,
  SlotData,
  SlotId,
  SpectrumChoice,
} from './types';

export type Loads = { [S in SlotId]: Loadable<SlotData[S]> };

export interface PolcaState {
  key: string;
  title: string;
  runDir: string;
  view: PolcaViewId;
  /** Whether `view` came from the page's saved state (it then wins over the snapshot's). */
  viewRestored: boolean;
  /** Set when the handshake itself failed. */
  fatal?: string;
  loads: Loads;
  clusters: ClustersChoice;
  spectrum: SpectrumChoice;
  exportFigure: FigureId;
  exportFormat: ExportFormat;
  /** What changed since the data was computed (undefined while up to date). */
  stale?: string;
}

/** What the webview saves with `setState`. */
export interface SavedPolcaState {
  key: string;
  view: PolcaViewId;
  clusters: Omit<ClustersChoice, 'cluster'>;
  spectrum: SpectrumChoice;
  exportFormat: ExportFormat;
}

export type PolcaAction =
  | { type: 'snapshot'; key: string; title: string; runDir: string; view: PolcaViewId }
  | { type: 'fatal'; message: string }
  | { type: 'show'; view: PolcaViewId }
  | { type: 'request'; slot: SlotId; signature: string }
  | { type: 'loaded'; slot: SlotId; signature: string; data: SlotData[SlotId] }
  | { type: 'failed'; slot: SlotId; signature: string; message: string }
  | { type: 'progress'; slot: SlotId; progress: JobProgress }
  | { type: 'cancel'; slot: SlotId }
  | { type: 'reload' }
  | { type: 'changed'; detail: string }
  | { type: 'clusters'; patch: Partial<ClustersChoice> }
  | { type: 'spectrum'; patch: Partial<SpectrumChoice> }
  | { type: 'exportFigure'; figure: FigureId }
  | { type: 'exportFormat'; format: ExportFormat };

const idle = { status: 'idle' } as const;
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The state before anything arrived, optionally from a saved state (validated field by field). */
export function initialState(saved: Partial<SavedPolcaState> = {}): PolcaState {
  const view = polcaViews.find((v) => v === saved.view);
  const clusters = (saved.clusters ?? {}) as Record<string, unknown>;
  const spectrum = (saved.spectrum ?? {}) as Record<string, unknown>;
  const source = spectrum.source;
  return {
    key: text(saved.key),
    title: '',
    runDir: '',
    view: view ?? 'clusters',
    viewRestored: view !== undefined,
    loads: { polca: idle, hessian: idle },
    clusters: {
      method: methodIds.find((m) => m === clusters.method) ?? '',
      group: text(clusters.group),
      skill: /^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(text(clusters.skill)) ? text(clusters.skill) : '',
      vector: clusters.vector === 'dominant' ? 'dominant' : 'best',
    },
    spectrum: { source: source === 'hessian' || source === 'polca' ? source : 'auto' },
    exportFigure: figureIds[0],
    exportFormat: exportFormats.find((f) => f === saved.exportFormat) ?? 'png',
  };
}

/** Applies one action; never mutates `s`. */
export function reduce(s: PolcaState, a: PolcaAction): PolcaState {
  return fitChoices(apply(s, a));
}

function apply(s: PolcaState, a: PolcaAction): PolcaState {
  switch (a.type) {
    case 'snapshot': {
      const keep = s.viewRestored && s.key === a.key;
      return { ...s, key: a.key, title: a.title, runDir: a.runDir, view: keep ? s.view : a.view };
    }
    case 'fatal':
      return { ...s, fatal: a.message };
    case 'show':
      return { ...s, view: a.view };
    case 'request': {
      const prev = s.loads[a.slot];
      return slot(s, a.slot, {
        ...prev,
        requested: a.signature,
        status: 'loading',
        progress: undefined,
      });
    }
    case 'loaded':
    case 'failed':
      return answered(s, a);
    case 'progress': {
      const prev = s.loads[a.slot];
      return prev.status === 'loading' ? slot(s, a.slot, { ...prev, progress: a.progress }) : s;
    }
    case 'cancel': {
      const prev = s.loads[a.slot];
      return prev.status === 'loading'
        ? slot(s, a.slot, { ...prev, status: 'cancelled', progress: undefined })
        : s;
    }
    case 'reload':
      return { ...s, stale: undefined, loads: forgetRequests(s.loads) };
    case 'changed':
      return { ...s, stale: a.detail };
    case 'clusters':
      return { ...s, clusters: { ...s.clusters, ...a.patch } };
    case 'spectrum':
      return { ...s, spectrum: { ...s.spectrum, ...a.patch } };
    case 'exportFigure':
      return { ...s, exportFigure: a.figure };
    case 'exportFormat':
      return { ...s, exportFormat: a.format };
  }
}

function slot<S extends SlotId>(s: PolcaState, id: S, load: Loadable<SlotData[S]>): PolcaState {
  return { ...s, loads: { ...s.loads, [id]: load } };
}

/** The answer to the latest request of a slot; older answers and cancelled ones are dropped. */
function answered(
  s: PolcaState,
  a: Extract<PolcaAction, { type: 'loaded' | 'failed' }>,
): PolcaState {
  const prev = s.loads[a.slot];
  if (prev.requested !== a.signature || prev.status !== 'loading') {
    return s;
  }
  return a.type === 'loaded'
    ? slot(s, a.slot, { requested: a.signature, status: 'ready', data: a.data })
    : slot(s, a.slot, { ...prev, status: 'error', error: a.message, progress: undefined });
}

/** Every slot keeps its data but will be asked for again. */
function forgetRequests(loads: Loads): Loads {
  return {
    polca: { ...loads.polca, requested: undefined },
    hessian: { ...loads.hessian, requested: undefined },
  };
}

/** What to save with `setState`. */
export function savedState(s: PolcaState): SavedPolcaState {
  const { cluster: _cluster, ...clusters } = s.clusters;
  return {
    key: s.key,
    view: s.view,
    clusters,
    spectrum: s.spectrum,
    exportFormat: s.exportFormat,
  };
}
