/**
 * POLCA end to end on abstract inputs (parameters and Hessians at checkpoints, per-token losses):
 * the sequential basis, the allocation of every token's loss change along it, cumulative
 * trajectories clustered per output-token group, and the same procedure for the controls — the
 * raw per-token loss (baseline), a random orthonormal basis and a single-checkpoint basis of the
 * same size — each scored against a skill labelling by ARI and NMI.
 */
import type { HvpOperator } from '../../hessian/hvp';
import type { Float64Matrix } from '../cka';
import {
  type Allocation,
  type AllocationOptions,
  allocateInterval,
  residualsOf,
} from './allocation';
import {
  type BasisOptions,
  type PolcaBasis,
  extendBasis,
  randomBasis,
  singleCheckpointBasis,
} from './basis';
import type { PolcaFeatures } from '../../../shared/polcaResults';
import { type GroupResult, clusterGroups, weightedMean } from './clusterTrajectories';

/** What the pipeline reads. */
export interface PolcaInputs {
  /** Checkpoint steps, ascending. */
  steps: number[];
  /** θ at checkpoint i. */
  thetaAt: (i: number) => Float64Array;
  /** The Hessian of the basis loss at checkpoint i (its weights loaded). */
  operatorAt: (i: number) => HvpOperator;
  /** Per-token losses of the analysed tokens at θ. */
  lossAt: (theta: Float64Array) => Float64Array;
  /** Output-token group of each analysed token. */
  groups: Int32Array;
  /** Skill label of each analysed token (the reference of the agreement scores). */
  skill: Int32Array;
}

export interface PolcaOptions {
  basis: BasisOptions;
  allocation: AllocationOptions;
  /** Groups with fewer tokens are not clustered. */
  minGroup: number;
  /** What the clusterer sees of each trajectory (the same for every method). */
  features: PolcaFeatures;
  /** Also run the random and single-checkpoint controls. */
  controls: boolean;
}

/** Size-weighted agreement of a method's clusters with the skill, over the groups. */
export interface MethodScores {
  groups: GroupResult[];
  /** Of each group's best-agreeing family. */
  ari: number;
  nmi: number;
  /** Of each group's dominant family (chosen without the labels). */
  ariDominant: number;
  nmiDominant: number;
}

/** One method's allocation and clusters. */
export interface MethodResult extends MethodScores {
  basisSize: number;
  residual: number;
  residuals: number[];
  /** The allocations (kept for drill-down; not meant for JSON). */
  allocation?: Allocation;
}

export interface PolcaRun {
  basis: PolcaBasis;
  losses: Float64Array[];
  polca: MethodResult;
  lossBaseline: MethodScores;
  randomBasis?: MethodResult;
  singleCheckpoint?: MethodResult;
}

/** Reports a stage's progress and lets the caller's event loop run (IPC, cancellation). */
export type PolcaProgress = (stage: string, done: number, total: number) => Promise<void>;

/** Runs POLCA and its controls. */
export async function runPolca(
  inputs: PolcaInputs,
  options: PolcaOptions,
  progress: PolcaProgress = () => Promise.resolve(),
): Promise<PolcaRun> {
  const thetas = inputs.steps.map((_, i) => inputs.thetaAt(i));
  const basis: PolcaBasis = { vectors: [], steps: [] };
  for (const [i, step] of inputs.steps.entries()) {
    extendBasis(basis, step, inputs.operatorAt(i), options.basis);
    await progress('basis checkpoints', i + 1, inputs.steps.length);
  }
  const polca = await method(inputs, thetas, basis.vectors, options, progress, 'intervals');
  const losses = polca.allocation?.losses ?? [];
  const result: PolcaRun = {
    basis,
    losses,
    polca,
    lossBaseline: scores(
      clusterGroups(inputs.groups, inputs.skill, 1, (_, t) => lossTrajectories(losses, t), options),
    ),
  };
  if (options.controls && basis.vectors.length > 0) {
    const size = basis.vectors.length;
    const random = randomBasis(thetas[0].length, size, options.basis.seed + 1);
    result.randomBasis = await method(
      inputs,
      thetas,
      random,
      options,
      progress,
      'random-basis intervals',
    );
    const last = inputs.steps.length - 1;
    const single = singleCheckpointBasis(
      inputs.steps[last],
      inputs.operatorAt(last),
      size,
      options.basis,
    );
    await progress('single-checkpoint basis', 1, 1);
    result.singleCheckpoint = await method(
      inputs,
      thetas,
      single.vectors,
      options,
      progress,
      'single-checkpoint intervals',
    );
  }
  return result;
}

/** Allocates along `vectors`, interval by interval, then clusters the trajectories. */
async function method(
  inputs: PolcaInputs,
  thetas: Float64Array[],
  vectors: Float64Array[],
  options: PolcaOptions,
  progress: PolcaProgress,
  stage: string,
): Promise<MethodResult> {
  const losses = thetas.map((t) => inputs.lossAt(t));
  const allocations: Float64Array[][] = [];
  for (let t = 0; t + 1 < thetas.length; t++) {
    allocations.push(
      allocateInterval(
        thetas[t],
        thetas[t + 1],
        losses[t],
        vectors,
        inputs.lossAt,
        options.allocation,
      ),
    );
    await progress(stage, t + 1, thetas.length - 1);
  }
  const a: Allocation = { allocations, losses, ...residualsOf(allocations, losses) };
  const groups = clusterGroups(
    inputs.groups,
    inputs.skill,
    vectors.length,
    (i, tokens) => cumulative(a, i, tokens),
    { ...options, fromZero: true },
  );
  return {
    basisSize: vectors.length,
    residual: a.residual,
    residuals: a.residuals,
    ...scores(groups),
    allocation: a,
  };
}

function scores(groups: GroupResult[]): MethodScores {
  return {
    groups,
    ari: weightedMean(groups, (g) => g.best.ari),
    nmi: weightedMean(groups, (g) => g.best.nmi),
    ariDominant: weightedMean(groups, (g) => g.dominant.ari),
    nmiDominant: weightedMean(groups, (g) => g.dominant.nmi),
  };
}

/** C_{v,i}(t) = Σ_{τ<t} A_{v,i,τ} for t = 1..T−1, rows = tokens. */
export function cumulative(a: Allocation, i: number, tokens: Int32Array): Float64Matrix {
  const intervals = a.allocations.length;
  const data = new Float64Array(tokens.length * intervals);
  tokens.forEach((v, r) => {
    let sum = 0;
    for (let t = 0; t < intervals; t++) {
      sum += a.allocations[t][i][v];
      data[r * intervals + t] = sum;
    }
  });
  return { rows: tokens.length, cols: intervals, data };
}

/** ℓ_v(θ_t) for t = 0..T−1, rows = tokens. */
export function lossTrajectories(losses: Float64Array[], tokens: Int32Array): Float64Matrix {
  const data = new Float64Array(tokens.length * losses.length);
  tokens.forEach((v, r) => losses.forEach((l, t) => (data[r * losses.length + t] = l[v])));
  return { rows: tokens.length, cols: losses.length, data };
}
