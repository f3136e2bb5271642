/**
 * Helpers for tests of the runs tree model: temp runs roots, a fake RunManager, and queries on
 * the model's children.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunChange, RunInfo } from '../../src/runs/runManager';
import { Emitter } from '../../src/util/emitter';
import { type LiveRuns, RunsTreeModel } from '../../src/views/runsTreeModel';
import type { RunsNode, RunsRoot } from '../../src/views/runsTreeNodes';
import { tempDir as tempBase } from './runs';

const base = tempBase('replens-tree-');
/** A fresh folder under one temporary base (removed when the process exits). */
export const tempRoot = (): string => fs.mkdtempSync(path.join(base, 'root-'));

/** RunManager's observable surface, driven by the test. */
export class FakeLive implements LiveRuns {
  readonly list: RunInfo[] = [];
  private readonly emitter = new Emitter<RunChange>();
  readonly onDidChangeRun = this.emitter.event;

  runs(): RunInfo[] {
    return this.list;
  }

  fire(run: RunInfo, kind: RunChange['kind']): void {
    this.emitter.fire({ run, kind });
  }
}

/** A model over the given roots, with a short throttle. */
export function modelOf(
  roots: string[],
  extra: Partial<ConstructorParameters<typeof RunsTreeModel>[0]> = {},
): RunsTreeModel {
  const asRoots = roots.map((p): RunsRoot => ({ path: p, label: path.basename(p) }));
  return new RunsTreeModel({ roots: () => asRoots, throttleMs: 5, ...extra });
}

/** `kind name` of a node, for comparing listings. */
export function labelOf(n: RunsNode): string {
  switch (n.kind) {
    case 'root':
      return `root ${n.root.label}`;
    case 'experiment':
    case 'sweep':
    case 'run':
      return `${n.kind} ${n.name}`;
    case 'checkpoint':
      return `checkpoint ${n.step}`;
    case 'analysis':
      return `analysis ${n.analysisKind}`;
    case 'externals':
      return 'externals';
    case 'external':
      return `external ${n.name}`;
    case 'pending':
    case 'message':
      return `${n.kind} ${n.label}`;
  }
}

/** Labels of a node's children. */
export async function childLabels(model: RunsTreeModel, node?: RunsNode): Promise<string[]> {
  return (await model.children(node)).map(labelOf);
}

/** The children of one kind. */
export async function only<K extends RunsNode['kind']>(
  model: RunsTreeModel,
  node: RunsNode | undefined,
  kind: K,
): Promise<Extract<RunsNode, { kind: K }>[]> {
  return (await model.children(node)).filter(
    (n): n is Extract<RunsNode, { kind: K }> => n.kind === kind,
  );
}

/** Resolves with the next change event of the model. */
export function nextChange(model: RunsTreeModel): Promise<RunsNode[] | undefined> {
  return new Promise((resolve) => {
    const sub = model.onDidChange((nodes) => {
      sub.dispose();
      resolve(nodes);
    });
  });
}
