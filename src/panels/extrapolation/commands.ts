/**
 * Show Rule Extrapolation: opens the extrapolation panel on runs or sweeps (tree selection,
 * a folder), on the newest sweep or run of a config (its lens), or on runs picked from a list
 * (several to compare, e.g. the normal, oracle and adversarial runs).
 */
import * as vscode from 'vscode';
import { guardedCommand } from '../../commands/guardedCommand';
import type { Services } from '../../services';
import { configOfArg, foldersOfArgs, resultsOfConfig } from '../analysisTargets';
import { registerPanelSerializer } from '../panelHost';
import { pickRuns } from '../runPicker';
import { extrapolationViewType, openExtrapolationPanel, restoreExtrapolationPanel } from './panel';

/** `replens.showExtrapolation`. */
async function showExtrapolation(s: Services, arg: unknown, selection: unknown): Promise<void> {
  const folders = foldersOfArgs(arg, selection);
  if (folders.length > 0) {
    await openExtrapolationPanel(s, folders);
    return;
  }
  const configUri = configOfArg(arg);
  const fromConfig =
    configUri === undefined ? undefined : await resultsOfConfig(s, configUri.fsPath);
  if (fromConfig !== undefined) {
    await openExtrapolationPanel(s, [fromConfig]);
    return;
  }
  const picked = await pickRuns(s, {
    many: true,
    title: vscode.l10n.t('Show Rule Extrapolation of Runs (pick one or more to compare)'),
  });
  if (picked !== undefined) {
    await openExtrapolationPanel(s, picked);
  }
}

/** Registers the extrapolation command and the serializer that restores its panels. */
export function registerExtrapolationView(s: Services): vscode.Disposable[] {
  return [
    registerPanelSerializer(
      extrapolationViewType,
      (panel, key) => restoreExtrapolationPanel(s, panel, key),
      s.log,
    ),
    guardedCommand(s, 'replens.showExtrapolation', (arg: unknown, selection: unknown) =>
      showExtrapolation(s, arg, selection),
    ),
  ];
}
