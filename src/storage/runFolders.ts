/**
 * Finding run folders on disk without blocking: `<root>/<experiment>/<runId>/run.json` and, for
 * sweeps, `<root>/<experiment>/<sweepId>/<runId>/run.json`. For the extension host (code lenses,
 * quick picks), which must not do synchronous I/O. Unreadable folders and manifests are skipped.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type RunManifest, type SweepIndex, sweepIndexSchema } from '../shared/runManifest';
import { runFiles } from './runLayout';
import { tryReadManifestAsync } from './runStore';

/** A run folder and its manifest. */
export interface RunFolder {
  runDir: string;
  manifest: RunManifest;
}

/**
 * The newest run directly in an experiment folder (sweep folders are not searched) whose manifest
 * satisfies `accept`. Run ids start with a UTC timestamp, so names sort by start time; at most
 * `maxReads` manifests are read.
 */
export async function newestRun(
  experimentDir: string,
  accept: (m: RunManifest) => boolean,
  maxReads = 50,
): Promise<RunFolder | undefined> {
  const dirs = (await subfolders(experimentDir)).sort().reverse().slice(0, maxReads);
  for (const runDir of dirs) {
    const manifest = await tryReadManifestAsync(runDir);
    if (manifest !== undefined && accept(manifest)) {
      return { runDir, manifest };
    }
  }
  return undefined;
}

/** Every run under the given runs roots, sweep members included, newest first. */
export async function allRuns(roots: readonly string[]): Promise<RunFolder[]> {
  const found: RunFolder[] = [];
  for (const root of roots) {
    for (const experimentDir of await subfolders(root)) {
      for (const dir of await subfolders(experimentDir)) {
        found.push(...(await runsIn(dir)));
      }
    }
  }
  return found.sort((a, b) => b.manifest.startedAt.localeCompare(a.manifest.startedAt));
}

/** The run in `dir`, or the runs of the sweep in `dir`. */
async function runsIn(dir: string): Promise<RunFolder[]> {
  const manifest = await tryReadManifestAsync(dir);
  if (manifest !== undefined) {
    return [{ runDir: dir, manifest }];
  }
  const members: RunFolder[] = [];
  for (const runDir of await subfolders(dir)) {
    const m = await tryReadManifestAsync(runDir);
    if (m !== undefined) {
      members.push({ runDir, manifest: m });
    }
  }
  return members;
}

async function subfolders(dir: string): Promise<string[]> {
  try {
    const entries = await fs.promises.readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory()).map((e) => path.join(dir, e.name));
  } catch {
    return [];
  }
}

/** A sweep folder and its index. */
export interface SweepFolder {
  sweepDir: string;
  index: SweepIndex;
}

/**
 * The newest sweep folder (`sweep-<id>`, named by start time) directly in an experiment folder
 * whose index satisfies `accept`; at most `maxReads` indexes are read.
 */
export async function newestSweep(
  experimentDir: string,
  accept: (index: SweepIndex) => boolean,
  maxReads = 50,
): Promise<SweepFolder | undefined> {
  const dirs = (await subfolders(experimentDir))
    .filter((d) => path.basename(d).startsWith('sweep-'))
    .sort()
    .reverse()
    .slice(0, maxReads);
  for (const sweepDir of dirs) {
    try {
      const text = await fs.promises.readFile(path.join(sweepDir, runFiles.sweepIndex), 'utf8');
      const index = sweepIndexSchema.parse(JSON.parse(text));
      if (accept(index)) {
        return { sweepDir, index };
      }
    } catch {
      // Unreadable or foreign index: not a candidate.
    }
  }
  return undefined;
}
