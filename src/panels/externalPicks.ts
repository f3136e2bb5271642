/**
 * What the views ask before opening on an external folder: which layer (or weight matrix) to
 * show, and p for the completeness study. A folder that cannot be read says why, naming the file.
 */
import * as vscode from 'vscode';
import type { ExternalEmbeddingChoice } from '../shared/protocol/analysisProtocol';
import {
  type LayerOption,
  choiceOfArg,
  embeddingFirst,
  invalidP,
  layerOptions,
  rowsOf,
} from './externalChoice';

interface LayerItem extends vscode.QuickPickItem {
  layer: LayerOption;
}

/** The layer given with `arg`, the folder's only layer, or the one the user picks. */
async function chosenLayer(
  dir: string,
  arg: unknown,
  title: string,
): Promise<LayerOption | undefined> {
  const layers = embeddingFirst(layerOptions(dir));
  const given = choiceOfArg(arg).layer;
  if (given !== undefined) {
    return layers.find((l) => l.name === given) ?? { name: given, shape: [] };
  }
  if (layers.length <= 1) {
    return layers[0];
  }
  const picked = await vscode.window.showQuickPick(
    layers.map((layer): LayerItem => ({
      label: layer.name,
      description: `[${layer.shape.join(', ')}]`,
      layer,
    })),
    { title, placeHolder: vscode.l10n.t('Layer or weight matrix of {0}', dir) },
  );
  return picked?.layer;
}

/** The layer the embedding panel shows; undefined when the user dismissed the pick. */
export async function embeddingChoice(
  dir: string,
  arg: unknown,
): Promise<ExternalEmbeddingChoice | undefined> {
  const layer = await chosenLayer(dir, arg, vscode.l10n.t('Show Embedding: choose a layer'));
  return layer === undefined ? undefined : { layer: layer.name };
}

/** The [p, d] matrix and p of a completeness study; undefined when the user dismissed a question. */
export async function completenessChoice(
  dir: string,
  arg: unknown,
): Promise<ExternalEmbeddingChoice | undefined> {
  const title = vscode.l10n.t('Show Completeness: choose the [p, d] embedding matrix');
  const layer = await chosenLayer(dir, arg, title);
  if (layer === undefined) {
    return undefined;
  }
  const given = choiceOfArg(arg).p;
  if (given !== undefined) {
    return { layer: layer.name, p: given };
  }
  const rows = rowsOf(layer);
  const text = await vscode.window.showInputBox({
    title: vscode.l10n.t('Completeness of {0}: p (modular addition mod p)', layer.name),
    value: String(rows),
    prompt: vscode.l10n.t(
      '{0} is [{1}]: one row per residue 0 … p−1',
      layer.name,
      layer.shape.join(', '),
    ),
    validateInput: (v) => invalidP(v, rows),
  });
  return text === undefined ? undefined : { layer: layer.name, p: Number(text.trim()) };
}
