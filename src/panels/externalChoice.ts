/**
 * The choices a view needs on an external folder (which layer or weight matrix, and p for the
 * completeness study), read from a command's argument, offered from the folder's layers, and
 * kept in the panel key (`<folder>\n<layer>\n<p>`: the same folder and choice reveal the same
 * panel, and a restore needs no disk access). Pure apart from reading the folder's headers.
 */
import * as path from 'node:path';
import type { ExternalEmbeddingChoice } from '../shared/protocol/analysisProtocol';
import { externalLayoutOf, openExternalFolder } from '../storage/external/externalFolder';

/** A layer offered in a pick: its name and shape at the folder's last step. */
export interface LayerOption {
  name: string;
  shape: number[];
}

function field(arg: unknown, name: string): unknown {
  return typeof arg === 'object' && arg !== null
    ? (arg as Record<string, unknown>)[name]
    : undefined;
}

/** `{layer, p}` given with a command's argument (e.g. `{kind: 'external', dir, layer, p}`). */
export function choiceOfArg(arg: unknown): ExternalEmbeddingChoice {
  const layer = field(arg, 'layer');
  const p = field(arg, 'p');
  return {
    ...(typeof layer === 'string' && layer !== '' ? { layer } : {}),
    ...(typeof p === 'number' && Number.isInteger(p) && p >= 2 ? { p } : {}),
  };
}

/** True when `dir` is an external folder (a recognised layout, not a Replens run). */
export function isExternalFolder(dir: string): boolean {
  try {
    return externalLayoutOf(dir) !== undefined;
  } catch {
    return false;
  }
}

/** The layers of the folder's last step; throws the folder's error (naming the file at fault). */
export function layerOptions(dir: string): LayerOption[] {
  const folder = openExternalFolder(dir);
  const last = folder.steps[folder.steps.length - 1];
  return folder.layers(last).map((l) => ({ name: l.name, shape: l.shape }));
}

/** Layers ordered for a pick: those named like an embedding first, else in file order. */
export function embeddingFirst(layers: readonly LayerOption[]): LayerOption[] {
  const like = (l: LayerOption): boolean => /embed|(^|\.)wte(\.|$)|(^|\.)w_e$/i.test(l.name);
  return [...layers.filter(like), ...layers.filter((l) => !like(l))];
}

/** The rows of a layer ([N, D]; [N, T, D] gives N·T): the default p of its completeness study. */
export function rowsOf(layer: LayerOption): number {
  return layer.shape.slice(0, -1).reduce((a, b) => a * b, 1);
}

/** Why a p typed in the input box is not usable, or undefined when it is. */
export function invalidP(text: string, rows: number): string | undefined {
  const p = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || p < 2) {
    return 'p is a whole number ≥ 2 (the modulus of the pair task)';
  }
  return p === rows ? undefined : `the matrix has ${rows} rows: p must be ${rows}`;
}

/** The panel key of a folder and a choice (the folder alone when there is no choice). */
export function choiceKey(dir: string, choice: ExternalEmbeddingChoice = {}): string {
  const abs = path.resolve(dir);
  return choice.layer === undefined && choice.p === undefined
    ? abs
    : [abs, choice.layer ?? '', choice.p === undefined ? '' : String(choice.p)].join('\n');
}

/** The folder and choice a panel key names (the inverse of {@link choiceKey}). */
export function choiceOfKey(key: string): { dir: string; choice: ExternalEmbeddingChoice } {
  const [dir, layer, p] = key.split('\n');
  return { dir, choice: choiceOfArg({ layer, p: p === undefined ? undefined : Number(p) }) };
}
