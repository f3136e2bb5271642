/**
 * Host side of the rule-extrapolation panel (`replens.extrapolation`): the runs of one or more run
 * or sweep folders side by side (validation loss against OOD rule accuracy over checkpoints,
 * sample completions). The key is the sorted absolute folders, so the same selection always
 * reveals the same panel and a restore needs no disk access. The data is computed in a worker on
 * the webview's request; the host only forwards it, and tells the view when a run under one of
 * the folders changes state or a sweep index in one of them is rewritten.
 */
import * as vscode from 'vscode';
import { AnalysisJobs } from '../../runs/analysisJobs';
import type { Services } from '../../services';
import type {
  ExtrapolationHostServes,
  ExtrapolationSnapshot,
  ExtrapolationViewServes,
} from '../../shared/protocol/extrapolationView';
import { extrapolationMessageSchemas } from '../../shared/protocol/extrapolationViewSchemas';
import {
  type OpenPanel,
  PanelHost,
  type PanelSpec,
  type ViewHandlers,
  panelContext,
  plotPanelSpec,
} from '../panelHost';
import {
  checkResultFolders,
  folderNames,
  foldersKey,
  foldersOfKey,
  normalizeFolders,
  watchResultFolders,
} from '../resultFolders';

/** View type of rule-extrapolation panels (contributed as `onWebviewPanel:replens.extrapolation`). */
export const extrapolationViewType = 'replens.extrapolation';

type Host = PanelHost<ExtrapolationHostServes, ExtrapolationViewServes>;
type Spec = PanelSpec<ExtrapolationHostServes, ExtrapolationViewServes>;

function snapshot(folders: readonly string[]): ExtrapolationSnapshot {
  const sources = normalizeFolders(folders);
  const title = vscode.l10n.t('Rule Extrapolation: {0}', folderNames(sources));
  return { key: foldersKey(sources), title, sources };
}

function spec(s: Services, snap: ExtrapolationSnapshot): Spec {
  return plotPanelSpec(s.context.extensionUri, 'extrapolation', {
    viewType: extrapolationViewType,
    key: snap.key,
    title: snap.title,
    schemas: extrapolationMessageSchemas,
    exportDir: vscode.Uri.file(snap.sources[0]),
  });
}

function setup(s: Services, snap: ExtrapolationSnapshot) {
  return (host: Host): ViewHandlers<ExtrapolationHostServes> => {
    const jobs = host.register(new AnalysisJobs(s.workers));
    host.register(
      watchResultFolders(s, snap.sources, (change) => host.notify('extrapolation/changed', change)),
    );
    return {
      'view/ready': () => Promise.resolve(snap),
      'extrapolation/load': () => jobs.run('analysis/extrapolation', { sources: snap.sources }),
    };
  };
}

/**
 * Opens (or reveals) the rule-extrapolation panel of some run or sweep folders beside the active
 * editor. Rejects when there is no folder or one cannot be opened.
 */
export async function openExtrapolationPanel(s: Services, folders: string[]): Promise<OpenPanel> {
  if (folders.length === 0) {
    throw new Error(vscode.l10n.t('No run or sweep folder to compare.'));
  }
  const snap = snapshot(folders);
  await checkResultFolders(snap.sources);
  return PanelHost.show(panelContext(s), spec(s, snap), setup(s, snap));
}

/** Restores a rule-extrapolation panel after a reload from the key it saved. */
export function restoreExtrapolationPanel(
  s: Services,
  panel: vscode.WebviewPanel,
  key: string,
): void {
  const snap = snapshot(foldersOfKey(key, 'rule-extrapolation'));
  PanelHost.adopt(panelContext(s), panel, spec(s, snap), setup(s, snap));
}
