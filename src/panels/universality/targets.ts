/**
 * What the universality commands open, pure (no vscode, unit-tested in plain Node): the view of
 * each command, how it asks when invoked without a target, and which folders the panel gets
 * (views that compare runs widen a single sweep member to its sweep; the starvation curves always
 * need the sweep).
 */
import * as path from 'node:path';
import type { RunListing } from '../../shared/protocol/analysisProtocol';
import type { UniversalityViewId } from '../../shared/protocol/universalityView';
import { externalLayoutOf, openExternalFolder } from '../../storage/external/externalFolder';
import { isSweepFolder, sweepOfRun } from '../../storage/runLayout';

/** How a command asks for runs when it got none: one run, several runs, or a sweep. */
export type PickMode = 'one' | 'many' | 'sweep';

export interface UniversalityCommand {
  id: string;
  view: UniversalityViewId;
  pick: PickMode;
}

/** The universality commands, in palette order. */
export const universalityCommands: readonly UniversalityCommand[] = [
  { id: 'replens.showCka', view: 'layers', pick: 'one' },
  { id: 'replens.compareRunsCka', view: 'runs', pick: 'many' },
  { id: 'replens.showStitching', view: 'stitching', pick: 'many' },
  { id: 'replens.showStarvation', view: 'starvation', pick: 'sweep' },
];

/** The sweeps some runs belong to, with their run count, in first-seen order. */
export function sweepsOfRuns(runDirs: readonly string[]): { sweepDir: string; runs: number }[] {
  const counts = new Map<string, number>();
  for (const runDir of runDirs) {
    const sweep = sweepOfRun(runDir);
    if (sweep !== undefined) {
      counts.set(sweep, (counts.get(sweep) ?? 0) + 1);
    }
  }
  return [...counts].map(([sweepDir, runs]) => ({ sweepDir, runs }));
}

/**
 * The folders a view's panel opens on: the starvation view needs sweeps (a run folder stands for
 * its sweep); the views that compare runs take a single sweep member's whole sweep; the layers
 * view takes the folders as they are.
 */
export function panelFolders(view: UniversalityViewId, folders: readonly string[]): string[] {
  if (view === 'starvation') {
    const sweeps = folders.map((f) => (isSweepFolder(f) ? f : (sweepOfRun(f) ?? f)));
    return [...new Set(sweeps.map((f) => path.resolve(f)))];
  }
  if ((view === 'runs' || view === 'stitching') && folders.length === 1) {
    return [sweepOfRun(folders[0]) ?? folders[0]];
  }
  return [...folders];
}

/**
 * The listing of an external folder for the view's run pickers, read on the host from its names
 * and headers (the worker lists run and sweep folders); undefined when `dir` is not one. A folder
 * whose files cannot be read is listed without steps: the analysis then says what is wrong.
 */
export function externalListing(dir: string): RunListing | undefined {
  const layout = externalLayoutOf(dir);
  if (layout === undefined) {
    return undefined;
  }
  let steps = 0;
  try {
    steps = openExternalFolder(dir).steps.length;
  } catch {
    steps = 0;
  }
  const name = path.basename(path.resolve(dir));
  return {
    runDir: path.resolve(dir),
    runId: name,
    experiment: 'external',
    status: 'done',
    label: name,
    task: layout,
    model: 'external',
    // An unreadable folder still gets a heatmap request, whose error names the bad file.
    checkpoints: Math.max(steps, 1),
  };
}

/** The sources split into external folders (listed here) and run or sweep folders (the worker). */
export function splitSources(sources: readonly string[]): {
  external: RunListing[];
  runFolders: string[];
} {
  const external: RunListing[] = [];
  const runFolders: string[] = [];
  for (const source of sources) {
    const listing = externalListing(source);
    if (listing === undefined) {
      runFolders.push(source);
    } else {
      external.push(listing);
    }
  }
  return { external, runFolders };
}
