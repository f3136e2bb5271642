/**
 * Reads what a training panel shows about a run folder, asynchronously (the extension host never
 * blocks on file I/O): `run.json` and `metrics.jsonl`, merged with what the RunManager knows
 * about a run it is training right now. No vscode import; unit-tested in plain Node.
 */
import * as path from 'node:path';
import type { RunInfo } from '../runs/runManager';
import type { TrainingRunSnapshot, TrainingRunStatus } from '../shared/protocol/trainingView';
import type { StepMetricsRecord } from '../shared/runResult';
import { stepOffsets } from '../shared/runLineage';
import type { RunManifest } from '../shared/runManifest';
import { readMetricsAsync, tryReadManifestAsync } from '../storage/runStore';

export { parseMetricsLines, readMetricsAsync, toMetricsRecord } from '../storage/runStore';

/** Reads and validates `run.json`; undefined when it is missing or not a run manifest. */
export const tryReadManifest = tryReadManifestAsync;

/** Union by step of two ascending record lists; `later` wins on equal steps. */
export function mergeByStep(
  earlier: readonly StepMetricsRecord[],
  later: readonly StepMetricsRecord[],
): StepMetricsRecord[] {
  const byStep = new Map<number, StepMetricsRecord>();
  for (const r of [...earlier, ...later]) {
    byStep.set(r.step, r);
  }
  return [...byStep.values()].sort((a, b) => a.step - b.step);
}

/** Short display name of a run folder: `<experiment> · <runId>`. */
export function runLabel(runDir: string, manifest?: RunManifest): string {
  const experiment = manifest?.experiment ?? path.basename(path.dirname(runDir));
  return `${experiment} · ${manifest?.runId ?? path.basename(runDir)}`;
}

/** What a run folder holds that the panel shows. */
export interface RunFolderData {
  runDir: string;
  manifest?: RunManifest;
  metrics: StepMetricsRecord[];
}

/** Reads a run folder's manifest and metrics (in parallel). */
export async function readRunFolder(runDir: string): Promise<RunFolderData> {
  const [manifest, metrics] = await Promise.all([
    tryReadManifest(runDir),
    readMetricsAsync(runDir),
  ]);
  return { runDir, manifest, metrics };
}

/**
 * What the panel shows of one run: the files on disk merged with the live run (its state and
 * metrics are newer than the files while it trains). Synchronous, so callers can merge right
 * after reading and drop pending deltas in the same tick.
 */
export function mergeRun(data: RunFolderData, live: RunInfo | undefined): TrainingRunSnapshot {
  const { runDir, manifest } = data;
  const metrics = mergeByStep(data.metrics, live?.metrics ?? []);
  const lastLogged = metrics.length > 0 ? metrics[metrics.length - 1].step : 0;
  const status: TrainingRunStatus = live?.state ?? manifest?.status ?? 'failed';
  const error =
    live?.error ??
    manifest?.error ??
    (live === undefined && manifest === undefined ? 'no readable run.json' : undefined);
  return {
    runDir,
    label: runLabel(runDir, manifest),
    status,
    step: Math.max(live?.step ?? 0, manifest?.lastStep ?? 0, lastLogged),
    total: live !== undefined && live.total > 0 ? live.total : (manifest?.steps ?? 0),
    metrics,
    error,
    backend: live?.backend ?? manifest?.backend.name,
  };
}

/**
 * Sets `stepOffset` on each fine-tune shown beside its parent: its curves start at the parent's
 * checkpoint step (see `stepOffsets`). Runs without an offset are left as they are.
 */
export function placeFineTunes(
  runs: TrainingRunSnapshot[],
  folders: readonly RunFolderData[],
): void {
  const offsets = stepOffsets(
    folders.flatMap(({ runDir, manifest }) => (manifest ? [{ runDir, manifest }] : [])),
  );
  for (const run of runs) {
    const offset = offsets.get(run.runDir) ?? 0;
    if (offset > 0) {
      run.stepOffset = offset;
    }
  }
}
