/** Inputs and outputs shared by the per-task completeness studies. */
import type {
  CandidateScores,
  ModularAdditionDetails,
  RemainderDetails,
  XorDetails,
} from '../../../shared/completenessResults';
import type { Float64Matrix } from '../cka';

/** The first hidden layer of an embed-mlp, as the engine holds it (W1 is [in, out]). */
export interface FirstLayer {
  w1: Float64Matrix;
  b1: Float64Array;
  combine: 'concat' | 'sum';
  activation: 'relu' | 'silu' | 'gelu';
}

/** What a task's study needs: the initial and the analysed embedding. */
export interface StudyInput {
  e0: Float64Matrix;
  eFinal: Float64Matrix;
  /** σ of the N(0, σ²) embedding init (standardizes the template scores). */
  sigma: number;
  firstLayer?: FirstLayer;
  /** Most candidates scored before switching to a seeded sample (which keeps the chosen one). */
  candidateLimit: number;
  /** Seed of that sample. */
  sampleSeed: number;
}

/** A task's candidates, which of them the analysed embedding chose, and the task's details. */
export interface TaskStudy {
  candidates: CandidateScores;
  chosen: number[];
  modularAddition?: ModularAdditionDetails;
  xor?: XorDetails;
  remainder?: RemainderDetails;
}

/** Candidates of an initial embedding alone (no analysed embedding, nothing chosen). */
export interface InitialStudy {
  candidates: CandidateScores;
  modularAddition?: Pick<ModularAdditionDetails, 'p' | 'initialSignal' | 'initialCircularity'>;
  xor?: Pick<XorDetails, 'bits' | 'initialSignal'>;
  remainder?: { m: number };
}

/** Default candidate limit: a 5 000-candidate sample pins a percentile to about ±0.007. */
export const defaultCandidateLimit = 5000;
