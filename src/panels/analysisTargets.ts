/**
 * What an analysis command was invoked on: a run or sweep folder (tree items, paths, folder
 * URIs), a config (a lens's `{configUri}`, a config URI, the active config editor), or nothing.
 * Shared by the completeness and extrapolation commands.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isConfigUri } from '../codelens/configDocuments';
import * as settings from '../config';
import type { Services } from '../services';
import { newestSweep } from '../storage/runFolders';
import { experimentName } from '../views/runsTreeFiles';
import { configPathOfArg, runDirOfArg, runDirsOfArg } from './commandArgs';
import { latestRunOfConfig } from './runPicker';

/** A folder argument: a run (`runDir`), a sweep tree node (`dir`), a path or a folder URI. */
export function folderOfArg(arg: unknown): string | undefined {
  if (typeof arg === 'object' && arg !== null && 'kind' in arg && arg.kind === 'sweep') {
    const dir = (arg as { dir?: unknown }).dir;
    return typeof dir === 'string' ? dir : undefined;
  }
  const dir = runDirOfArg(arg);
  return dir === undefined || /\.replens\.json$/i.test(dir) ? undefined : dir;
}

/** Folders of a tree multi-selection (runs and sweeps), else of the single argument. */
export function foldersOfArgs(arg: unknown, selection: unknown): string[] {
  const many = Array.isArray(selection) ? selection : [];
  const fromSelection = many.map(folderOfArg).filter((d): d is string => d !== undefined);
  if (fromSelection.length > 1) {
    return fromSelection;
  }
  const one = folderOfArg(arg);
  return one !== undefined ? [one] : runDirsOfArg(arg);
}

/** A config argument: a lens's `{configUri}`, a config URI, or the active config editor. */
export function configOfArg(arg: unknown): vscode.Uri | undefined {
  const fromLens = configPathOfArg(arg);
  if (fromLens !== undefined) {
    return vscode.Uri.file(fromLens);
  }
  if (arg instanceof vscode.Uri) {
    return isConfigUri(arg) ? arg : undefined;
  }
  const active = vscode.window.activeTextEditor?.document.uri;
  return arg === undefined && active !== undefined && isConfigUri(active) ? active : undefined;
}

/** The newest sweep folder of a config, else its newest run folder, else undefined. */
export async function resultsOfConfig(
  s: Services,
  configPath: string,
): Promise<string | undefined> {
  const root = settings.runsRootFor(configPath);
  const experimentDir = path.join(root, await experimentName(configPath));
  const sweep = await newestSweep(
    experimentDir,
    (i) => i.configPath !== undefined && path.resolve(i.configPath) === path.resolve(configPath),
  );
  if (sweep !== undefined) {
    return sweep.sweepDir;
  }
  return (await latestRunOfConfig(s, configPath))?.runDir;
}
