/**
 * The checkpoint editor: a read-only custom editor (`replens.checkpoint`, offered through "Open
 * With…" for `*.safetensors`; the runs tree opens checkpoints in it directly; `replens.arrays`,
 * the default for NumPy `.npy` / `.npz` files, one entry per array). It shows every tensor's
 * shape, dtype and statistics, a histogram of the selected tensor and the embedding projection,
 * computed in a worker; a file that cannot be read shows why.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { PanelHost, type PanelSpec, type ViewHandlers } from '../panels/panelHost';
import { AnalysisJobs } from '../runs/analysisJobs';
import type { Services } from '../services';
import type { CheckpointHostServes, CheckpointViewServes } from '../shared/protocol/checkpointView';
import { checkpointMessageSchemas } from '../shared/protocol/checkpointViewSchemas';

/** View type of the custom editor (package.json `customEditors`), offered for any safetensors. */
export const checkpointViewType = 'replens.checkpoint';
/** The same editor as the default for checkpoints inside run folders (`checkpoints/step-*`). */
export const runCheckpointViewType = 'replens.runCheckpoint';
/** The same editor as the default for NumPy arrays (`*.npy`, `*.npz`). */
export const arraysViewType = 'replens.arrays';

type Host = PanelHost<CheckpointHostServes, CheckpointViewServes>;

function spec(
  viewType: string,
  uri: vscode.Uri,
  key: string,
): PanelSpec<CheckpointHostServes, CheckpointViewServes> {
  return {
    viewType,
    key,
    title: path.basename(uri.fsPath),
    scripts: ['plotly-strict.min.js', 'checkpoint.js'],
    styles: ['checkpoint.css'],
    schemas: checkpointMessageSchemas,
    exportDir: vscode.Uri.file(path.dirname(uri.fsPath)),
  };
}

function setup(s: Services, uri: vscode.Uri, key: string) {
  return (host: Host): ViewHandlers<CheckpointHostServes> => {
    const jobs = host.register(new AnalysisJobs(s.workers));
    const file = uri.fsPath;
    return {
      'view/ready': () => Promise.resolve({ key, file, fileName: path.basename(file) }),
      'checkpoint/load': () => {
        if (uri.scheme !== 'file') {
          const reason = vscode.l10n.t('only files on this machine can be read ({0})', uri.scheme);
          return Promise.reject(Object.assign(new Error(reason), { code: 'bad-file' }));
        }
        return jobs.run('checkpoint/summary', { file });
      },
    };
  };
}

/** Opens tensor files read-only; one webview per editor (split editors included). */
class CheckpointEditorProvider implements vscode.CustomReadonlyEditorProvider {
  private opened = 0;

  constructor(
    private readonly s: Services,
    private readonly viewType: string,
  ) {}

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): void {
    // Keys must be unique per editor: PanelHost keeps one panel per key, and the same file may
    // be open in two editor groups.
    const key = `${document.uri.toString()}#${++this.opened}`;
    const ctx = { extensionUri: this.s.context.extensionUri, log: this.s.log };
    const viewSpec = spec(this.viewType, document.uri, key);
    PanelHost.adopt(ctx, panel, viewSpec, setup(this.s, document.uri, key));
  }
}

/** Registers the custom editor under its view types (any safetensors / run checkpoints / NumPy). */
export function registerCheckpointEditor(s: Services): vscode.Disposable[] {
  return [checkpointViewType, runCheckpointViewType, arraysViewType].map((viewType) =>
    vscode.window.registerCustomEditorProvider(
      viewType,
      new CheckpointEditorProvider(s, viewType),
      {
        supportsMultipleEditorsPerDocument: true,
      },
    ),
  );
}
