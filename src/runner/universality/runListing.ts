/** The runs under run or sweep folders, listed for the pickers of analysis views. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunListing } from '../../shared/protocol/analysisProtocol';
import { tryRunConfigOf } from '../../shared/runConfig';
import { runFiles } from '../../storage/runLayout';
import { listCheckpoints, readManifest } from '../../storage/runStore';
import { type SourceRun, sourceRuns } from '../analysisRuns';

/** Every run that has a folder under the sources (unreadable ones are left out). */
export function listRuns(sources: readonly string[]): { runs: RunListing[]; sweeps: string[] } {
  const runs: RunListing[] = [];
  const sweeps = sources.filter((s) => fs.existsSync(path.join(s, runFiles.sweepIndex)));
  for (const r of sources.flatMap((s) => sourceRuns(s))) {
    const listing = listing1(r);
    if (listing !== undefined) {
      runs.push(listing);
    }
  }
  return { runs, sweeps };
}

function listing1(r: SourceRun): RunListing | undefined {
  try {
    const m = readManifest(r.runDir);
    const config = tryRunConfigOf(m);
    return {
      runDir: r.runDir,
      runId: m.runId,
      experiment: m.experiment,
      status: m.status,
      label: overridesLabel(r.overrides) ?? m.runId,
      task: config?.task.kind ?? '?',
      model: config?.model.kind ?? '?',
      checkpoints: listCheckpoints(r.runDir).length,
    };
  } catch {
    return undefined;
  }
}

/** "seed 2, hidden [64]" from a sweep job's grid values; undefined for a lone run. */
export function overridesLabel(overrides: Record<string, unknown>): string | undefined {
  const parts = Object.entries(overrides).map(([k, v]) => {
    const name = k === 'train.seed' ? 'seed' : (k.split('.').pop() ?? k);
    return `${name} ${Array.isArray(v) ? `[${v.join(', ')}]` : String(v)}`;
  });
  return parts.length > 0 ? parts.join(', ') : undefined;
}
