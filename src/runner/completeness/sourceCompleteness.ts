/**
 * The completeness study of a run folder or a sweep folder: every ended run is analysed (cached
 * per run), unfinished or damaged runs are listed as skipped, and the sweep summaries (prediction
 * test, survival, dimension, perturbation) are computed over the rest. A sweep still running gives
 * a partial result.
 */
import * as path from 'node:path';
import {
  type SweepEntry,
  dimensionRows,
  perturbationRows,
  predictionSummary,
  survivalSummary,
} from '../../engine/analysis/study/aggregate';
import type { SweepCompleteness } from '../../shared/completenessResults';
import { readMetrics } from '../../storage/runStore';
import { AnalysisInputError, analyseEach, sourceRuns } from '../analysisRuns';
import {
  type EmbeddingStudyRequest,
  externalFolderCompleteness,
} from '../external/externalCompleteness';
import { externalFolderAt } from '../external/externalSource';
import { analyzeRunCompleteness, readStudiedRun } from './runCompleteness';

/** Steps at which the dimension table reports test accuracy. */
const accuracySteps = [500, 1000, 5000, 10000];

/**
 * Analyses `source` (a run or sweep folder) at `step` (default: each run's last checkpoint), or
 * an external folder's embedding layer between its first step and `step` (default: its last;
 * `external` says which study, default modular addition with p = the layer's rows).
 */
export async function analyzeCompleteness(
  source: string,
  step?: number,
  external: EmbeddingStudyRequest = { task: 'modular-addition' },
): Promise<SweepCompleteness> {
  const folder = externalFolderAt(source);
  if (folder !== undefined) {
    return externalFolderCompleteness(folder, step, external);
  }
  const dir = path.resolve(source);
  const { results: entries, skipped } = await analyseEach(
    sourceRuns(dir),
    (runDir) => readStudiedRun(runDir).manifest.status === 'running',
    async (r): Promise<SweepEntry> => ({
      run: await analyzeRunCompleteness(r.runDir, step),
      config: readStudiedRun(r.runDir).config,
      overrides: r.overrides,
      testAccAt: accuracyAt(r.runDir, accuracySteps),
    }),
  );
  const tasks = new Set(entries.map((e) => e.run.task));
  if (tasks.size > 1) {
    throw new AnalysisInputError(
      `${dir}: the runs train different tasks (${[...tasks].join(', ')})`,
    );
  }
  return {
    task: entries[0].run.task,
    runs: entries.map((e) => e.run),
    prediction: predictionSummary(entries.map((e) => e.run)),
    survival: survivalSummary(entries),
    dimension: dimensionRows(entries),
    perturbation: perturbationRows(entries),
    skipped,
    partial: skipped.length > 0,
  };
}

/** Test accuracy logged at each of `steps` (only the steps that were logged). */
function accuracyAt(runDir: string, steps: readonly number[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of readMetrics(runDir)) {
    if (steps.includes(r.step)) {
      out[String(r.step)] = r.testAcc;
    }
  }
  return out;
}
