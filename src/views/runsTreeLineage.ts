/**
 * Fine-tune lineage in the runs tree: which runs were fine-tuned from a run (found by reading
 * every manifest under the runs roots once per full refresh) and the words that show it. A
 * fine-tune's description names its parent and step; a parent's counts its fine-tunes and its
 * context value gains `.tuned` (the menu then offers Compare with Fine-tunes).
 */
import { type FineTune, fineTunesByParent, parentOf } from '../shared/runLineage';
import { allRuns } from '../storage/runFolders';
import type { RunNode, RunsNode, RunsRoot } from './runsTreeNodes';

/** The fine-tunes of every run under the roots, read at most once until invalidated. */
export class LineageIndex {
  private index: Promise<Map<string, FineTune[]>> | undefined;

  constructor(private readonly roots: () => RunsRoot[]) {}

  /** Forgets the index: the next listing reads the manifests again. */
  invalidate(): void {
    this.index = undefined;
  }

  /** Sets `fineTunes` on the run nodes among `nodes`. */
  async annotate(nodes: readonly RunsNode[]): Promise<void> {
    const runs = nodes.filter((n): n is RunNode => n.kind === 'run' && n.manifest !== undefined);
    if (runs.length === 0) {
      return;
    }
    this.index ??= allRuns(this.roots().map((r) => r.path)).then(fineTunesByParent);
    const index = await this.index;
    for (const run of runs) {
      const tunes = run.manifest === undefined ? undefined : index.get(run.manifest.runId);
      if (tunes === undefined) {
        delete run.fineTunes;
      } else {
        run.fineTunes = tunes;
      }
    }
  }
}

/** ` · fine-tuned from <parent> @ step N` and/or ` · 2 fine-tunes` ('' for neither). */
export function lineageDescription(run: RunNode): string {
  const parts: string[] = [];
  const parent = parentOf(run.manifest);
  if (parent !== undefined) {
    const name =
      parent.experiment === run.manifest?.experiment
        ? parent.runId
        : `${parent.experiment}/${parent.runId}`;
    parts.push(`fine-tuned from ${name} @ step ${parent.step}`);
  }
  const n = run.fineTunes?.length ?? 0;
  if (n > 0) {
    parts.push(`${n} fine-tune${n === 1 ? '' : 's'}`);
  }
  return parts.map((p) => ` · ${p}`).join('');
}

/** Tooltip lines: the parent (with its folder) and each fine-tune. */
export function lineageTooltip(run: RunNode): [key: string, value: string][] {
  const out: [string, string][] = [];
  const parent = parentOf(run.manifest);
  if (parent !== undefined) {
    out.push([
      'Fine-tuned from',
      `${parent.experiment}/${parent.runId} at step ${parent.step} (\`${parent.runDir}\`)`,
    ]);
  }
  for (const t of run.fineTunes ?? []) {
    out.push(['Fine-tune', `${t.experiment}/${t.runId} from step ${t.step}`]);
  }
  return out;
}

/** The context value of a run with fine-tunes gains `.tuned`. */
export function lineageContextValue(base: string, run: RunNode): string {
  return (run.fineTunes?.length ?? 0) > 0 ? `${base}.tuned` : base;
}
