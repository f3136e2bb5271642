/**
 * The runs this window drives, as the runs tree merges them: live runs by their folder, and runs
 * queued without a folder yet by the experiment folder they will use.
 */
import * as path from 'node:path';
import type { RunInfo } from '../runs/runManager';
import type { LiveByDir } from './runsTreeDisk';
import { experimentName } from './runsTreeFiles';
import { isActive } from './runsTreeNodes';
import type { RunsTreeModelOptions } from './runsTreeOptions';

/** Live runs by their resolved folder (the newest run of a folder wins). */
export function liveRunsByDir(opts: RunsTreeModelOptions): LiveByDir {
  const map = new Map<string, RunInfo>();
  for (const run of opts.live?.runs() ?? []) {
    if (run.runDir !== undefined) {
      map.set(path.resolve(run.runDir), run); // runs() is oldest first: the newest wins
    }
  }
  return map;
}

/** Runs queued in this window that have no folder yet, by the experiment folder they will use. */
export async function queuedRunsByExperiment(
  opts: RunsTreeModelOptions,
): Promise<Map<string, RunInfo[]>> {
  const out = new Map<string, RunInfo[]>();
  const rootFor = opts.runsRootFor;
  // A sweep's queued jobs are listed under its sweep node, from its index.
  const waiting = (opts.live?.runs() ?? []).filter(
    (r) =>
      r.runDir === undefined &&
      isActive(r.state) &&
      r.configPath !== undefined &&
      r.sweep === undefined,
  );
  if (rootFor === undefined) {
    return out;
  }
  for (const run of waiting) {
    const configPath = run.configPath ?? '';
    const dir = path.resolve(rootFor(configPath), await experimentName(configPath));
    out.set(dir, [...(out.get(dir) ?? []), run]);
  }
  return out;
}
