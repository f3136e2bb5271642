/**
 * The POLCA commands: Show POLCA Clusters and Show Hessian Spectrum. Each opens the POLCA panel
 * of one run on its view: the run of the argument (tree item, folder), the newest run of a config
 * (its lens, the active config editor), else the run the user picks.
 */
import * as vscode from 'vscode';
import { guardedCommand } from '../../commands/guardedCommand';
import type { Services } from '../../services';
import type { PolcaViewId } from '../../shared/protocol/polcaView';
import { configOfArg } from '../analysisTargets';
import { registerPanelSerializer } from '../panelHost';
import { latestRunOfConfig, pickRuns } from '../runPicker';
import { openPolcaPanel, polcaViewType, restorePolcaPanel } from './panel';
import { type PolcaCommand, polcaCommands, polcaRunOfArg } from './targets';

/** Title of a command's quick pick. */
function pickTitle(view: PolcaViewId): string {
  switch (view) {
    case 'clusters':
      return vscode.l10n.t('Show POLCA Clusters of Run');
    case 'spectrum':
      return vscode.l10n.t('Show Hessian Spectrum of Run');
  }
}

/** The run to show: the argument's, a config's newest, else a pick; undefined when none. */
async function targetRun(
  s: Services,
  view: PolcaViewId,
  arg: unknown,
): Promise<string | undefined> {
  const runDir = polcaRunOfArg(arg);
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
  return (await pickRuns(s, { many: false, title: pickTitle(view) }))?.[0];
}

async function showPolca(s: Services, command: PolcaCommand, arg: unknown): Promise<void> {
  const runDir = await targetRun(s, command.view, arg);
  if (runDir !== undefined) {
    await openPolcaPanel(s, runDir, command.view);
  }
}

/** Registers the POLCA commands and the serializer that restores POLCA panels. */
export function registerPolcaView(s: Services): vscode.Disposable[] {
  return [
    registerPanelSerializer(polcaViewType, (panel, key) => restorePolcaPanel(s, panel, key), s.log),
    ...polcaCommands.map((command) =>
      guardedCommand(s, command.id, (arg: unknown) => showPolca(s, command, arg)),
    ),
  ];
}
