/**
 * Results of the universality analyses as plain JSON-safe data: CKA between the layers of a run
 * (at every checkpoint) and between runs, affine stitching between two runs with its controls,
 * and the starvation summary of a capacity sweep. The engine computes them; the CLI prints them
 * (`replens analyze cka|stitching|starvation … --json`) and the universality panel draws them.
 */

/** The CKA estimators: linear, RBF (median heuristic) and debiased linear (unbiased HSIC). */
export type CkaEstimator = 'linear' | 'rbf' | 'debiased';

export const ckaEstimators: readonly CkaEstimator[] = ['linear', 'rbf', 'debiased'];

/** The permutation null of one CKA value: rows of one side shuffled `permutations` times. */
export interface CkaNullBand {
  /** (1 + #{null ≥ observed}) / (1 + permutations). */
  pValue: number;
  mean: number;
  /** 2.5 % and 97.5 % percentiles of the null values. */
  low: number;
  high: number;
  permutations: number;
}

/** CKA between row and column representations of the same examples, with each cell's null. */
export interface CkaMatrix {
  rows: string[];
  columns: string[];
  /** values[i][j] = CKA(rows[i], columns[j]). */
  values: number[][];
  /** Present when permutations were asked for. */
  nulls?: CkaNullBand[][];
}

/** How the CKA was computed. */
export interface CkaSettings {
  estimator: CkaEstimator;
  /** τ of the RBF bandwidth σ² = τ²·median squared distance (RBF only). */
  rbfThreshold: number;
  /** Permutations of the null (0: none). */
  permutations: number;
  seed: number;
}

/** The first two principal components of one layer's activations over the analysed examples. */
export interface LayerPoints {
  layer: string;
  x: number[];
  y: number[];
  /** Fraction of the variance the two components explain. */
  explained: [number, number];
}

/** Layers × layers CKA at one checkpoint, and every layer's 2-D projection there. */
export interface CkaLayersAtStep {
  step: number;
  matrix: CkaMatrix;
  points: LayerPoints[];
}

/** Examples the activations were taken on. */
export interface CkaInputSet {
  /** Which split they come from. */
  split: 'train' | 'test' | 'all';
  /** Examples used (a seeded subsample when the split is larger than `maxExamples`). */
  n: number;
  /** Examples in the split. */
  total: number;
}

/** A colouring of the analysed examples (e.g. the pair's first relation, a person's generation). */
export interface PointLabels {
  name: string;
  /** Per example, an index into `names`. */
  values: number[];
  names: string[];
}

/** CKA between the layers of one run, at each checkpoint. */
export interface RunCkaLayers {
  runDir: string;
  runId: string;
  experiment: string;
  settings: CkaSettings;
  inputSet: CkaInputSet;
  /**
   * How the layers × layers products ran, when recorded (external folders): `native BLAS
   * (libopenblas.so.0, 2 threads)`, `wasm ×2 threads`, `block by block (tfjs wasm)`…
   */
  products?: string;
  /** Layer names, input to output. */
  layers: string[];
  /** Per checkpoint, ascending. */
  steps: CkaLayersAtStep[];
  /** Per layer: CKA of its activations at every checkpoint (as `steps`) against the last one. */
  acrossCheckpoints: { layer: string; values: number[] }[];
  /** Hover text per example (e.g. "p12 → p40"). */
  examples: string[];
  labels: PointLabels[];
}

/** A run in a comparison, with a short label (what distinguishes it: "seed 2", "width 64"). */
export interface ComparedRun {
  runDir: string;
  runId: string;
  label: string;
}

/** CKA between runs (seeds, sizes) at one layer, each run at its last checkpoint. */
export interface CkaRunsComparison {
  settings: CkaSettings;
  /** The layer compared (`embedding`: the token/person embedding matrix). */
  layer: string;
  /** Layers every run has, for a layer switch. */
  layers: string[];
  runs: ComparedRun[];
  /** Rows and columns are the runs' labels, in `runs` order. */
  matrix: CkaMatrix;
  n: number;
  skipped: { runDir: string; reason: string }[];
}

/** Held-out balanced accuracy of a stitched model, raw and normalised. */
export interface StitchScore {
  /** Balanced accuracy on the held-out examples (AAT-ES). */
  balancedAccuracy: number;
  /** (acc − chance) / (acc of the target model − chance). */
  normalized: number;
}

/** Stitching one layer of the source run into one layer of the target run. */
export interface StitchingCell {
  fromLayer: string;
  toLayer: string;
  /** Bridge trained on the target model's task loss: the AAT equivalence score. */
  task: StitchScore;
  /** Bridge fitted by least squares onto the target's own activations at `toLayer`. */
  regression: StitchScore;
  /** Controls, each a task-loss bridge: they bound what an affine map achieves on its own. */
  controls: {
    /** i.i.d. Gaussian rows of the source representation's shape and scale. */
    random: StitchScore;
    /** The source representation with its rows (persons or examples) permuted. */
    shuffled: StitchScore;
    /** Bridge fitted on examples of 80 % of the persons, scored on the others. */
    personHeldOut?: StitchScore;
  };
}

/** One direction of stitching: source layers × target layers. */
export interface StitchingDirection {
  from: ComparedRun & { balancedAccuracy: number };
  to: ComparedRun & { balancedAccuracy: number };
  cells: StitchingCell[];
}

/** Affine (ε = 0) or almost-affine stitching between two runs, in both directions. */
export interface StitchingResult {
  epsilon: number;
  /** Bridge training steps (Adam). */
  steps: number;
  /** Balanced accuracy of a constant predictor. */
  chance: number;
  forward: StitchingDirection;
  backward: StitchingDirection;
  /** Mean of the two directions' task scores at the embedding layer. */
  symmetric: number;
}

/** Mean and standard deviation over the runs (seeds) of a cell. */
export interface MeanSd {
  mean: number;
  sd: number;
  runs: number;
}

/** One capacity cell of a starvation sweep: all seeds of one parameter combination. */
export interface StarvationCell {
  /** The varied parameters other than the seed (config path → value). */
  params: Record<string, number | string>;
  /** Decoder width (first hidden layer), depth (hidden layers), embedding size, train fraction. */
  width: number;
  depth: number;
  embedDim: number;
  trainFraction: number;
  parameters: number;
  /** Test balanced accuracy at the step budget. */
  testAccuracy: MeanSd;
  /** Test balanced accuracy at each run's first evaluation with 100 % train accuracy. */
  testAccuracyAtConvergence: MeanSd;
  /** Steps to 100 % train accuracy, over the runs that got there. */
  stepsTo100: MeanSd;
  /** Runs that reached 100 % train accuracy within the budget. */
  converged: number;
  /** Mean pairwise CKA of the embeddings of different seeds (linear and debiased). */
  crossSeedCka?: { linear: MeanSd; debiased: MeanSd };
  /** Mean pairwise affine stitching score (embedding layer, both directions) between seeds. */
  crossSeedStitching?: MeanSd;
}

/** The starvation summary of a sweep. */
export interface StarvationResult {
  sweepDir: string;
  /** The fixed step budget (the runs' configured steps). */
  budget: number;
  /** Values of each capacity axis present in the sweep. */
  axes: { width: number[]; depth: number[]; embedDim: number[]; trainFraction: number[] };
  cells: StarvationCell[];
  skipped: { runDir: string; reason: string }[];
}
