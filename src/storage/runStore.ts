/**
 * Reading and writing a run directory: manifest (atomic), append-only metrics and log, and the
 * list of checkpoints. Only the run's own process writes; everyone else reads.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type RunManifest, runManifestSchema } from '../shared/runManifest';
import type { StepMetricsRecord } from '../shared/runResult';
import { writeFileAtomic } from './atomicWrite';
import { runFiles, stepOfCheckpoint } from './runLayout';

/** Creates a run directory with its `checkpoints/` and `analyses/` folders. */
export function createRunDir(runDir: string): void {
  fs.mkdirSync(path.join(runDir, runFiles.checkpoints), { recursive: true });
  fs.mkdirSync(path.join(runDir, runFiles.analyses), { recursive: true });
}

/** Writes `run.json` atomically. */
export function writeManifest(runDir: string, manifest: RunManifest): void {
  writeFileAtomic(path.join(runDir, runFiles.manifest), JSON.stringify(manifest, null, 2) + '\n');
}

/** Reads and validates `run.json`; the error names the file and the first invalid field. */
export function readManifest(runDir: string): RunManifest {
  const file = path.join(runDir, runFiles.manifest);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`${file}: cannot read run manifest (${(e as Error).message})`);
  }
  return parseManifest(text, file);
}

/** `readManifest` without blocking: for the extension host, which must not do synchronous I/O. */
export async function readManifestAsync(runDir: string): Promise<RunManifest> {
  const file = path.join(runDir, runFiles.manifest);
  let text: string;
  try {
    text = await fs.promises.readFile(file, 'utf8');
  } catch (e) {
    throw new Error(`${file}: cannot read run manifest (${(e as Error).message})`);
  }
  return parseManifest(text, file);
}

function parseManifest(text: string, file: string): RunManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: cannot read run manifest (${(e as Error).message})`);
  }
  const parsed = runManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: invalid run manifest at "${issue.path.join('.')}": ${issue.message}`);
  }
  return parsed.data;
}

/** Appends one metrics record as a JSON line. */
export function appendMetrics(runDir: string, record: object): void {
  fs.appendFileSync(path.join(runDir, runFiles.metrics), JSON.stringify(record) + '\n');
}

/** Reads `metrics.jsonl`, skipping a torn last line left by a killed process. */
export function readMetrics(runDir: string): StepMetricsRecord[] {
  const file = path.join(runDir, runFiles.metrics);
  return fs.existsSync(file) ? parseMetricsLines(fs.readFileSync(file, 'utf8')) : [];
}

/** `readMetrics` without blocking ([] when the run has not logged yet), for the extension host. */
export async function readMetricsAsync(runDir: string): Promise<StepMetricsRecord[]> {
  try {
    return parseMetricsLines(
      await fs.promises.readFile(path.join(runDir, runFiles.metrics), 'utf8'),
    );
  } catch {
    return [];
  }
}

/** `readManifestAsync`, or undefined when `run.json` is missing or not a run manifest. */
export async function tryReadManifestAsync(runDir: string): Promise<RunManifest | undefined> {
  try {
    return await readManifestAsync(runDir);
  } catch {
    return undefined;
  }
}

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

/** Parses `metrics.jsonl` text; skips blank, torn (a killed writer's last line) and foreign lines. */
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

/** Keeps only metrics records with `step ≤ maxStep` (before resuming from that step). */
export function truncateMetrics(runDir: string, maxStep: number): void {
  const kept = readMetrics(runDir).filter((r) => r.step <= maxStep);
  writeFileAtomic(
    path.join(runDir, runFiles.metrics),
    kept.map((r) => JSON.stringify(r) + '\n').join(''),
  );
}

/** Appends a time-stamped line to `log.txt`. */
export function appendLog(runDir: string, line: string): void {
  fs.appendFileSync(path.join(runDir, runFiles.log), `${new Date().toISOString()} ${line}\n`);
}

/** Steps of the checkpoints present, ascending. */
export function listCheckpoints(runDir: string): number[] {
  const dir = path.join(runDir, runFiles.checkpoints);
  if (!fs.existsSync(dir)) {
    return [];
  }
  return fs
    .readdirSync(dir)
    .map(stepOfCheckpoint)
    .filter((s): s is number => s !== undefined)
    .sort((a, b) => a - b);
}
