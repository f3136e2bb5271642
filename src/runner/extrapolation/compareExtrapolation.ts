/**
 * The extrapolation analysis of several sources (run folders and sweep folders) side by side,
 * with mean and standard deviation per training variant (normal, oracle, adversarial) at each
 * run's best-validation checkpoint.
 */
import * as path from 'node:path';
import type { ExtrapolationComparison, RunExtrapolation } from '../../shared/extrapolationResults';
import { analyseEach, sourceRuns } from '../analysisRuns';
import { analyzeRunExtrapolation, readExtrapolationRun } from './runExtrapolation';

/** Analyses every run of the sources; runs that cannot be analysed yet are listed as skipped. */
export async function compareExtrapolation(
  sources: readonly string[],
  onProgress?: (message: string) => void,
): Promise<ExtrapolationComparison> {
  const candidates = sources.flatMap((s) => sourceRuns(path.resolve(s)));
  let done = 0;
  const { results: runs, skipped } = await analyseEach(
    candidates,
    (runDir) => readExtrapolationRun(runDir).manifest.status === 'running',
    (c) => {
      done += 1;
      const label = `run ${done}/${candidates.length}`;
      return analyzeRunExtrapolation(c.runDir, (i, total) =>
        onProgress?.(`${label}: checkpoint ${i}/${total}`),
      );
    },
  );
  return { runs, byTraining: byTraining(runs), skipped, partial: skipped.length > 0 };
}

function byTraining(runs: RunExtrapolation[]): ExtrapolationComparison['byTraining'] {
  const variants = [...new Set(runs.map((r) => r.training))];
  return variants.map((training) => {
    const group = runs.filter((r) => r.training === training);
    const stat = (f: (r: RunExtrapolation) => number) => meanSd(group.map(f));
    return {
      training,
      runs: group.length,
      valLoss: stat((r) => r.best.valLoss),
      oodR1Accuracy: stat((r) => r.best.oodR1Accuracy),
      idGrammaticalAccuracy: stat((r) => r.best.idGrammaticalAccuracy),
    };
  });
}

/** Mean and sample standard deviation (0 for a single value). */
function meanSd(values: number[]): { mean: number; sd: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const ss = values.reduce((a, b) => a + (b - mean) ** 2, 0);
  return { mean, sd: values.length > 1 ? Math.sqrt(ss / (values.length - 1)) : 0 };
}
