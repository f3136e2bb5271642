/**
 * Results of the completeness study (initial-embedding completeness, the prediction test, survival
 * rates and the dimension sweep) as plain JSON-safe data. The engine computes them; the CLI prints
 * them (`replens analyze completeness … --json`) and the completeness panel draws them.
 */

/** Task kinds the completeness study applies to (pair-token tasks with a learned embedding). */
export type CompletenessTask = 'modular-addition' | 'multi-digit-xor' | 'remainder-equivalence';

/**
 * The candidate representations of a task and their initial completeness. Candidates are
 * frequencies k = 1..(p−1)/2 (modular addition), sets of n GF(2)-independent masks (XOR) or
 * residue orderings up to reversal (remainder equivalence).
 */
export interface CandidateScores {
  /** What a candidate is: "frequency", "mask basis" or "residue ordering". */
  kind: string;
  /** Number of candidates scored (all of them unless `sampled`). */
  count: number;
  /** True when the candidates were a seeded sample because there are too many to enumerate. */
  sampled: boolean;
  /** Human-readable label per candidate ("k=5", "{1,2,4}", "0-2-1-3"). */
  labels: string[];
  /** Completeness of each candidate in the initial (step-0) embedding, in the task's own units. */
  initial: number[];
  /** Standardized template score z = (T²/σ² − q)/√(2q) per candidate (q = templates · d). */
  z: number[];
}

/** A one-sided test of "the chosen candidates have higher initial completeness than chance". */
export interface TestResult {
  /** e.g. "mann-whitney", "binomial", "wilcoxon-signed-rank". */
  name: string;
  statistic: number;
  pValue: number;
  /** Number of observations the test used. */
  n: number;
}

/** Modular-addition details (Fourier analysis of §1.2). Arrays are indexed by k − 1. */
export interface ModularAdditionDetails {
  p: number;
  /** S_k of the step-0 embedding, k = 1..(p−1)/2. */
  initialSignal: number[];
  /** S_k of the analysed embedding. */
  finalSignal: number[];
  /** Detection threshold 2·mean_j S_j of the analysed embedding. */
  threshold: number;
  /** Circularity of each k in the initial embedding (1 = perfect circle). */
  initialCircularity: number[];
  /** Circularity of each k in the analysed embedding. */
  finalCircularity: number[];
  /** Frequencies detected as circles in the analysed embedding (S_k > 2·mean). */
  finalCircles: number[];
  /** Norm of the analysed embedding in each real Fourier basis row group k = 0..(p−1)/2. */
  fourierNorms: number[];
  /** Key frequencies of the first hidden layer's neurons (distinct winners), if computable. */
  keyFrequencies: number[];
}

/** Multi-digit XOR details (Walsh–Hadamard analysis of §1.3). Arrays are indexed by mask s. */
export interface XorDetails {
  bits: number;
  /** σ_s of the step-0 embedding for s = 0..2^n−1. */
  initialSignal: number[];
  /** σ_s of the analysed embedding. */
  finalSignal: number[];
  /** The n masks with the largest final σ_s (the final arrangement). */
  finalMasks: number[];
  /** Whether the final masks are linearly independent over GF(2). */
  independent: boolean;
  /** Share of the non-constant energy of the analysed embedding carried by the final masks. */
  energyShare: number;
}

/** Remainder-equivalence details (line completeness of §4.3). */
export interface RemainderDetails {
  m: number;
  /** Residue order along the final line (sorted by the projection on PC1 of the class means). */
  finalOrdering: number[];
  /** L(π_final) in the initial embedding. */
  initialLine: number;
  /** L(π_final) in the analysed embedding (near 1 when the clusters lie on a line). */
  finalLine: number;
}

/** The completeness analysis of one run. */
export interface RunCompleteness {
  runDir: string;
  runId: string;
  experiment: string;
  task: CompletenessTask;
  /** Step of the analysed (final) embedding. */
  step: number;
  /** Seeds the run used for each source of randomness. */
  seeds: { embedding: number; mlp: number; data: number };
  embedDim: number;
  frozenEmbedding: boolean;
  /** Test metrics at the analysed step (null when none was logged). */
  metrics: { testLoss: number; testAcc: number; trainAcc: number } | null;
  candidates: CandidateScores;
  /** Indices into `candidates` of the final representation. */
  chosen: number[];
  /**
   * Mean percentile rank (0..1, mid-rank for ties; 0.5 = chance) of the chosen candidates'
   * initial scores; null when the run formed no final representation (`chosen` is empty).
   */
  predictionPercentile: number | null;
  /** Whether a chosen candidate has the highest initial score. */
  top1: boolean;
  /**
   * Mann–Whitney test of chosen vs other candidates' initial scores (one-sided, greater); null
   * when `chosen` is empty or holds every candidate.
   */
  test: TestResult | null;
  modularAddition?: ModularAdditionDetails;
  xor?: XorDetails;
  remainder?: RemainderDetails;
}

/** The prediction test aggregated over runs (seeds). */
export interface PredictionSummary {
  /** Runs with a final representation (the others do not enter the test). */
  runs: number;
  /** Null when no run has a final representation (as are the rates below). */
  meanPercentile: number | null;
  /** Runs whose percentile is above 0.5. */
  aboveMedian: number;
  /**
   * Binomial test of `aboveMedian` against p = 0.5 (one-sided, greater; its statistic is the
   * fraction above); null without runs.
   */
  binomial: TestResult | null;
  /** Wilcoxon signed-rank test of percentile − 0.5 (one-sided, greater); null without runs. */
  wilcoxon: TestResult | null;
  top1Hits: number;
  top1Rate: number | null;
  /** Expected top-1 rate under the null: mean over runs of |chosen| / #candidates. */
  chanceTop1: number | null;
}

/** Survival rate of each frequency vs its initial signal, per fixed initial embedding. */
export interface SurvivalGroup {
  embeddingSeed: number;
  runs: number;
  /** S_k(E0), k = 1..(p−1)/2. */
  initialSignal: number[];
  /** SR(k): fraction of the group's runs in which k is a final circle. */
  survival: number[];
}

export interface SurvivalSummary {
  groups: SurvivalGroup[];
  /** Pearson correlation of SR(k) with S_k(E0), pooled over groups; null when SR is constant. */
  pearsonR: number | null;
  /** Two-sided p-value of r (t-test, n − 2 degrees of freedom); null with r. */
  pValue: number | null;
  /** Least-squares line survival ≈ slope · signal + intercept. */
  slope: number;
  intercept: number;
  points: number;
}

/** One cell of an embedding-dimension sweep. */
export interface DimensionRow {
  embedDim: number;
  frozen: boolean;
  runs: number;
  meanCircles: number;
  /** Mean over runs of the mean and of the max initial circularity over k. */
  meanCircularity: number;
  maxCircularity: number;
  meanTestAcc: number;
  meanTestLoss: number;
  /** Mean test accuracy at chosen training steps (step → accuracy), from the metrics log. */
  testAccAt: Record<string, number>;
}

/** Survival of the perturbed frequencies against the spectrum scale α. */
export interface PerturbationRow {
  alpha: number;
  frequencies: number[];
  runs: number;
  /** Fraction of runs in which each perturbed frequency is a final circle. */
  survival: number[];
}

/** The completeness analysis of a sweep (or of one run, with a single entry). */
export interface SweepCompleteness {
  task: CompletenessTask;
  runs: RunCompleteness[];
  prediction: PredictionSummary;
  /** Present for modular addition when at least one embedding seed has ≥ 2 runs. */
  survival?: SurvivalSummary;
  /** Present when the sweep varies `model.embedDim`. */
  dimension?: DimensionRow[];
  /** Present when the sweep varies `model.embedPerturbation.scale`. */
  perturbation?: PerturbationRow[];
  /** Runs that could not be analysed (unfinished, damaged) with the reason. */
  skipped: { runDir: string; reason: string }[];
  /** True while the sweep is still running or some runs are missing. */
  partial: boolean;
}

/** Completeness of an initial embedding computed from a config alone (the step-0 preview). */
export interface InitialCompleteness {
  task: CompletenessTask;
  embedDim: number;
  seed: number;
  candidates: CandidateScores;
  /** Indices of the highest-scoring candidates, best first (at most 5). */
  top: number[];
  modularAddition?: Pick<ModularAdditionDetails, 'p' | 'initialSignal' | 'initialCircularity'>;
  xor?: Pick<XorDetails, 'bits' | 'initialSignal'>;
  remainder?: { m: number };
}
