/** What each view of the universality panel chooses, and what each data slot holds. Types only. */
import type { UniversalityRuns } from '../../src/shared/protocol/universalityView';
import type {
  CkaEstimator,
  CkaRunsComparison,
  RunCkaLayers,
  StarvationResult,
  StitchingResult,
} from '../../src/shared/universalityResults';

/** The data slots: the run listing and one per view. */
export type SlotId = 'runs' | 'layers' | 'compare' | 'stitching' | 'starvation';

export interface SlotData {
  runs: UniversalityRuns;
  layers: RunCkaLayers;
  compare: CkaRunsComparison;
  stitching: StitchingResult;
  starvation: StarvationResult;
}

/** A cell of the layers heatmap: a row and a column layer. */
export interface LayerCell {
  row: string;
  column: string;
}

export interface LayersChoice {
  /** `runDir` of the analysed run ('' until the run listing arrived). */
  run: string;
  estimator: CkaEstimator;
  permutations: number;
  /** The checkpoint shown (undefined: the last one). */
  step?: number;
  /** The clicked cell whose two layers' points are drawn. */
  cell?: LayerCell;
  /** The example labelling that colours the points ('' : the first one). */
  label: string;
}

export interface CompareChoice {
  /** The layer compared ('': the worker's default, the embedding). */
  layer: string;
  estimator: CkaEstimator;
  permutations: number;
}

/** Which stitching score the matrix shows. */
export type ScoreKind = 'normalized' | 'balancedAccuracy';

export type StitchDirectionId = 'forward' | 'backward';

/** A cell of a stitching matrix. */
export interface StitchCellRef {
  direction: StitchDirectionId;
  fromLayer: string;
  toLayer: string;
}

export interface StitchingChoice {
  /** `runDir` of the source and target runs. */
  from: string;
  to: string;
  score: ScoreKind;
  /** The cell whose scores the table lists (undefined: the first forward cell). */
  cell?: StitchCellRef;
}

export interface StarvationChoice {
  /** The sweep folder ('' until the run listing arrived). */
  source: string;
  /** The embedding size and train fraction shown (undefined: the first of the sweep). */
  embedDim?: number;
  trainFraction?: number;
}
