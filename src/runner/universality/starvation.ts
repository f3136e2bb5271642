/**
 * The starvation summary of a capacity sweep: runs grouped into cells by their grid values (all
 * but the seed); per cell the test accuracy at the step budget and at convergence (each run's
 * first evaluation with 100 % train accuracy), the steps to get there, and the universality of
 * the seeds' embeddings (mean pairwise CKA, linear and debiased, and affine stitching scores).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cka } from '../../engine/analysis/cka';
import { parameterCount } from '../../shared/modelCost';
import type { StarvationRequestOptions } from '../../shared/protocol/analysisProtocol';
import { taskSize } from '../../shared/taskSizes';
import type { MeanSd, StarvationCell, StarvationResult } from '../../shared/universalityResults';
import type { StepMetricsRecord } from '../../shared/runResult';
import { runFiles } from '../../storage/runLayout';
import { readMetrics } from '../../storage/runStore';
import {
  type AnalysedRun,
  AnalysisInputError,
  readAnalysedRun,
  sourceRuns,
  yieldToEvents,
} from '../analysisRuns';
import { crossSeedStitching } from './crossSeed';
import { tokensInCanonicalOrder } from './examples';
import { embeddingRows, openRunModel, takeRows } from './runModel';

/** A train accuracy this close to 1 counts as 100 % (accuracies are float32 means). */
const fullAccuracy = 1 - 1e-6;

interface CellRun extends AnalysedRun {
  runDir: string;
  metrics: StepMetricsRecord[];
}

/** Summarises a sweep folder by capacity cell. */
export async function analyzeStarvation(
  sweepDir: string,
  options: StarvationRequestOptions = {},
  onProgress?: (done: number, total: number) => void,
): Promise<StarvationResult> {
  if (!fs.existsSync(path.join(sweepDir, runFiles.sweepIndex))) {
    throw new AnalysisInputError(`${sweepDir}: not a sweep folder (no ${runFiles.sweepIndex})`);
  }
  const skipped: StarvationResult['skipped'] = [];
  const groups = new Map<string, { params: Record<string, number | string>; runs: CellRun[] }>();
  for (const r of sourceRuns(sweepDir)) {
    if (r.pending !== undefined) {
      skipped.push({ runDir: r.runDir, reason: r.pending });
      continue;
    }
    try {
      const run = readAnalysedRun(r.runDir, 'starvation');
      const params = cellParams(r.overrides);
      const key = JSON.stringify(params);
      const group = groups.get(key) ?? { params, runs: [] };
      group.runs.push({ ...run, runDir: r.runDir, metrics: readMetrics(r.runDir) });
      groups.set(key, group);
    } catch (e) {
      skipped.push({ runDir: r.runDir, reason: (e as Error).message });
    }
  }
  if (groups.size === 0) {
    throw new AnalysisInputError(`${sweepDir}: no finished run to summarise`);
  }
  const cells: StarvationCell[] = [];
  let done = 0;
  for (const { params, runs } of groups.values()) {
    cells.push(await summariseCell(params, runs, options));
    onProgress?.((done += 1), groups.size);
    await yieldToEvents();
  }
  cells.sort((a, b) => a.depth - b.depth || a.width - b.width || a.embedDim - b.embedDim);
  const budget = Math.max(
    ...[...groups.values()].flatMap((g) => g.runs.map((r) => r.config.train.steps)),
  );
  return { sweepDir, budget, axes: axesOf(cells), cells, skipped };
}

/** The grid values of a run without its seed, as printable values. */
function cellParams(overrides: Record<string, unknown>): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const [k, v] of Object.entries(overrides)) {
    if (k !== 'train.seed') {
      out[k] = typeof v === 'number' || typeof v === 'string' ? v : JSON.stringify(v);
    }
  }
  return out;
}

async function summariseCell(
  params: Record<string, number | string>,
  runs: CellRun[],
  options: StarvationRequestOptions,
): Promise<StarvationCell> {
  const { config } = runs[0];
  const m = config.model;
  const hidden = m.kind === 'embed-mlp' ? m.hidden : [];
  const embedDim = m.kind === 'embed-mlp' ? m.embedDim : 0;
  const size = taskSize(config.task);
  const finals = runs.map((r) => atBudget(r));
  const converged = runs.map((r) => r.metrics.find((x) => x.trainAcc >= fullAccuracy));
  const reached = converged.filter((x): x is StepMetricsRecord => x !== undefined);
  const universality = await crossSeed(runs, options);
  return {
    params,
    width: hidden[0] ?? 0,
    depth: hidden.length,
    embedDim,
    trainFraction: 'trainFraction' in config.task ? config.task.trainFraction : 1,
    parameters: parameterCount(m, size.vocab, size.classes),
    testAccuracy: meanSd(finals.map((x) => x?.testAcc)),
    testAccuracyAtConvergence: meanSd(reached.map((x) => x.testAcc)),
    stepsTo100: meanSd(reached.map((x) => x.step)),
    converged: reached.length,
    ...universality,
  };
}

/** The metrics at the run's step budget (its last logged step when it stopped early). */
function atBudget(r: CellRun): StepMetricsRecord | undefined {
  return r.metrics.find((x) => x.step === r.config.train.steps) ?? r.metrics[r.metrics.length - 1];
}

/** Cross-seed CKA and stitching of the cell's embeddings (undefined with fewer than 2 runs). */
async function crossSeed(
  runs: CellRun[],
  options: StarvationRequestOptions,
): Promise<Pick<StarvationCell, 'crossSeedCka' | 'crossSeedStitching'>> {
  if (runs.length < 2) {
    return {};
  }
  const models = [];
  try {
    for (const r of runs) {
      models.push(await openRunModel(r.runDir));
    }
    const reps = models.map((mdl) =>
      takeRows(embeddingRows(mdl.session), tokensInCanonicalOrder(mdl.session.dataset)),
    );
    const [linear, debiased]: number[][] = [[], []];
    for (let i = 0; i < reps.length; i++) {
      for (let j = i + 1; j < reps.length; j++) {
        linear.push(cka(reps[i], reps[j], { estimator: 'linear' }).value);
        debiased.push(cka(reps[i], reps[j], { estimator: 'debiased' }).value);
      }
    }
    const steps = options.stitchingSteps ?? 300;
    return {
      crossSeedCka: { linear: meanSd(linear), debiased: meanSd(debiased) },
      ...(steps > 0 ? { crossSeedStitching: meanSd(crossSeedStitching(models, steps)) } : {}),
    };
  } finally {
    models.forEach((mdl) => mdl.dispose());
  }
}

/** Mean and sample standard deviation of the defined values. */
export function meanSd(values: readonly (number | undefined)[]): MeanSd {
  const xs = values.filter((v): v is number => v !== undefined && Number.isFinite(v));
  const n = xs.length;
  const mean = n === 0 ? Number.NaN : xs.reduce((s, x) => s + x, 0) / n;
  const sd = n < 2 ? 0 : Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  return { mean, sd, runs: n };
}

function axesOf(cells: StarvationCell[]): StarvationResult['axes'] {
  const uniq = (f: (c: StarvationCell) => number): number[] =>
    [...new Set(cells.map(f))].sort((a, b) => a - b);
  return {
    width: uniq((c) => c.width),
    depth: uniq((c) => c.depth),
    embedDim: uniq((c) => c.embedDim),
    trainFraction: uniq((c) => c.trainFraction),
  };
}
