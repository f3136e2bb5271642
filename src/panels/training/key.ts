/**
 * The key of a training panel: one run folder as is, several (a comparison) as a sorted JSON
 * list, so the same set of runs always reveals the same panel. Pure.
 */
import * as path from 'node:path';

/** The panel key of a set of run folders (absolute paths). */
export function trainingKey(runDirs: readonly string[]): string {
  const dirs = [...new Set(runDirs)].sort();
  return dirs.length === 1 ? dirs[0] : JSON.stringify(dirs);
}

/** The run folders of a key, or undefined when the key is not one `trainingKey` makes. */
export function runDirsOfKey(key: string): string[] | undefined {
  let dirs: unknown = [key];
  if (key.startsWith('[')) {
    try {
      dirs = JSON.parse(key);
    } catch {
      return undefined;
    }
  }
  const ok =
    Array.isArray(dirs) &&
    dirs.length > 0 &&
    dirs.every((d) => typeof d === 'string' && path.isAbsolute(d));
  return ok ? (dirs as string[]) : undefined;
}
