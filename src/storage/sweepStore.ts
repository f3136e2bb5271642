/**
 * Reading a sweep folder: its `sweep.json` index with the jobs' state derived from the run
 * folders beside it (see `shared/sweepState.ts`), so a sweep reads the same whoever runs its jobs
 * and however far its index was last written.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type SweepIndex, runManifestSchema, sweepIndexSchema } from '../shared/runManifest';
import { type SweepRunFolder, deriveSweepIndex } from '../shared/sweepState';
import { runFiles } from './runLayout';

/** Parses an index file's text; the error names the file. */
function parseIndex(text: string, file: string): SweepIndex {
  try {
    return sweepIndexSchema.parse(JSON.parse(text));
  } catch (e) {
    throw new Error(`${file}: unreadable sweep index (${(e as Error).message})`);
  }
}

/** A sweep folder's index as written (throws when missing or invalid). */
export function readSweepIndex(sweepDir: string): SweepIndex {
  const file = path.join(sweepDir, runFiles.sweepIndex);
  return parseIndex(fs.readFileSync(file, 'utf8'), file);
}

/** A sweep folder's index with its jobs' state derived from its run folders. */
export function readSweepState(sweepDir: string): SweepIndex {
  const index = readSweepIndex(sweepDir);
  const runs = fs
    .readdirSync(sweepDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== 'configs')
    .flatMap((e) => runFolder(path.join(sweepDir, e.name), readText));
  return deriveSweepIndex(index, runs);
}

/** `readSweepState` without blocking (the extension host); undefined when there is no index. */
export async function readSweepStateAsync(sweepDir: string): Promise<SweepIndex | undefined> {
  const file = path.join(sweepDir, runFiles.sweepIndex);
  let text: string;
  try {
    text = await fs.promises.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  const index = parseIndex(text, file);
  const entries = await fs.promises.readdir(sweepDir, { withFileTypes: true });
  const runs = await Promise.all(
    entries
      .filter((e) => e.isDirectory() && e.name !== 'configs')
      .map(async (e) => {
        const runDir = path.join(sweepDir, e.name);
        const manifest = await readTextAsync(path.join(runDir, runFiles.manifest));
        return runFolder(runDir, () => manifest);
      }),
  );
  return deriveSweepIndex(index, runs.flat());
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

async function readTextAsync(file: string): Promise<string | undefined> {
  try {
    return await fs.promises.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** A run folder with its manifest, or nothing when the manifest is missing or damaged. */
function runFolder(runDir: string, read: (file: string) => string | undefined): SweepRunFolder[] {
  const text = read(path.join(runDir, runFiles.manifest));
  if (text === undefined) {
    return [];
  }
  try {
    const parsed = runManifestSchema.safeParse(JSON.parse(text));
    return parsed.success ? [{ runDir, manifest: parsed.data }] : [];
  } catch {
    return [];
  }
}
