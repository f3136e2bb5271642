/**
 * Host side of the POLCA panel (`replens.polca`): the POLCA clusters and the Hessian spectrum of
 * one run folder, which is the panel's key (so a restore needs no disk access). Both analyses are
 * computed in workers on the webview's request, one worker per kind; the host forwards each
 * worker's progress to the page, kills a job when the page cancels it, and tells the view when
 * the run changes state.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LivePanels } from '../panels/livePanels';
import {
  type OpenPanel,
  PanelHost,
  type PanelSpec,
  type ViewHandlers,
  panelContext,
  plotPanelSpec,
} from '../panels/panelHost';
import { polcaRunOfKey } from '../panels/polcaTargets';
import { runLabel } from '../panels/runReader';
import type { WorkerFactory } from '../runs/workerClient';
import type { Services } from '../services';
import type { AnalysisRequests } from '../shared/protocol/analysisProtocol';
import {
  type PolcaHostServes,
  type PolcaJob,
  type PolcaProgress,
  type PolcaSnapshot,
  type PolcaViewId,
  type PolcaViewServes,
  polcaViews,
} from '../shared/protocol/polcaView';
import { polcaMessageSchemas } from '../shared/protocol/polcaViewSchemas';
import { checkResultFolders, watchResultFolders } from './resultFolders';
import { WorkerJobs } from './workerJobs';

/** View type of POLCA panels (contributed as `onWebviewPanel:replens.polca`). */
export const polcaViewType = 'replens.polca';

type Host = PanelHost<PolcaHostServes, PolcaViewServes>;
type Spec = PanelSpec<PolcaHostServes, PolcaViewServes>;
type JobMethod = 'analysis/polca' | 'analysis/hessian';

const livePanels = new LivePanels<Host, PolcaViewId>((host, view) =>
  host.notify('polca/show', { view }),
);

/**
 * One kind of job of a panel. A request equal to the one in flight joins it (a page reloaded
 * after being hidden asks again, and must not restart minutes of work), with the latest progress
 * sent again; another request supersedes it. Cancel kills the worker: the `WorkerJobs` is
 * disposed (which kills it) and replaced, so later requests still run.
 */
class JobSlot {
  private jobs: WorkerJobs;
  private inflight: { signature: string; promise: Promise<unknown> } | undefined;
  private last: PolcaProgress | undefined;

  constructor(
    private readonly workers: WorkerFactory,
    private readonly job: PolcaJob,
    private readonly notify: (p: PolcaProgress) => void,
  ) {
    this.jobs = new WorkerJobs(workers);
  }

  run<K extends JobMethod>(
    method: K,
    params: AnalysisRequests[K]['params'],
  ): Promise<AnalysisRequests[K]['result']> {
    const signature = JSON.stringify([method, params]);
    if (this.inflight?.signature === signature) {
      if (this.last !== undefined) {
        this.notify(this.last);
      }
      return this.inflight.promise as Promise<AnalysisRequests[K]['result']>;
    }
    this.last = undefined;
    const promise = this.jobs.run(method, params, (p) => {
      this.last = { job: this.job, ...p };
      this.notify(this.last);
    });
    const entry = { signature, promise };
    this.inflight = entry;
    const settle = (): void => {
      if (this.inflight === entry) {
        this.inflight = undefined;
        this.last = undefined;
      }
    };
    promise.then(settle, settle);
    return promise;
  }

  /** Kills the job in flight; whether there was one. */
  cancel(): boolean {
    const running = this.inflight !== undefined;
    this.jobs.dispose();
    this.jobs = new WorkerJobs(this.workers);
    this.inflight = undefined;
    this.last = undefined;
    return running;
  }

  dispose(): void {
    this.jobs.dispose();
    this.inflight = undefined;
  }
}

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
    const notify = (p: PolcaProgress): void => host.notify('polca/progress', p);
    const slots: Record<PolcaJob, JobSlot> = {
      polca: host.register(new JobSlot(s.workers, 'polca', notify)),
      hessian: host.register(new JobSlot(s.workers, 'hessian', notify)),
    };
    const { runDir } = snap;
    host.register(
      watchResultFolders(s, [runDir], (change) => host.notify('polca/changed', change)),
    );
    return {
      'view/ready': () => Promise.resolve({ ...snap, view: live.view }),
      'polca/load': ({ options }) => slots.polca.run('analysis/polca', { runDir, options }),
      'polca/hessian': ({ options }) => slots.hessian.run('analysis/hessian', { runDir, options }),
      'polca/cancel': ({ job }) => Promise.resolve({ cancelled: slots[job].cancel() }),
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
