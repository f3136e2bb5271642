/**
 * The runs the pickers offer: run folders under the runs roots (found without blocking, sweep
 * members included) plus the runs the RunManager drives that know their folder. No vscode
 * import; unit-tested in plain Node.
 */
import * as path from 'node:path';
import type { RunInfo } from '../runs/runManager';
import type { TrainingRunStatus } from '../shared/protocol/trainingView';
import { type FineTune, descendants, fineTunesByParent } from '../shared/runLineage';
import { allRuns } from '../storage/runFolders';
import { runLabel, tryReadManifest } from './runReader';

/** One run the pickers offer. */
export interface RunEntry {
  runDir: string;
  label: string;
  status: TrainingRunStatus;
  /** ISO time the run started, when known (sorts the list, newest first). */
  startedAt?: string;
  configPath?: string;
  /** The number of steps trained so far. */
  step: number;
}

function newestLive(live: readonly RunInfo[], runDir: string): RunInfo | undefined {
  return [...live]
    .reverse()
    .find((r) => r.runDir !== undefined && path.resolve(r.runDir) === runDir);
}

/**
 * Runs on disk under the roots plus the live runs, without duplicates; runs not started yet
 * first, then newest first. A live run's state wins over its manifest's.
 */
export async function listRuns(
  roots: readonly string[],
  live: readonly RunInfo[],
): Promise<RunEntry[]> {
  const onDisk = await allRuns(roots);
  const known = new Set(onDisk.map((r) => path.resolve(r.runDir)));
  const liveOnly = live
    .map((r) => (r.runDir === undefined ? undefined : path.resolve(r.runDir)))
    .filter((d): d is string => d !== undefined && !known.has(d));
  const extra = await Promise.all(
    [...new Set(liveOnly)].map(async (runDir) => ({
      runDir,
      manifest: await tryReadManifest(runDir),
    })),
  );
  const list = [...onDisk, ...extra].map(({ runDir, manifest }): RunEntry => {
    const dir = path.resolve(runDir);
    const run = newestLive(live, dir);
    return {
      runDir: dir,
      label: runLabel(dir, manifest),
      status: run?.state ?? manifest?.status ?? 'failed',
      startedAt: manifest?.startedAt,
      configPath: manifest?.configPath ?? run?.configPath,
      step: Math.max(run?.step ?? 0, manifest?.lastStep ?? 0),
    };
  });
  return list.sort(newestFirst);
}

/** Runs without a start time (not started yet) first, then by start time, newest first. */
function newestFirst(a: RunEntry, b: RunEntry): number {
  const ka = a.startedAt ?? '\uffff';
  const kb = b.startedAt ?? '\uffff';
  if (ka !== kb) {
    return ka < kb ? 1 : -1;
  }
  return a.runDir < b.runDir ? 1 : a.runDir > b.runDir ? -1 : 0;
}

/**
 * Every run under the roots fine-tuned from the run in `runDir` (directly or through another
 * fine-tune), parents before children. Empty when the run's manifest is unreadable.
 */
export async function fineTunesOf(runDir: string, roots: readonly string[]): Promise<FineTune[]> {
  const manifest = await tryReadManifest(runDir);
  if (manifest === undefined) {
    return [];
  }
  return descendants(manifest.runId, fineTunesByParent(await allRuns(roots)));
}
