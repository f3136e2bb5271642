/**
 * Host side of the embedding panel (`replens.embedding`): one run's token embedding projected at
 * every checkpoint, onto its top principal components aligned across steps or onto task-aware
 * axes fixed from the last checkpoint (Fourier circle, Walsh cube, residue line). The trajectory is
 * computed in a worker on the webview's request; the host only forwards it, and tells the view
 * when the run changes state (it may have new checkpoints).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AnalysisJobs } from '../../runs/analysisJobs';
import type { Services } from '../../services';
import type { EmbeddingHostServes, EmbeddingViewServes } from '../../shared/protocol/embeddingView';
import { embeddingMessageSchemas } from '../../shared/protocol/embeddingViewSchemas';
import {
  type OpenPanel,
  PanelHost,
  type PanelSpec,
  type ViewHandlers,
  panelContext,
  plotPanelSpec,
} from '../panelHost';
import type { ExternalEmbeddingChoice } from '../../shared/protocol/analysisProtocol';
import { choiceKey, choiceOfKey } from '../externalChoice';
import { runLabel } from '../runReader';

/** View type of embedding panels (contributed as `onWebviewPanel:replens.embedding`). */
export const embeddingViewType = 'replens.embedding';

type Host = PanelHost<EmbeddingHostServes, EmbeddingViewServes>;

function title(runDir: string, choice: ExternalEmbeddingChoice): string {
  // An external folder's layer: the folder's name (it has no experiment) and the layer.
  return vscode.l10n.t(
    'Embedding: {0}',
    choice.layer === undefined ? runLabel(runDir) : `${path.basename(runDir)} · ${choice.layer}`,
  );
}

function spec(
  s: Services,
  runDir: string,
  choice: ExternalEmbeddingChoice,
): PanelSpec<EmbeddingHostServes, EmbeddingViewServes> {
  return plotPanelSpec(s.context.extensionUri, 'embedding', {
    viewType: embeddingViewType,
    key: choiceKey(runDir, choice),
    title: title(runDir, choice),
    schemas: embeddingMessageSchemas,
    exportDir: vscode.Uri.file(runDir),
  });
}

function setup(s: Services, runDir: string, choice: ExternalEmbeddingChoice) {
  const key = choiceKey(runDir, choice);
  return (host: Host): ViewHandlers<EmbeddingHostServes> => {
    const jobs = host.register(new AnalysisJobs(s.workers));
    host.register(
      s.runs.onDidChangeRun(({ run, kind }) => {
        if (kind === 'state' && run.runDir !== undefined && path.resolve(run.runDir) === runDir) {
          host.notify('run/changed', { status: run.state, step: run.step });
        }
      }),
    );
    return {
      'view/ready': () => Promise.resolve({ key, title: title(runDir, choice) }),
      'embedding/trajectory': ({ k, projection }) =>
        jobs.run('analysis/embeddingTrajectory', { runDir, k, projection, layer: choice.layer }),
    };
  };
}

/**
 * Opens (or reveals) the embedding panel of a run folder, or of an external folder's layer
 * (`choice.layer`).
 */
export function openEmbeddingPanel(
  s: Services,
  runDir: string,
  choice: ExternalEmbeddingChoice = {},
): OpenPanel {
  const dir = path.resolve(runDir);
  return PanelHost.show(panelContext(s), spec(s, dir, choice), setup(s, dir, choice));
}

/** Restores an embedding panel after a reload from the key (the run folder) it saved. */
export function restoreEmbeddingPanel(s: Services, panel: vscode.WebviewPanel, key: string): void {
  if (!path.isAbsolute(key)) {
    throw new Error(`not an embedding panel key: ${key.slice(0, 200)}`);
  }
  const { dir, choice } = choiceOfKey(key);
  PanelHost.adopt(panelContext(s), panel, spec(s, dir, choice), setup(s, dir, choice));
}
