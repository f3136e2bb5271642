/**
 * One direction of stitching (source run → target run): the source's representations at each
 * stitchable layer, matched to the target's examples; per layer pair a bridge trained on the
 * target's task loss (warm-started from the least-squares fit), the least-squares bridge itself,
 * and the controls (random and row-shuffled source, person-held-out fit), each scored by the
 * stitched model's accuracy on the target's held-out examples.
 */
import type { Float64Matrix } from '../../engine/analysis/cka';
import type { AffineInit, BridgeOptions } from '../../engine/analysis/stitching/bridge';
import { fitAffine } from '../../engine/analysis/stitching/leastSquares';
import {
  type StitchTarget,
  stitchTargetOf,
  tokenLayer,
} from '../../engine/analysis/stitching/stitchedModel';
import {
  type StitchProblem,
  affineBridgeAccuracy,
  modelAccuracy,
  trainedBridgeAccuracy,
} from '../../engine/analysis/stitching/stitchScore';
import type { PairDataset } from '../../engine/tasks/types';
import type { StitchScore, StitchingCell } from '../../shared/universalityResults';
import {
  type Representation,
  personSplit,
  randomLike,
  shuffledRows,
  sourceRepresentation,
} from './stitchData';
import { pairsOf } from './examples';
import { type RunModel, captureLayers, embeddingRows, takeRows } from './runModel';

/** What one direction needs: both opened runs, the target's frozen tail and its examples. */
export interface DirectionContext {
  source: RunModel;
  target: RunModel;
  ds: PairDataset;
  tail: StitchTarget;
  options: BridgeOptions;
  /** The target's own accuracy on its held-out examples, and chance. */
  targetAccuracy: number;
  chance: number;
}

/** Builds the context of source → target (both loaded at their last checkpoint). */
export function directionContext(
  source: RunModel,
  target: RunModel,
  options: BridgeOptions,
): DirectionContext {
  const ds = pairsOf(target.session.dataset, 'stitching');
  const m = target.config.model;
  if (m.kind !== 'embed-mlp') {
    throw new Error('stitching needs embed-mlp models');
  }
  const tail = stitchTargetOf(target.session.model, m.activation, m.combine);
  const chance = ds.multiLabel === undefined ? 1 / ds.numClasses : 0.5;
  const targetAccuracy = modelAccuracy(target.session.model, ds, ds.test);
  return { source, target, ds, tail, options, targetAccuracy, chance };
}

/** The layer pairs of a direction: token embedding to anything, hidden to hidden. */
export function layerPairs(ctx: DirectionContext, embeddingOnly: boolean): [string, string][] {
  const layers = [...ctx.tail.widths.keys()];
  const from = stitchTargetOf(ctx.source.session.model, 'relu', 'concat').widths;
  const pairs: [string, string][] = [];
  for (const f of from.keys()) {
    for (const t of layers) {
      if (
        (f === tokenLayer || t !== tokenLayer) &&
        (!embeddingOnly || (f === tokenLayer && t === tokenLayer))
      ) {
        pairs.push([f, t]);
      }
    }
  }
  return pairs;
}

/** Every score of one layer pair. */
export function stitchCell(
  ctx: DirectionContext,
  fromLayer: string,
  toLayer: string,
): StitchingCell {
  const rep = sourceRepresentation(ctx, fromLayer, toLayer);
  const { train, test } = ctx.ds;
  const problem = problemOf(ctx, toLayer);
  const score = (r: Representation, fit: Int32Array, evalIdx: Int32Array): StitchScore => {
    const init = regressionInit(ctx, toLayer, r, fit);
    return normalized(ctx, trainedBridgeAccuracy(problem, r, fit, evalIdx, init, ctx.options));
  };
  const init = regressionInit(ctx, toLayer, rep, train);
  const regression = normalized(ctx, affineBridgeAccuracy(problem, rep, test, init, ctx.options));
  const held = personSplit(ctx.ds, ctx.options.seed);
  return {
    fromLayer,
    toLayer,
    task: score(rep, train, test),
    regression,
    controls: {
      random: score(randomLike(rep, ctx.options.seed), train, test),
      shuffled: score(shuffledRows(rep, ctx.options.seed), train, test),
      personHeldOut: held === undefined ? undefined : score(rep, held.fit, held.evaluate),
    },
  };
}

/** The task-loss bridge's score alone (no controls), on the target's held-out examples. */
export function taskScore(ctx: DirectionContext, fromLayer: string, toLayer: string): StitchScore {
  const rep = sourceRepresentation(ctx, fromLayer, toLayer);
  const { train, test } = ctx.ds;
  const init = regressionInit(ctx, toLayer, rep, train);
  const acc = trainedBridgeAccuracy(problemOf(ctx, toLayer), rep, train, test, init, ctx.options);
  return normalized(ctx, acc);
}

function problemOf(ctx: DirectionContext, toLayer: string): StitchProblem {
  return { model: ctx.target.session.model, dataset: ctx.ds, tail: ctx.tail, toLayer };
}

/** Least-squares bridge onto the target's own representation at `toLayer` on the fit examples. */
function regressionInit(
  ctx: DirectionContext,
  toLayer: string,
  rep: Representation,
  fit: Int32Array,
): AffineInit {
  if (rep.perToken) {
    const tokens = tokensOf(ctx.ds, fit);
    const target = embeddingRows(ctx.target.session);
    return fitAffine(takeRows(rep.rows, tokens), takeRows(target, tokens));
  }
  const acts = captureLayers(ctx.target.session, fit, [toLayer]).get(toLayer) as Float64Matrix;
  return fitAffine(takeRows(rep.rows, fit), acts);
}

function normalized(ctx: DirectionContext, balancedAccuracy: number): StitchScore {
  const span = ctx.targetAccuracy - ctx.chance;
  return { balancedAccuracy, normalized: span > 0 ? (balancedAccuracy - ctx.chance) / span : 0 };
}

/** Tokens occurring in the examples, ascending. */
function tokensOf(ds: PairDataset, examples: Int32Array): Int32Array {
  const seen = new Uint8Array(ds.vocab);
  examples.forEach((i) => {
    seen[ds.a[i]] = 1;
    seen[ds.b[i]] = 1;
  });
  return Int32Array.from(seen.keys()).filter((t) => seen[t] === 1);
}
