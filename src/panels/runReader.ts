/**
 * Reads what a training panel shows about a run folder, asynchronously (the extension host never
 * blocks on file I/O): `run.json` and `metrics.jsonl`, merged with what the RunManager knows
 * about a run it is training right now. No vscode import; unit-tested in plain Node.
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { RunInfo } from '../runs/runManager';
import type { TrainingRunSnapshot, TrainingRunStatus } from '../shared/protocol/trainingView';
import type { StepMetricsRecord } from '../shared/runResult';
import type { RunManifest } from '../shared/runManifest';
import { runFiles } from '../storage/runLayout';
import { readManifestAsync } from '../storage/runStore';

const metricKeys = ['step', 'lr', 'trainLoss', 'trainAcc', 'testLoss', 'testAcc'] as const;

/** A parsed metrics line, or undefined when it is not a complete record. */
export function toMetricsRecord(raw: unknown): StepMetricsRecord | undefined {
  if (typeof raw !== 'object' || raw === null) {
    return undefined;
  }
  const o = raw as Record<string, unknown>;
  return metricKeys.every((k) => typeof o[k] === 'number')
    ? (Object.fromEntries(metricKeys.map((k) => [k, o[k]])) as unknown as StepMetricsRecord)
    : undefined;
}

/** Parses `metrics.jsonl` text; skips blank, torn (killed writer) and foreign lines. */
export function parseMetricsLines(text: string): StepMetricsRecord[] {
  const out: StepMetricsRecord[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      continue;
    }
    try {
      const record = toMetricsRecord(JSON.parse(line));
      if (record !== undefined) {
        out.push(record);
      }
    } catch {
      // A line cut short by a kill: everything before it is intact.
    }
  }
  return out;
}

/** Reads and validates `run.json`; undefined when it is missing or not a run manifest. */
export async function tryReadManifest(runDir: string): Promise<RunManifest | undefined> {
  try {
    return await readManifestAsync(runDir);
  } catch {
    return undefined;
  }
}

/** Reads `metrics.jsonl` ([] when the run has not logged yet). */
export async function readMetricsAsync(runDir: string): Promise<StepMetricsRecord[]> {
  try {
    return parseMetricsLines(await readFile(path.join(runDir, runFiles.metrics), 'utf8'));
  } catch {
    return [];
  }
}

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
