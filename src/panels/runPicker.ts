/** Quick picks of runs: the run folders under the workspace's runs roots plus the live runs. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { workspaceRunsRoots } from '../config';
import type { Services } from '../services';
import type { TrainingRunStatus } from '../shared/protocol/trainingView';
import { ExternalFolderList } from '../views/externalFolderList';
import { isExternalFolder } from './externalChoice';
import { listRuns, type RunEntry } from './runDiscovery';

const icons: Record<TrainingRunStatus, string> = {
  queued: 'clock',
  starting: 'loading~spin',
  running: 'sync~spin',
  done: 'pass',
  failed: 'error',
  cancelled: 'circle-slash',
};

interface RunItem extends vscode.QuickPickItem {
  runDir: string;
}

function toItem(run: RunEntry): RunItem {
  return {
    label: `$(${icons[run.status]}) ${run.label}`,
    description: vscode.l10n.t('{0} · step {1}', run.status, run.step),
    detail: vscode.workspace.asRelativePath(run.runDir),
    runDir: run.runDir,
  };
}

/** The external folders opened in Replens that are still readable, as pick items. */
function externalItems(s: Services): RunItem[] {
  return new ExternalFolderList(s.context.workspaceState)
    .folders()
    .filter(isExternalFolder)
    .map((dir) => ({
      label: `$(file-symlink-directory) ${path.basename(dir)}`,
      description: vscode.l10n.t('external folder'),
      detail: vscode.workspace.asRelativePath(dir),
      runDir: dir,
    }));
}

/** Every known run, newest first. */
export function knownRuns(s: Services): Promise<RunEntry[]> {
  return listRuns(workspaceRunsRoots(), s.runs.runs());
}

/** The newest run trained from a config file, if any. */
export async function latestRunOfConfig(
  s: Services,
  configPath: string,
): Promise<RunEntry | undefined> {
  const wanted = path.resolve(configPath);
  const runs = await knownRuns(s);
  return runs.find((r) => r.configPath !== undefined && path.resolve(r.configPath) === wanted);
}

/**
 * Lets the user pick one run (or several with `many`), and with `external` also the external
 * folders opened in Replens (for the views that show them); resolves the folders, or undefined
 * when the pick was dismissed. Tells the user when there is nothing to pick.
 */
export async function pickRuns(
  s: Services,
  options: { many: boolean; title: string; external?: boolean },
): Promise<string[] | undefined> {
  const runs = await knownRuns(s);
  const external = options.external === true ? externalItems(s) : [];
  if (runs.length === 0 && external.length === 0) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('No runs yet: run an experiment (▶ Run on a *.replens.json) first.'),
    );
    return undefined;
  }
  const items = [...runs.map(toItem), ...external];
  const common = { title: options.title, matchOnDetail: true, matchOnDescription: true };
  if (options.many) {
    const picked = await vscode.window.showQuickPick(items, { ...common, canPickMany: true });
    return picked === undefined || picked.length === 0 ? undefined : picked.map((i) => i.runDir);
  }
  const picked = await vscode.window.showQuickPick(items, common);
  return picked === undefined ? undefined : [picked.runDir];
}
