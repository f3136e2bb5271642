/** Path conventions of a run directory (DESIGN §3); the only module that knows file names. */
import * as path from 'node:path';

export const runFiles = {
  manifest: 'run.json',
  metrics: 'metrics.jsonl',
  log: 'log.txt',
  checkpoints: 'checkpoints',
  analyses: 'analyses',
  sweepIndex: 'sweep.json',
} as const;

/** `checkpoints/step-000100.safetensors` (zero-padded so names sort by step). */
export function checkpointFile(runDir: string, step: number): string {
  return path.join(
    runDir,
    runFiles.checkpoints,
    `step-${String(step).padStart(6, '0')}.safetensors`,
  );
}

/** Step of a checkpoint file name, or undefined for other files. */
export function stepOfCheckpoint(fileName: string): number | undefined {
  const m = /^step-(\d+)\.safetensors$/.exec(fileName);
  return m ? Number(m[1]) : undefined;
}

/** A sortable, unique run id: UTC timestamp plus a short random suffix. */
export function newRunId(now: Date, random: () => number): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const suffix = Math.floor(random() * 36 ** 4)
    .toString(36)
    .padStart(4, '0');
  return `${stamp}-${suffix}`;
}

/** Default runs root of a workspace folder. */
export function defaultRunsRoot(workspace: string): string {
  return path.join(workspace, '.replens', 'runs');
}

/** The sweep folder a run folder lies in (`…/sweep-<id>/<run>`), if any. */
export function sweepOfRun(runDir: string): string | undefined {
  const parent = path.dirname(path.resolve(runDir));
  return path.basename(parent).startsWith('sweep-') ? parent : undefined;
}

/** Whether a folder is a sweep folder (by its name). */
export function isSweepFolder(dir: string): boolean {
  return path.basename(path.resolve(dir)).startsWith('sweep-');
}
