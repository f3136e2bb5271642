/** Affine stitching between the seeds of a cell: the universality score of a starvation sweep. */
import { bridgeDefaults } from '../../engine/analysis/stitching/bridge';
import { tokenLayer } from '../../engine/analysis/stitching/stitchedModel';
import { directionContext, taskScore } from './stitchDirection';
import type { RunModel } from './runModel';

/**
 * The task-loss bridge's held-out score between the token embeddings of every ordered pair of
 * runs (both directions), with `steps` Adam steps from the least-squares start.
 */
export function crossSeedStitching(models: readonly RunModel[], steps: number): number[] {
  const scores: number[] = [];
  for (const source of models) {
    for (const target of models) {
      if (source !== target) {
        const ctx = directionContext(source, target, { ...bridgeDefaults, steps });
        scores.push(taskScore(ctx, tokenLayer, tokenLayer).balancedAccuracy);
      }
    }
  }
  return scores;
}
