/**
 * Commands that open the completeness panel: Show Completeness (a run or sweep folder, or the
 * newest sweep / run of a config, falling back to the config's step-0 preview) and Show Step-0
 * Completeness (a config's initial embedding, no training). Handlers only resolve what to show.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isConfigUri } from '../codelens/configDocuments';
import * as settings from '../config';
import { type CompletenessSource, openCompletenessPanel } from '../editors/completenessPanel';
import type { Services } from '../services';
import { newestSweep } from '../storage/runFolders';
import { experimentName } from '../views/runsTreeFiles';
import { configPathOfArg, runDirOfArg } from './commandArgs';
import { latestRunOfConfig, pickRuns } from './runPicker';

/** A folder argument: a run (`runDir`), a sweep tree node (`dir`), a path or a folder URI. */
function folderOfArg(arg: unknown): string | undefined {
  if (typeof arg === 'object' && arg !== null && 'kind' in arg && arg.kind === 'sweep') {
    const dir = (arg as { dir?: unknown }).dir;
    return typeof dir === 'string' ? dir : undefined;
  }
  const dir = runDirOfArg(arg);
  return dir === undefined || /\.replens\.json$/i.test(dir) ? undefined : dir;
}

/** A config argument: a lens's `{configUri}`, a config URI, or the active config editor. */
function configOfArg(arg: unknown): vscode.Uri | undefined {
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

/** The newest sweep of a config, else its newest run, else its step-0 preview. */
async function sourceOfConfig(s: Services, configUri: vscode.Uri): Promise<CompletenessSource> {
  const configPath = configUri.fsPath;
  const experimentDir = path.join(
    settings.runsRootFor(configPath),
    await experimentName(configPath),
  );
  const sweep = await newestSweep(
    experimentDir,
    (i) => i.configPath !== undefined && path.resolve(i.configPath) === path.resolve(configPath),
  );
  if (sweep !== undefined) {
    return { kind: 'results', folder: sweep.sweepDir };
  }
  const run = await latestRunOfConfig(s, configPath);
  return run === undefined
    ? { kind: 'initial', configUri }
    : { kind: 'results', folder: run.runDir };
}

/** `replens.showCompleteness`. */
async function showCompleteness(s: Services, arg: unknown): Promise<void> {
  const folder = folderOfArg(arg);
  if (folder !== undefined) {
    await openCompletenessPanel(s, { kind: 'results', folder });
    return;
  }
  const configUri = configOfArg(arg);
  if (configUri !== undefined) {
    await openCompletenessPanel(s, await sourceOfConfig(s, configUri));
    return;
  }
  const picked = await pickRuns(s, {
    many: false,
    title: vscode.l10n.t('Show Completeness of Run'),
  });
  if (picked !== undefined) {
    await openCompletenessPanel(s, { kind: 'results', folder: picked[0] });
  }
}

/** `replens.showInitialCompleteness`: the step-0 preview of a config. */
async function showInitialCompleteness(s: Services, arg: unknown): Promise<void> {
  const configUri = configOfArg(arg);
  if (configUri === undefined) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Open a *.replens.json config to preview its initial embedding.'),
    );
    return;
  }
  await openCompletenessPanel(s, { kind: 'initial', configUri });
}

/** Registers the completeness commands; failures go to the log and an error notification. */
export function registerCompletenessCommands(s: Services): vscode.Disposable[] {
  const guarded =
    (id: string, body: (arg: unknown) => Promise<void>) =>
    async (arg: unknown): Promise<void> => {
      try {
        await body(arg);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        s.log.error(`${id}: ${message}`);
        void vscode.window.showErrorMessage(message);
      }
    };
  return [
    vscode.commands.registerCommand(
      'replens.showCompleteness',
      guarded('replens.showCompleteness', (arg) => showCompleteness(s, arg)),
    ),
    vscode.commands.registerCommand(
      'replens.showInitialCompleteness',
      guarded('replens.showInitialCompleteness', (arg) => showInitialCompleteness(s, arg)),
    ),
  ];
}
