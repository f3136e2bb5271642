/**
 * The completeness study of a run folder or a sweep folder: every ended run is analysed (cached
 * per run), unfinished or damaged runs are listed as skipped, and the sweep summaries (prediction
 * test, survival, dimension, perturbation) are computed over the rest. A sweep still running gives
 * a partial result.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  type SweepEntry,
  dimensionRows,
  perturbationRows,
  predictionSummary,
  survivalSummary,
} from '../../engine/analysis/study/aggregate';
import type { SweepCompleteness } from '../../shared/completenessResults';
import { type SweepIndex, sweepIndexSchema } from '../../shared/runManifest';
import { runFiles } from '../../storage/runLayout';
import { readMetrics } from '../../storage/runStore';
import { AnalysisInputError, analyzeRunCompleteness, readStudiedRun } from './runCompleteness';

/** Steps at which the dimension table reports test accuracy. */
const accuracySteps = [500, 1000, 5000, 10000];

interface SourceRun {
  runDir: string;
  overrides: Record<string, unknown>;
  /** Why the run cannot be analysed yet, if so. */
  pending?: string;
}

/** Analyses `source` (a run or sweep folder) at `step` (default: each run's last checkpoint). */
export function analyzeCompleteness(source: string, step?: number): SweepCompleteness {
  const dir = path.resolve(source);
  const runs = sourceRuns(dir);
  const entries: SweepEntry[] = [];
  const skipped: SweepCompleteness['skipped'] = [];
  for (const r of runs) {
    if (r.pending !== undefined) {
      skipped.push({ runDir: r.runDir, reason: r.pending });
      continue;
    }
    try {
      const { config, manifest } = readStudiedRun(r.runDir);
      if (manifest.status === 'running' && runs.length > 1) {
        skipped.push({ runDir: r.runDir, reason: `still running (step ${manifest.lastStep})` });
        continue;
      }
      const run = analyzeRunCompleteness(r.runDir, step);
      entries.push({
        run,
        config,
        overrides: r.overrides,
        testAccAt: accuracyAt(r.runDir, accuracySteps),
      });
    } catch (e) {
      if (runs.length === 1) {
        throw e;
      }
      skipped.push({ runDir: r.runDir, reason: (e as Error).message });
    }
  }
  if (entries.length === 0) {
    const why = skipped.map((s) => `${path.basename(s.runDir)}: ${s.reason}`).join('; ');
    throw new AnalysisInputError(`${dir}: no run could be analysed${why ? ` (${why})` : ''}`);
  }
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

/** The runs of a folder: itself if it holds run.json, else the runs listed in its sweep.json. */
function sourceRuns(dir: string): SourceRun[] {
  if (fs.existsSync(path.join(dir, runFiles.manifest))) {
    return [{ runDir: dir, overrides: {} }];
  }
  const indexFile = path.join(dir, runFiles.sweepIndex);
  if (!fs.existsSync(indexFile)) {
    throw new AnalysisInputError(
      `${dir}: not a run folder (no ${runFiles.manifest}) or a sweep folder (no ${runFiles.sweepIndex})`,
    );
  }
  let index: SweepIndex;
  try {
    index = sweepIndexSchema.parse(JSON.parse(fs.readFileSync(indexFile, 'utf8')));
  } catch (e) {
    throw new AnalysisInputError(`${indexFile}: unreadable sweep index (${(e as Error).message})`);
  }
  return index.runs.map((r) => ({
    runDir: r.runDir ?? path.join(dir, `job-${r.index}`),
    overrides: { ...r.overrides, 'train.seed': r.seed },
    pending: pendingReason(r),
  }));
}

/** Why a sweep entry has no run to analyse yet, or undefined when it has one. */
function pendingReason(r: SweepIndex['runs'][number]): string | undefined {
  switch (r.status) {
    case 'pending':
      return 'not started';
    case 'running':
      return 'still running';
    case 'failed':
      return `failed${r.error ? `: ${r.error}` : ''}`;
    case 'done':
    case 'cancelled':
      return r.runDir === undefined ? `${r.status} before it started` : undefined;
  }
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
