/**
 * What the POLCA commands open, pure (no vscode, unit-tested in plain Node): the view of each
 * command, the run folder an argument names (a tree item, a path, a folder URI; not a config or
 * a sweep), the panel key of a run, and which of the two analyses a run's task offers.
 */
import * as path from 'node:path';
import type { PolcaViewId } from '../../shared/protocol/polcaView';
import { runDirOfArg } from '../commandArgs';

export interface PolcaCommand {
  id: string;
  view: PolcaViewId;
}

/** The POLCA commands, in palette order. */
export const polcaCommands: readonly PolcaCommand[] = [
  { id: 'replens.showPolca', view: 'clusters' },
  { id: 'replens.showHessian', view: 'spectrum' },
];

/** Tasks whose tokens carry the skill labels POLCA clusters against. */
export const polcaTasks: readonly string[] = ['addition'];

function isSweepNode(arg: unknown): boolean {
  return typeof arg === 'object' && arg !== null && 'kind' in arg && arg.kind === 'sweep';
}

/**
 * The run folder an argument names: a run tree item, `{runDir}`, a path or a folder URI. Configs
 * (`*.replens.json`, a lens's `{configUri}`) and sweep tree nodes name none.
 */
export function polcaRunOfArg(arg: unknown): string | undefined {
  if (isSweepNode(arg)) {
    return undefined;
  }
  const dir = runDirOfArg(arg);
  return dir === undefined || /\.replens\.json$/i.test(dir) ? undefined : dir;
}

/** The run folder a saved panel key names (the key is the absolute run folder). */
export function polcaRunOfKey(key: string): string {
  if (!path.isAbsolute(key)) {
    throw new Error(`not a POLCA panel key: ${key.slice(0, 200)}`);
  }
  return key;
}

/** The analyses a run offers in Show Analysis…: POLCA for tasks with skill labels, Hessian always. */
export function polcaAnalysesOfTask(taskKind: unknown): PolcaViewId[] {
  return typeof taskKind === 'string' && polcaTasks.includes(taskKind)
    ? ['clusters', 'spectrum']
    : ['spectrum'];
}
