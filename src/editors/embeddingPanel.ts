/**
 * Host side of the embedding panel (`replens.embedding`): one run's token embedding projected at
 * every checkpoint, onto its top principal components aligned across steps or onto task-aware
 * axes fixed from the last checkpoint (Fourier circle, Walsh cube, residue line). The trajectory is
 * computed in a worker on the webview's request; the host only forwards it, and tells the view
 * when the run changes state (it may have new checkpoints).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { runDirOfArg } from '../panels/commandArgs';
import {
  type OpenPanel,
  PanelHost,
  type PanelSpec,
  type ViewHandlers,
  panelContext,
  plotPanelSpec,
} from '../panels/panelHost';
import { runLabel } from '../panels/runReader';
import { pickRuns } from '../panels/runPicker';
import type { Services } from '../services';
import type { EmbeddingHostServes, EmbeddingViewServes } from '../shared/protocol/embeddingView';
import { embeddingMessageSchemas } from '../shared/protocol/embeddingViewSchemas';
import { WorkerJobs } from './workerJobs';

/** View type of embedding panels (contributed as `onWebviewPanel:replens.embedding`). */
export const embeddingViewType = 'replens.embedding';

type Host = PanelHost<EmbeddingHostServes, EmbeddingViewServes>;

function title(runDir: string): string {
  return vscode.l10n.t('Embedding: {0}', runLabel(runDir));
}

function spec(s: Services, runDir: string): PanelSpec<EmbeddingHostServes, EmbeddingViewServes> {
  return plotPanelSpec(s.context.extensionUri, 'embedding', {
    viewType: embeddingViewType,
    key: runDir,
    title: title(runDir),
    schemas: embeddingMessageSchemas,
    exportDir: vscode.Uri.file(runDir),
  });
}

function setup(s: Services, runDir: string) {
  return (host: Host): ViewHandlers<EmbeddingHostServes> => {
    const jobs = host.register(new WorkerJobs(s.workers));
    host.register(
      s.runs.onDidChangeRun(({ run, kind }) => {
        if (kind === 'state' && run.runDir !== undefined && path.resolve(run.runDir) === runDir) {
          host.notify('run/changed', { status: run.state, step: run.step });
        }
      }),
    );
    return {
      'view/ready': () => Promise.resolve({ key: runDir, title: title(runDir) }),
      'embedding/trajectory': ({ k, projection }) =>
        jobs.run('analysis/embeddingTrajectory', { runDir, k, projection }),
    };
  };
}

/** Opens (or reveals) the embedding panel of a run folder. */
export function openEmbeddingPanel(s: Services, runDir: string): OpenPanel {
  const dir = path.resolve(runDir);
  return PanelHost.show(panelContext(s), spec(s, dir), setup(s, dir));
}

/** Restores an embedding panel after a reload from the key (the run folder) it saved. */
export function restoreEmbeddingPanel(s: Services, panel: vscode.WebviewPanel, key: string): void {
  if (!path.isAbsolute(key)) {
    throw new Error(`not an embedding panel key: ${key.slice(0, 200)}`);
  }
  PanelHost.adopt(panelContext(s), panel, spec(s, key), setup(s, key));
}

/**
 * `replens.showEmbedding`: the argument is a run folder (string), anything with `runDir` (a
 * runs-tree item), or nothing (then a quick pick of the known runs).
 */
export async function showEmbedding(s: Services, arg: unknown): Promise<void> {
  const runDir =
    runDirOfArg(arg) ??
    (await pickRuns(s, { many: false, title: vscode.l10n.t('Show Embedding of Run') }))?.[0];
  if (runDir !== undefined) {
    openEmbeddingPanel(s, runDir);
  }
}
