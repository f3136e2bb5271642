/**
 * The external folders' part of the runs tree: a group node after the experiments, one node per
 * folder opened in Replens, with its layout or why it is not (any more) a recognised one. No
 * vscode import: tested in plain Node on real temporary folders.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ExternalGroupNode, ExternalLayoutName, ExternalNode } from './runsTreeNodes';

/** Where the tree's external folders come from. */
export interface ExternalSource {
  /** The folders, absolute, in the order the user added them. */
  folders(): readonly string[];
  /** The folder's layout from its file names (cheap), else undefined. */
  layoutOf(dir: string): ExternalLayoutName | undefined;
}

/** The id of the group node. */
export const externalGroupId = 'externals';

/** The group node, when there is any external folder. */
export function externalGroup(source: ExternalSource | undefined): ExternalGroupNode[] {
  return source !== undefined && source.folders().length > 0
    ? [{ kind: 'externals', id: externalGroupId }]
    : [];
}

/** One node per external folder, in the order they were added. */
export function listExternals(source: ExternalSource, parent: ExternalGroupNode): ExternalNode[] {
  return source.folders().map((dir) => {
    const node: ExternalNode = {
      kind: 'external',
      id: `ext:${dir}`,
      dir,
      name: path.basename(dir),
      parent,
    };
    try {
      const layout = source.layoutOf(dir);
      if (layout !== undefined) {
        return { ...node, layout };
      }
      return { ...node, error: missingLayout(dir) };
    } catch (e) {
      return { ...node, error: e instanceof Error ? e.message : String(e) };
    }
  });
}

/** Why a folder is not an external folder, in words naming what is missing. */
export function missingLayout(dir: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    return 'folder not found';
  }
  if (!stat.isDirectory()) {
    return 'not a folder';
  }
  if (fs.existsSync(path.join(dir, 'run.json'))) {
    return 'a Replens run folder (it shows under its experiment), not an external folder';
  }
  return (
    'no activations/step-<N>.safetensors, .npz or step-<N>/<layer>.npy, and no ' +
    'checkpoint-<step>/model.safetensors'
  );
}
