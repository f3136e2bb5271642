/**
 * Host side of the POLCA panel (`replens.polca`): the POLCA clusters and the Hessian spectrum of
 * one run folder, which is the panel's key (so a restore needs no disk access). Both analyses are
 * computed in workers on the webview's request, one worker per kind; the host forwards each
 * worker's progress to the page, kills a job when the page cancels it, and tells the view when
 * the run changes state.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AnalysisJobs, type JobOptions } from '../../runs/analysisJobs';
import type { Services } from '../../services';
import {
  type PolcaHostServes,
  type PolcaJob,
  type PolcaSnapshot,
  type PolcaViewId,
  type PolcaViewServes,
  polcaViews,
} from '../../shared/protocol/polcaView';
import { polcaMessageSchemas } from '../../shared/protocol/polcaViewSchemas';
import { LivePanels } from '../livePanels';
import {
  type OpenPanel,
  PanelHost,
  type PanelSpec,
  type ViewHandlers,
  panelContext,
  plotPanelSpec,
} from '../panelHost';
import { checkResultFolders, watchResultFolders } from '../resultFolders';
import { runLabel } from '../runReader';
import { polcaRunOfKey } from './targets';

/** View type of POLCA panels (contributed as `onWebviewPanel:replens.polca`). */
export const polcaViewType = 'replens.polca';

type Host = PanelHost<PolcaHostServes, PolcaViewServes>;
type Spec = PanelSpec<PolcaHostServes, PolcaViewServes>;

const livePanels = new LivePanels<Host, PolcaViewId>((host, view) =>
  host.notify('polca/show', { view }),
);

function snapshot(runDir: string, view: PolcaViewId): PolcaSnapshot {
  const title = vscode.l10n.t('POLCA: {0}', runLabel(runDir));
  return { key: runDir, title, runDir, view };
}

function spec(s: Services, snap: PolcaSnapshot): Spec {
  return plotPanelSpec(s.context.extensionUri, 'polca', {
    viewType: polcaViewType,
    key: snap.key,
    title: snap.title,
    schemas: polcaMessageSchemas,
    exportDir: vscode.Uri.file(snap.runDir),
  });
}

function setup(s: Services, snap: PolcaSnapshot) {
  return (host: Host): ViewHandlers<PolcaHostServes> => {
    const live = livePanels.track(snap.key, host, snap.view);
    // One slot per job; a request equal to the one in flight joins it (a page reloaded after
    // being hidden asks again, and must not restart minutes of work), with its latest progress.
    const jobs = host.register(new AnalysisJobs(s.workers));
    const slot = (job: PolcaJob): JobOptions => ({
      slot: job,
      join: true,
      onProgress: (p) => host.notify('polca/progress', { job, ...p }),
    });
    const [polca, hessian] = [slot('polca'), slot('hessian')];
    const { runDir } = snap;
    host.register(
      watchResultFolders(s, [runDir], (change) => host.notify('polca/changed', change)),
    );
    return {
      'view/ready': () => Promise.resolve({ ...snap, view: live.view }),
      'polca/load': ({ options }) => jobs.run('analysis/polca', { runDir, options }, polca),
      'polca/hessian': ({ options }) => jobs.run('analysis/hessian', { runDir, options }, hessian),
      'polca/cancel': ({ job }) => Promise.resolve({ cancelled: jobs.cancel(job) }),
    };
  };
}

/**
 * Opens the POLCA panel of a run folder beside the active editor on `view`, or reveals the open
 * one and switches it to `view`. Rejects when the folder cannot be opened.
 */
export async function openPolcaPanel(
  s: Services,
  runDir: string,
  view: PolcaViewId,
): Promise<OpenPanel> {
  const dir = path.resolve(runDir);
  await checkResultFolders([dir]);
  const open = livePanels.reveal(dir, view);
  if (open !== undefined) {
    return open;
  }
  const snap = snapshot(dir, view);
  return PanelHost.show(panelContext(s), spec(s, snap), setup(s, snap));
}

/** Restores a POLCA panel after a reload from the key (the run folder) it saved; its view comes
 * back from the webview's own saved state. */
export function restorePolcaPanel(s: Services, panel: vscode.WebviewPanel, key: string): void {
  const snap = snapshot(polcaRunOfKey(key), polcaViews[0]);
  PanelHost.adopt(panelContext(s), panel, spec(s, snap), setup(s, snap));
}
