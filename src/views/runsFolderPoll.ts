/**
 * A safety net under the file watchers: every few seconds, list the run and sweep folders of each
 * runs root (two directory reads per experiment, no file contents) and ask for a refresh when the
 * set changed. File watchers can miss folders created before the watcher saw their parent.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Disposable } from '../util/emitter';

/** Polls `roots()` every `intervalMs` and calls `onChange` when the folder set differs. */
export function pollRunFolders(
  roots: () => string[],
  onChange: () => void,
  intervalMs = 5000,
): Disposable {
  let last: string | undefined;
  let busy = false;
  const tick = async (): Promise<void> => {
    if (busy) {
      return;
    }
    busy = true;
    try {
      const now = (await Promise.all(roots().map(listFolders))).flat().sort().join('\n');
      if (last !== undefined && now !== last) {
        onChange();
      }
      last = now;
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  void tick();
  return { dispose: () => clearInterval(timer) };
}

async function listFolders(root: string): Promise<string[]> {
  const experiments = await subdirs(root);
  const runs = await Promise.all(experiments.map(async (e) => (await subdirs(e)).concat(e)));
  return runs.flat();
}

async function subdirs(dir: string): Promise<string[]> {
  try {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory()).map((e) => path.join(dir, e.name));
  } catch {
    return [];
  }
}
