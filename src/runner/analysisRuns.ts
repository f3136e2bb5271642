/**
 * What every run analysis shares: reading a run folder's manifest and resolved config, the
 * cached result file in `analyses/`, and the runs of a source folder (the run itself, or the
 * runs a sweep index lists) with why some cannot be analysed yet.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type AnalysisKind, analyses } from '../shared/analyses';
import type { ExperimentConfig } from '../shared/experimentConfig';
import { runConfigOf } from '../shared/runConfig';
import type { RunManifest, SweepIndex } from '../shared/runManifest';
import { writeFileAtomic } from '../storage/atomicWrite';
import { runFiles } from '../storage/runLayout';
import { readManifest } from '../storage/runStore';
import { readSweepState } from '../storage/sweepStore';
import { configHash } from './configHash';

/** An error the CLI reports as bad input and the worker as `bad-run`. */
export class AnalysisInputError extends Error {
  readonly code = 'bad-run';
}

/** A run folder's manifest and its resolved config. */
export interface AnalysedRun {
  manifest: RunManifest;
  config: ExperimentConfig;
}

/**
 * Reads a run folder for an analysis of the catalogue; why the analysis does not apply to the
 * run's config (`appliesTo`) becomes the error message.
 */
export function readAnalysedRun(runDir: string, kind: AnalysisKind): AnalysedRun {
  let manifest: RunManifest;
  try {
    manifest = readManifest(runDir);
  } catch (e) {
    throw new AnalysisInputError((e as Error).message);
  }
  let config: ExperimentConfig;
  try {
    config = runConfigOf(manifest);
  } catch (e) {
    throw new AnalysisInputError(`${runDir}: ${(e as Error).message}`);
  }
  const why = analyses[kind].appliesTo(config);
  if (why !== undefined) {
    throw new AnalysisInputError(`${runDir}: ${why}`);
  }
  return { manifest, config };
}

/**
 * The result of an analysis of a run, from `analyses/<kind>-<hash of key>.json` when the run has
 * ended and it was computed before; otherwise computed, and saved once the run has ended.
 */
export async function cachedAnalysis<T>(
  runDir: string,
  manifest: RunManifest,
  kind: string,
  key: object,
  compute: () => T | Promise<T>,
): Promise<T> {
  const file = path.join(runDir, runFiles.analyses, `${kind}-${configHash(key)}.json`);
  const ended = manifest.status !== 'running';
  if (ended && fs.existsSync(file)) {
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
    } catch {
      // A damaged cache is recomputed below.
    }
  }
  const result = await compute();
  if (ended) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeFileAtomic(file, JSON.stringify(result) + '\n');
  }
  return result;
}

/** One run of a source folder. */
export interface SourceRun {
  runDir: string;
  /** Grid values and the seed of a sweep job (empty for a lone run). */
  overrides: Record<string, unknown>;
  /** Why the run cannot be analysed yet, if so. */
  pending?: string;
}

/** The runs of a folder: itself if it holds run.json, else the runs listed in its sweep.json. */
export function sourceRuns(dir: string): SourceRun[] {
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
    // The jobs' state comes from the run folders, whoever keeps the index.
    index = readSweepState(dir);
  } catch (e) {
    throw new AnalysisInputError((e as Error).message);
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

/**
 * Analyses each run; runs that are pending, still training (when there are several) or fail are
 * listed as skipped with the reason. A lone run's failure is thrown, as is "nothing analysed".
 */
export async function analyseEach<T>(
  runs: readonly SourceRun[],
  isRunning: (runDir: string) => boolean,
  analyse: (run: SourceRun) => T | Promise<T>,
): Promise<{ results: T[]; skipped: { runDir: string; reason: string }[] }> {
  const results: T[] = [];
  const skipped: { runDir: string; reason: string }[] = [];
  for (const r of runs) {
    if (r.pending !== undefined) {
      skipped.push({ runDir: r.runDir, reason: r.pending });
      continue;
    }
    try {
      if (runs.length > 1 && isRunning(r.runDir)) {
        skipped.push({ runDir: r.runDir, reason: 'still running' });
        continue;
      }
      results.push(await analyse(r));
    } catch (e) {
      if (runs.length === 1) {
        throw e;
      }
      skipped.push({ runDir: r.runDir, reason: (e as Error).message });
    }
  }
  if (results.length === 0) {
    const why = skipped.map((s) => `${path.basename(s.runDir)}: ${s.reason}`).join('; ');
    throw new AnalysisInputError(`no run could be analysed${why ? ` (${why})` : ''}`);
  }
  return { results, skipped };
}

/**
 * Lets the event loop run (IPC messages such as progress events go out, a kill signal is seen)
 * between the synchronous steps of a long analysis.
 */
export function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The options that are set (undefined ones dropped), to spread over an analysis's defaults. */
export function definedOptions<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
