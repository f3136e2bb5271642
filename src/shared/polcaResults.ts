/**
 * Results of the Hessian and POLCA analyses as plain JSON-safe data. The engine computes them;
 * the CLI prints them (`replens analyze hessian|polca … --json`) and the POLCA panel draws them.
 */

/**
 * What the clusterer sees of a cumulative trajectory C(t): `cumulative` itself, its `increments`
 * C(t+1) − C(t) (when the loss moved), or its `zscore` (its shape, whatever its scale).
 */
export type PolcaFeatures = 'cumulative' | 'increments' | 'zscore';

/** Every feature kind, for option parsing and messages. */
export const polcaFeatures: readonly PolcaFeatures[] = ['cumulative', 'increments', 'zscore'];

/** What Lanczos found at one checkpoint. */
export interface HessianCheckpoint {
  step: number;
  /** Top eigenvalues, largest first (of Π H Π for the POLCA basis: the new directions only). */
  eigenvalues: number[];
  /** Residual norms |H y − θ y| of their Ritz vectors (convergence). */
  residuals: number[];
  /** Hessian-vector products spent. */
  hvps: number;
  /** Vectors appended to the POLCA basis (POLCA only). */
  added?: number;
}

/** How the Hessians were taken. */
export interface HessianSettings {
  /** Double backprop, or central differences of gradients for models that refuse it. */
  method: 'exact' | 'finite-difference';
  /** Training sequences (or examples) the Hessian loss averages over. */
  examples: number;
  /** Eigenpairs per checkpoint and Lanczos steps. */
  k: number;
  iterations: number;
}

/** The top Hessian eigenvalues of a run over its checkpoints. */
export interface HessianResult {
  runDir: string;
  runId: string;
  experiment: string;
  settings: HessianSettings;
  checkpoints: HessianCheckpoint[];
}

/** An analysed token of a cluster, for the member list. */
export interface PolcaMember {
  /** The whole sequence as text, e.g. "123+877=0001". */
  text: string;
  /** Position of the token in the sequence (0-based, counting every token shown). */
  position: number;
  /** The target token. */
  target: string;
  /** Skill labels of the token (carryIn, cascadingCarry, leadingOne, …). */
  labels: Record<string, number>;
}

/** One cluster of trajectories. */
export interface PolcaCluster {
  size: number;
  /** Mean and standard deviation of the members' trajectories, at `times`. */
  mean: number[];
  sd: number[];
  /** Time (training step) of the largest jump of the mean, or null. */
  breakthrough: number | null;
  /** Fraction of members with the skill. */
  skillFraction: number;
  /** Up to 40 members. */
  members: PolcaMember[];
}

/** The clusters of one group along one trajectory family. */
export interface PolcaGroupClustering {
  /** Basis vector of the trajectories (−1: the raw loss). */
  family: number;
  ari: number;
  nmi: number;
  outlierFraction: number;
  clusters: PolcaCluster[];
}

/**
 * The clustering of one output-token group by one method, along the basis vector whose
 * clusters agree best with the skill, and (not for the baseline) along the dominant one.
 */
export interface PolcaGroup extends PolcaGroupClustering {
  /** The output token, e.g. "7". */
  token: string;
  size: number;
  /** Fraction of the group's tokens with the skill. */
  skillFraction: number;
  /** Along the basis vector carrying most of the group's loss change (chosen without labels). */
  dominant?: PolcaGroupClustering;
}

/** One method: POLCA, the loss-only baseline, or a control basis. */
export interface PolcaMethod {
  method: 'polca' | 'lossBaseline' | 'randomBasis' | 'singleCheckpoint';
  /** Size-weighted mean over the groups of the best agreement with the skill. */
  ari: number;
  nmi: number;
  /** The same for each group's dominant basis vector. */
  ariDominant: number;
  nmiDominant: number;
  /** Basis vectors (not for the baseline). */
  basisSize?: number;
  /** ‖Δℓ − Σ A‖ / ‖Δℓ‖ over all intervals and tokens, and per interval. */
  residual?: number;
  residuals?: number[];
  /** x axis of the trajectories: training steps (interval ends; checkpoints for the baseline). */
  times: number[];
  groups: PolcaGroup[];
}

/** One score per method. */
export interface MethodScores {
  polca: number;
  lossBaseline: number;
  randomBasis?: number;
  singleCheckpoint?: number;
}

/** The POLCA analysis of a run. */
export interface PolcaResult {
  runDir: string;
  runId: string;
  experiment: string;
  /** Checkpoints analysed, ascending. */
  steps: number[];
  /** The skill label the clusters are scored against. */
  skill: string;
  /** Analysed tokens (answer positions of the analysis sequences). */
  tokens: number;
  hessian: HessianSettings & { checkpoints: HessianCheckpoint[] };
  allocation: { method: 'taylor' | 'path'; h: number };
  /** What the clusterer saw of each trajectory. */
  features: PolcaFeatures;
  /**
   * Agreement of each method's clusters with the skill (ARI), and NMI, taking in each group the
   * basis vector that agrees best (a choice that looks at the labels: the more vectors, the
   * higher it can get by chance, so compare POLCA with the random basis of the same size).
   */
  ari: MethodScores;
  nmi: MethodScores;
  /**
   * The same, taking in each group the dominant basis vector: the one carrying most of the
   * group's loss change (a choice made without the labels).
   */
  ariDominant: MethodScores;
  nmiDominant: MethodScores;
  /** POLCA's relative residual: the part of the loss change outside its basis. */
  residual: number;
  methods: PolcaMethod[];
  /** Mean loss of the analysed tokens at each checkpoint. */
  lossCurve: { step: number; loss: number }[];
}
