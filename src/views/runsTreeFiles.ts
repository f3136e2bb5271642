/**
 * Asynchronous reads that never throw, for the runs tree: folder listings, JSON validated by a
 * schema (with a one-line reason when it is missing, torn, foreign or from a newer format), file
 * times, and the experiment name a config will run under.
 */
import type { Dirent } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { manifestFormatVersion } from '../shared/runManifest';

/** A folder listing, or why there is none. */
export type Entries =
  { ok: true; entries: Dirent[] } | { ok: false; missing: boolean; message: string };

/** Non-hidden entries of a folder. */
export async function readEntries(dir: string): Promise<Entries> {
  try {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    return { ok: true, entries: entries.filter((e) => !e.name.startsWith('.')) };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { ok: false, missing: err.code === 'ENOENT', message: err.message };
  }
}

/** Non-hidden subfolders of a folder. */
export async function subdirs(dir: string): Promise<Entries> {
  const r = await readEntries(dir);
  return r.ok ? { ok: true, entries: r.entries.filter((e) => e.isDirectory()) } : r;
}

/** Validated JSON from a file, or why it is not usable. */
export async function readJson<T>(
  file: string,
  parse: (raw: unknown) => { success: true; data: T } | { success: false; error: ZodLike },
): Promise<{ value?: T; error?: string; missing?: boolean }> {
  const name = path.basename(file);
  let raw: unknown;
  try {
    raw = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') {
      return { missing: true, error: `no ${name}` };
    }
    return { error: `${name} is unreadable (${err.message})` };
  }
  const version = (raw as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version === 'number' && version !== manifestFormatVersion) {
    return {
      error: `${name} has format version ${version}; this Replens reads version ${manifestFormatVersion}`,
    };
  }
  const parsed = parse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.join('.');
    return { error: `${name} is invalid${where ? ` at "${where}"` : ''}: ${issue.message}` };
  }
  return { value: parsed.data };
}

/** The part of a zod error the messages use. */
export interface ZodLike {
  issues: { path: PropertyKey[]; message: string }[];
}

/** Newest modification time (ms) of some files of a folder; undefined if none exists. */
export async function newestMtime(
  dir: string,
  names: readonly string[],
): Promise<number | undefined> {
  const times = await Promise.all(
    names.map((n) =>
      fs.stat(path.join(dir, n)).then(
        (s) => s.mtimeMs,
        () => 0,
      ),
    ),
  );
  const newest = Math.max(...times);
  return newest > 0 ? newest : undefined;
}

/** Names of the files of a folder that `keep` accepts (none when it is missing). */
export async function countFiles(dir: string, keep: (name: string) => boolean): Promise<string[]> {
  const r = await readEntries(dir);
  return r.ok ? r.entries.filter((e) => e.isFile() && keep(e.name)).map((e) => e.name) : [];
}

/** The experiment name a config will run under: its `name`, else its file name (as the CLI does). */
export async function experimentName(configPath: string): Promise<string> {
  try {
    const value: unknown = parseJsonc(await fs.readFile(configPath, 'utf8'));
    const name = (value as { name?: unknown } | null)?.name;
    if (typeof name === 'string' && /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
      return name;
    }
  } catch {
    // Unreadable: fall back to the file name.
  }
  const stem = path
    .basename(configPath)
    .replace(/\.replens\.jsonc?$/i, '')
    .replace(/\.jsonc?$/i, '');
  const safe = stem.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return safe.length > 0 ? safe : 'experiment';
}
