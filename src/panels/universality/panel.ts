/**
 * Host side of the universality panel (`replens.universality`): CKA between the layers of a run,
 * CKA between runs, stitching between two runs and the starvation curves of a sweep, for the runs
 * under one or more run or sweep folders. The key is the sorted absolute folders, so the same
 * selection always reveals the same panel (switched to the view the command asked for) and a
 * restore needs no disk access. Every analysis is computed in a worker on the webview's request;
 * the host checks that the folders the webview names lie under the panel's folders, forwards the
 * request, and tells the view when a run under the folders changes state or a sweep index in one
 * of them is rewritten.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AnalysisJobs } from '../../runs/analysisJobs';
import type { Services } from '../../services';
import {
  type UniversalityHostServes,
  type UniversalityRuns,
  type UniversalitySnapshot,
  type UniversalityViewId,
  type UniversalityViewServes,
  universalityViews,
} from '../../shared/protocol/universalityView';
import { universalityMessageSchemas } from '../../shared/protocol/universalityViewSchemas';
import { LivePanels } from '../livePanels';
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
  isWithin,
  normalizeFolders,
  watchResultFolders,
} from '../resultFolders';
import { splitSources } from './targets';

/** View type of universality panels (contributed as `onWebviewPanel:replens.universality`). */
export const universalityViewType = 'replens.universality';

type Host = PanelHost<UniversalityHostServes, UniversalityViewServes>;
type Spec = PanelSpec<UniversalityHostServes, UniversalityViewServes>;

const livePanels = new LivePanels<Host, UniversalityViewId>((host, view) =>
  host.notify('universality/show', { view }),
);

/**
 * The folders a webview may name: those under the panel's folders, and the runs and sweeps the
 * worker listed for them (a run folder's own sweep may lie above it).
 */
class AllowedFolders {
  private readonly listed = new Set<string>();

  constructor(private readonly sources: readonly string[]) {}

  remember(listing: UniversalityRuns): UniversalityRuns {
    for (const dir of [...listing.runs.map((r) => r.runDir), ...listing.sweeps]) {
      this.listed.add(path.resolve(dir));
    }
    return listing;
  }

  /** The absolute folder, or an error when the webview names a folder of another panel. */
  check(dir: string): string {
    const abs = path.resolve(dir);
    const allowed =
      path.isAbsolute(dir) &&
      (this.listed.has(abs) || this.sources.some((folder) => isWithin(folder, abs)));
    if (!allowed) {
      throw new Error(vscode.l10n.t("Not a folder of this panel's runs: {0}", dir));
    }
    return abs;
  }
}

/** The runs under the sources: external folders listed here, the others by the worker. */
async function listSources(
  jobs: AnalysisJobs,
  sources: readonly string[],
): Promise<UniversalityRuns> {
  const { external, runFolders } = splitSources(sources);
  const listed =
    runFolders.length === 0
      ? { runs: [], sweeps: [] }
      : await jobs.run('analysis/runs', { sources: runFolders });
  return { runs: [...external, ...listed.runs], sweeps: listed.sweeps };
}

function snapshot(folders: readonly string[], view: UniversalityViewId): UniversalitySnapshot {
  const sources = normalizeFolders(folders);
  const title = vscode.l10n.t('Universality: {0}', folderNames(sources));
  return { key: foldersKey(sources), title, sources, view };
}

function spec(s: Services, snap: UniversalitySnapshot): Spec {
  return plotPanelSpec(s.context.extensionUri, 'universality', {
    viewType: universalityViewType,
    key: snap.key,
    title: snap.title,
    schemas: universalityMessageSchemas,
    exportDir: vscode.Uri.file(snap.sources[0]),
  });
}

function setup(s: Services, snap: UniversalitySnapshot) {
  return (host: Host): ViewHandlers<UniversalityHostServes> => {
    const live = livePanels.track(snap.key, host, snap.view);
    // One slot per kind of request: loading one view does not cancel another's computation.
    const jobs = host.register(new AnalysisJobs(s.workers));
    const allowed = new AllowedFolders(snap.sources);
    host.register(
      watchResultFolders(s, snap.sources, (change) => host.notify('universality/changed', change)),
    );
    return {
      'view/ready': () => Promise.resolve({ ...snap, view: live.view }),
      'universality/runs': async () => allowed.remember(await listSources(jobs, snap.sources)),
      'universality/ckaLayers': ({ runDir, estimator, permutations }) =>
        jobs.run('analysis/ckaLayers', {
          runDir: allowed.check(runDir),
          options: { estimator, permutations },
        }),
      'universality/ckaRuns': ({ layer, estimator, permutations }) =>
        jobs.run('analysis/ckaRuns', {
          sources: snap.sources,
          layer,
          options: { estimator, permutations },
        }),
      'universality/stitching': ({ from, to }) =>
        jobs.run('analysis/stitching', { from: allowed.check(from), to: allowed.check(to) }),
      'universality/starvation': ({ source }) =>
        jobs.run('analysis/starvation', { source: allowed.check(source) }),
    };
  };
}

/**
 * Opens the universality panel of some run or sweep folders beside the active editor on `view`,
 * or reveals the open one and switches it to `view`. Rejects when there is no folder or one
 * cannot be opened.
 */
export async function openUniversalityPanel(
  s: Services,
  folders: string[],
  view: UniversalityViewId,
): Promise<OpenPanel> {
  if (folders.length === 0) {
    throw new Error(vscode.l10n.t('No run or sweep folder to analyse.'));
  }
  const snap = snapshot(folders, view);
  await checkResultFolders(snap.sources);
  const open = livePanels.reveal(snap.key, view);
  if (open !== undefined) {
    return open;
  }
  return PanelHost.show(panelContext(s), spec(s, snap), setup(s, snap));
}

/** Restores a universality panel after a reload from the key it saved (its view comes back from
 * the webview's own saved state). */
export function restoreUniversalityPanel(
  s: Services,
  panel: vscode.WebviewPanel,
  key: string,
): void {
  const snap = snapshot(foldersOfKey(key, 'universality'), universalityViews[0]);
  PanelHost.adopt(panelContext(s), panel, spec(s, snap), setup(s, snap));
}
