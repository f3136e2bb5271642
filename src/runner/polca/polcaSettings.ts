/** Defaults of the Hessian and POLCA analyses and small helpers they share. */
import { type OptionedAnalysis, analysisOptions } from '../../shared/analysisOptions';
import type { ExperimentConfig } from '../../shared/experimentConfig';
import type { HessianSettings, PolcaFeatures } from '../../shared/polcaResults';
import { AnalysisInputError } from '../analysisRuns';

/** Defaults of a POLCA request. */
export const polcaDefaults = {
  k: 4,
  iterations: 24,
  examples: 128,
  seed: 0,
  checkpoints: 16,
  analysisExamples: 128,
  allocation: 'taylor' as 'taylor' | 'path',
  /** Central-difference step along unit basis vectors. */
  h: 1e-2,
  skill: 'carryIn',
  /** Output-token groups with fewer analysed tokens are not clustered. */
  minGroup: 20,
  features: 'increments' as PolcaFeatures,
  noControls: false,
};

/** Defaults of a Hessian request. */
export const hessianDefaults = { k: 5, iterations: 30, examples: 256, seed: 0, checkpoints: 16 };

/** The settings record of a result. */
export function hessianSettings(
  method: HessianSettings['method'],
  examples: number,
  o: { k: number; iterations: number },
): HessianSettings {
  return { method, examples, k: o.k, iterations: o.iterations };
}

/** At most `n` of the steps, evenly over the list, always with the first and the last. */
export function evenlySpaced(steps: readonly number[], n: number): number[] {
  if (steps.length <= n) {
    return [...steps];
  }
  const picked = new Set<number>();
  for (let i = 0; i < n; i++) {
    picked.add(steps[Math.round((i * (steps.length - 1)) / (n - 1))]);
  }
  return [...picked].sort((a, b) => a - b);
}

/** The options the run's config gives the analysis `kind` (its `analyses` entry). */
export function configOptions<K extends OptionedAnalysis>(
  runDir: string,
  config: ExperimentConfig,
  kind: K,
): ReturnType<typeof analysisOptions<K>> {
  try {
    return analysisOptions(config, kind);
  } catch (e) {
    throw new AnalysisInputError(`${runDir}: the config in run.json: ${(e as Error).message}`);
  }
}
