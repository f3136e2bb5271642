/**
 * `replens.newExperiment`: pick one of the bundled `examples/*.replens.json`, choose where to save
 * it, write it (named after the new file) and open it.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Services } from '../services';
import { instantiateTemplate, templateDescription, withConfigSuffix } from './experimentTemplate';

interface Template extends vscode.QuickPickItem {
  uri: vscode.Uri;
  text: string;
}

/** Creates a config from a template; resolves with its URI, or undefined when cancelled. */
export async function newExperiment(s: Services): Promise<vscode.Uri | undefined> {
  const template = await vscode.window.showQuickPick(templates(s.context.extensionUri), {
    title: 'Replens: New Experiment from Template',
    placeHolder: 'Choose a template',
    matchOnDetail: true,
  });
  if (template === undefined) {
    return undefined;
  }
  const target = await chooseTarget(path.basename(template.uri.fsPath));
  if (target === undefined) {
    return undefined;
  }
  const stem = path.basename(target.fsPath).replace(/\.replens\.json$/i, '');
  const text = instantiateTemplate(template.text, stem);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  s.log.info(`new experiment ${target.fsPath} from ${template.label}`);
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target));
  return target;
}

async function templates(extensionUri: vscode.Uri): Promise<Template[]> {
  const dir = vscode.Uri.joinPath(extensionUri, 'examples');
  const entries = await vscode.workspace.fs.readDirectory(dir);
  const files = entries
    .filter(([name, type]) => type === vscode.FileType.File && name.endsWith('.replens.json'))
    .map(([name]) => vscode.Uri.joinPath(dir, name))
    .sort((a, b) => a.path.localeCompare(b.path));
  return Promise.all(
    files.map(async (uri) => {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      const label = path.basename(uri.fsPath).replace(/\.replens\.json$/i, '');
      return { label, detail: templateDescription(text), uri, text };
    }),
  );
}

/** Save dialog in the first workspace folder; the name is forced to end in `.replens.json`. */
async function chooseTarget(fileName: string): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const chosen = await vscode.window.showSaveDialog({
    title: 'Replens: save the new experiment config',
    saveLabel: 'Create',
    defaultUri: folder === undefined ? undefined : vscode.Uri.joinPath(folder, fileName),
    filters: { 'Replens experiment': ['json'] },
  });
  if (chosen === undefined) {
    return undefined;
  }
  const fixed = withConfigSuffix(path.basename(chosen.path));
  if (fixed === path.basename(chosen.path)) {
    return chosen;
  }
  // The dialog confirmed overwriting its own name only: ask again for the corrected one.
  const target = vscode.Uri.joinPath(chosen, '..', fixed);
  if (await exists(target)) {
    const overwrite = 'Overwrite';
    const answer = await vscode.window.showWarningMessage(
      `${fixed} already exists. Replace it?`,
      { modal: true },
      overwrite,
    );
    return answer === overwrite ? target : undefined;
  }
  return target;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
