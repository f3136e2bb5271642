/** What the POLCA view chooses, and what its data slots hold. Types only. */
import type { PolcaJob } from '../../src/shared/protocol/polcaView';
import type {
  HessianCheckpoint,
  HessianResult,
  HessianSettings,
  PolcaMethod,
  PolcaResult,
} from '../../src/shared/polcaResults';

/** The data slots: one per job. */
export type SlotId = PolcaJob;

export interface SlotData {
  polca: PolcaResult;
  hessian: HessianResult;
}

export type MethodId = PolcaMethod['method'];

/** Progress of a slot's request, as the worker reported it last. */
export interface JobProgress {
  done: number;
  total: number;
  what: string;
}

/** A slot's data and where its latest request stands. */
export interface Loadable<T> {
  /** Signature of the latest request (undefined: never asked, or asked again on Refresh). */
  requested?: string;
  /** `cancelled`: the user cancelled the latest request (it is not asked again by itself). */
  status: 'idle' | 'loading' | 'ready' | 'error' | 'cancelled';
  data?: T;
  error?: string;
  progress?: JobProgress;
}

export interface ClustersChoice {
  /** The method shown ('' : POLCA when present, else the first). */
  method: MethodId | '';
  /** The output token of the group shown ('' : the group with the best POLCA ARI). */
  group: string;
  /** Index of the cluster whose members are listed. */
  cluster?: number;
  /** The skill label asked for ('' : the worker's default). */
  skill: string;
  /** Along which basis vector a group is shown: the best-agreeing or the dominant one. */
  vector: VectorChoice;
}

/** `best`: the vector whose clusters agree best with the skill; `dominant`: the one carrying
 * most of the group's loss change (chosen without the labels). */
export type VectorChoice = 'best' | 'dominant';

/** Where the spectrum comes from: the standalone Hessian, or the Hessian part of POLCA. */
export type SpectrumSource = 'hessian' | 'polca';

export interface SpectrumChoice {
  /** `auto`: POLCA's when its result is loaded, else the standalone Hessian. */
  source: SpectrumSource | 'auto';
}

/** The spectrum the view draws, from either source. */
export interface Spectrum {
  source: SpectrumSource;
  runId: string;
  settings: HessianSettings;
  checkpoints: HessianCheckpoint[];
}
