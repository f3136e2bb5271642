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
import { configPathOfArg, externalDirOfArg, runDirOfArg, runDirsOfArg } from './commandArgs';
import { latestRunOfConfig, pickRuns } from './runPicker';

/**
 * A folder argument: a run (`runDir`), a sweep or external folder tree node (`dir`), a path or a
 * folder URI.
 */
export function folderOfArg(arg: unknown): string | undefined {
  const external = externalDirOfArg(arg);
  if (external !== undefined) {
    return external;
  }
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

/**
 * The run a single-run view opens: the run `runOf` finds in the argument (tree item, folder), the
 * newest run of a config (its lens, a config URI, the active config editor; a config without runs
 * says so and gives none), else the run (or, with `external`, external folder) the user picks.
 */
export async function runOfArgOrConfig(
  s: Services,
  arg: unknown,
  runOf: (arg: unknown) => string | undefined,
  pickTitle: string,
  external = false,
): Promise<string | undefined> {
  const runDir = runOf(arg);
  if (runDir !== undefined) {
    return runDir;
  }
  const configUri = configOfArg(arg);
  if (configUri !== undefined) {
    const run = await latestRunOfConfig(s, configUri.fsPath);
    if (run === undefined) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('This experiment has no run yet: run it first.'),
      );
    }
    return run?.runDir;
  }
  return (await pickRuns(s, { many: false, title: pickTitle, external }))?.[0];
}
