/**
 * The POLCA commands: Show POLCA Clusters and Show Hessian Spectrum. Each opens the POLCA panel
 * of one run on its view: the run of the argument (tree item, folder), the newest run of a config
 * (its lens, the active config editor), else the run the user picks.
 */
import * as vscode from 'vscode';
import { guardedCommand } from '../../commands/guardedCommand';
import type { Services } from '../../services';
import type { PolcaViewId } from '../../shared/protocol/polcaView';
import { runOfArgOrConfig } from '../analysisTargets';
import { runFolderOfArg } from '../commandArgs';
import { registerPanelSerializer } from '../panelHost';
import { openPolcaPanel, polcaViewType, restorePolcaPanel } from './panel';
import { type PolcaCommand, polcaCommands } from './targets';

/** Title of a command's quick pick. */
function pickTitle(view: PolcaViewId): string {
  switch (view) {
    case 'clusters':
      return vscode.l10n.t('Show POLCA Clusters of Run');
    case 'spectrum':
      return vscode.l10n.t('Show Hessian Spectrum of Run');
  }
}

async function showPolca(s: Services, command: PolcaCommand, arg: unknown): Promise<void> {
  const runDir = await runOfArgOrConfig(s, arg, runFolderOfArg, pickTitle(command.view));
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
