/**
 * Host side of the completeness panel (`replens.completeness`). One panel type shows either the
 * completeness study of a run or sweep folder (key: the absolute folder) or the step-0 preview of
 * a config (key: the config's URI, so the two kinds never collide and a restore needs no disk
 * access). The data is computed in a worker on the webview's request; the host only forwards it,
 * and tells the view when its source changes: a run under the folder changes state, or the config
 * is saved.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AnalysisJobs } from '../../runs/analysisJobs';
import type { Services } from '../../services';
import type {
  CompletenessData,
  CompletenessHostServes,
  CompletenessSnapshot,
  CompletenessViewServes,
} from '../../shared/protocol/completenessView';
import { completenessMessageSchemas } from '../../shared/protocol/completenessViewSchemas';
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
import { checkResultFolders, watchResultFolders } from '../resultFolders';

/** View type of completeness panels (contributed as `onWebviewPanel:replens.completeness`). */
export const completenessViewType = 'replens.completeness';

/**
 * What a completeness panel shows: a run or sweep folder's results (or an external folder's,
 * with the matrix and p of its study), or a config's preview.
 */
export type CompletenessSource =
  | { kind: 'results'; folder: string; external?: ExternalEmbeddingChoice }
  | { kind: 'initial'; configUri: vscode.Uri };

type Host = PanelHost<CompletenessHostServes, CompletenessViewServes>;
type Spec = PanelSpec<CompletenessHostServes, CompletenessViewServes>;

/**
 * The panel key of a source: the absolute folder (with an external folder's choice on further
 * lines), or the config's URI as a string.
 */
export function completenessKey(source: CompletenessSource): string {
  return source.kind === 'results'
    ? choiceKey(source.folder, source.external)
    : source.configUri.toString();
}

/** The source a saved panel key names (the inverse of `completenessKey`). */
export function completenessSourceOfKey(key: string): CompletenessSource {
  if (path.isAbsolute(key)) {
    const { dir, choice } = choiceOfKey(key);
    return key.includes('\n')
      ? { kind: 'results', folder: dir, external: choice }
      : { kind: 'results', folder: dir };
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(key)) {
    return { kind: 'initial', configUri: vscode.Uri.parse(key, true) };
  }
  throw new Error(`not a completeness panel key: ${key.slice(0, 200)}`);
}

/** The config's path as the worker names it in errors. */
function configPathOf(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.toString();
}

function snapshot(source: CompletenessSource): CompletenessSnapshot {
  const key = completenessKey(source);
  if (source.kind === 'results') {
    const folder = path.resolve(source.folder);
    const layer = source.external?.layer;
    const name =
      layer === undefined ? path.basename(folder) : `${path.basename(folder)} · ${layer}`;
    const title = vscode.l10n.t('Completeness: {0}', name);
    return { key, title, mode: 'results', source: folder };
  }
  const title = vscode.l10n.t(
    'Initial Completeness: {0}',
    path.posix.basename(source.configUri.path),
  );
  return { key, title, mode: 'initial', source: configPathOf(source.configUri) };
}

function spec(s: Services, source: CompletenessSource): Spec {
  const snap = snapshot(source);
  return plotPanelSpec(s.context.extensionUri, 'completeness', {
    viewType: completenessViewType,
    key: snap.key,
    title: snap.title,
    schemas: completenessMessageSchemas,
    exportDir:
      source.kind === 'results'
        ? vscode.Uri.file(snap.source)
        : vscode.Uri.joinPath(source.configUri, '..'),
  });
}

/** Asks the worker for the source's data (the config text may be unsaved). */
async function load(jobs: AnalysisJobs, source: CompletenessSource): Promise<CompletenessData> {
  if (source.kind === 'results') {
    const results = await jobs.run('analysis/completeness', {
      source: path.resolve(source.folder),
      external: source.external,
    });
    return { mode: 'results', results };
  }
  const doc = await vscode.workspace.openTextDocument(source.configUri);
  const initial = await jobs.run('analysis/initialCompleteness', {
    configPath: configPathOf(source.configUri),
    configText: doc.getText(),
  });
  return { mode: 'initial', initial };
}

/** Tells the view when its source changes; returns the subscription. */
function watchSource(s: Services, host: Host, source: CompletenessSource): vscode.Disposable {
  if (source.kind === 'initial') {
    const uri = source.configUri.toString();
    return vscode.workspace.onDidSaveTextDocument((doc) => {
      if (doc.uri.toString() === uri) {
        host.notify('completeness/changed', { detail: 'config saved', settled: true });
      }
    });
  }
  return watchResultFolders(s, [path.resolve(source.folder)], (change) =>
    host.notify('completeness/changed', change),
  );
}

function setup(s: Services, source: CompletenessSource) {
  return (host: Host): ViewHandlers<CompletenessHostServes> => {
    const jobs = host.register(new AnalysisJobs(s.workers));
    host.register(watchSource(s, host, source));
    return {
      'view/ready': () => Promise.resolve(snapshot(source)),
      'completeness/load': () => load(jobs, source),
    };
  };
}

/** Fails with a readable message when the folder or the config cannot be opened. */
async function checkSource(source: CompletenessSource): Promise<void> {
  if (source.kind === 'initial') {
    await vscode.workspace.openTextDocument(source.configUri);
    return;
  }
  await checkResultFolders([source.folder]);
}

/**
 * Opens (or reveals) the completeness panel of a run or sweep folder (`{kind: 'results'}`) or the
 * step-0 preview of a config (`{kind: 'initial'}`) beside the active editor. Rejects when the
 * folder or the config cannot be opened.
 */
export async function openCompletenessPanel(
  s: Services,
  source: CompletenessSource,
): Promise<OpenPanel> {
  await checkSource(source);
  return PanelHost.show(panelContext(s), spec(s, source), setup(s, source));
}

/** Restores a completeness panel after a reload from the key it saved. */
export function restoreCompletenessPanel(
  s: Services,
  panel: vscode.WebviewPanel,
  key: string,
): void {
  const source = completenessSourceOfKey(key);
  PanelHost.adopt(panelContext(s), panel, spec(s, source), setup(s, source));
}
