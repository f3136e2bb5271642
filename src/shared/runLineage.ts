/**
 * Lineage of fine-tunes: a run whose `run.json` has `init.parent` was started from a checkpoint of
 * that parent run. Pure: the runs tree, Compare Runs and Compare with Fine-tunes build it from the
 * manifests they read. A parent is found by its run id (folder name), so a runs root that moved
 * keeps its lineage.
 */
import type { RunManifest, RunParent } from './runManifest';

/** A run as lineage needs it. */
export interface LineageRun {
  runDir: string;
  manifest: Pick<RunManifest, 'runId' | 'experiment' | 'init'>;
}

/** A fine-tune of a run: its folder, id, experiment and the parent's step it started from. */
export interface FineTune {
  runDir: string;
  runId: string;
  experiment: string;
  step: number;
}

/** The parent a run was fine-tuned from, if any. */
export function parentOf(manifest: Pick<RunManifest, 'init'> | undefined): RunParent | undefined {
  return manifest?.init?.parent;
}

/** The fine-tunes of each run, by the parent's run id, in the order the runs were given. */
export function fineTunesByParent(runs: readonly LineageRun[]): Map<string, FineTune[]> {
  const out = new Map<string, FineTune[]>();
  for (const { runDir, manifest } of runs) {
    const parent = parentOf(manifest);
    if (parent !== undefined) {
      const child = {
        runDir,
        runId: manifest.runId,
        experiment: manifest.experiment,
        step: parent.step,
      };
      out.set(parent.runId, [...(out.get(parent.runId) ?? []), child]);
    }
  }
  return out;
}

/** Every fine-tune below a run (children, their children, …), parents before children. */
export function descendants(runId: string, byParent: ReadonlyMap<string, FineTune[]>): FineTune[] {
  const out: FineTune[] = [];
  const seen = new Set([runId]);
  const queue = [runId];
  while (queue.length > 0) {
    for (const child of byParent.get(queue.shift() ?? '') ?? []) {
      if (!seen.has(child.runId)) {
        seen.add(child.runId);
        out.push(child);
        queue.push(child.runId);
      }
    }
  }
  return out;
}

/**
 * Where each run's curves start on a shared step axis: a fine-tune whose parent is among the runs
 * starts at the parent's start plus the checkpoint step it was started from (its step 0 holds the
 * parent's weights at that step); any other run at 0. Keyed by run folder.
 */
export function stepOffsets(runs: readonly LineageRun[]): Map<string, number> {
  const byId = new Map(runs.map((r) => [r.manifest.runId, r]));
  const offsets = new Map<string, number>();
  const offsetOf = (run: LineageRun, depth: number): number => {
    const known = offsets.get(run.runDir);
    if (known !== undefined) {
      return known;
    }
    const parent = parentOf(run.manifest);
    const parentRun = parent && byId.get(parent.runId);
    const offset =
      parent !== undefined && parentRun !== undefined && parentRun !== run && depth < runs.length
        ? offsetOf(parentRun, depth + 1) + parent.step
        : 0;
    offsets.set(run.runDir, offset);
    return offset;
  };
  for (const run of runs) {
    offsetOf(run, 0);
  }
  return offsets;
}
