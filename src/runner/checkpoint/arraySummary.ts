/**
 * `checkpoint/summary` of NumPy files: the array of a `.npy` file or every array of an `.npz`
 * archive (one entry per key), with the same statistics and histograms as a safetensors
 * checkpoint, plus a 2-D PCA projection of an embedding-like matrix (one named like an
 * embedding, or the file's only array when it is 2-D).
 */
import * as fs from 'node:fs';
import { histogram, tensorStats } from '../../engine/analysis/tensorStats';
import type { CheckpointSummary, TensorSummary } from '../../shared/embeddingResults';
import { ExternalFolderError } from '../../storage/external/externalFolderError';
import { readZipEntries, readZipEntry } from '../../storage/external/zipEntries';
import { type NpyArray, decodeNpy } from '../../storage/npy';
import { badFile, histogramBins, projectRows, sizeBounded } from './checkpointSummary';

/** True for the files {@link summarizeArrayFile} reads (`.npy`, `.npz`). */
export function isNumpyFile(file: string): boolean {
  return /\.np[yz]$/i.test(file);
}

/** The safetensors-style code of a NumPy dtype (`<f4` → `F32`), else the NumPy text. */
export function dtypeCode(descr: string): string {
  const m = /^[<|=]?([fiu])(\d)$/.exec(descr);
  return m === null ? descr : `${m[1].toUpperCase()}${Number(m[2]) * 8}`;
}

/**
 * Reads and summarises a `.npy` or `.npz` file (an archive one entry at a time); a bad file throws `code: 'bad-file'` naming the file and, for an archive, the
 * array.
 */
export async function summarizeArrayFile(file: string): Promise<CheckpointSummary> {
  const bytes = await sizeBounded(file);
  const arrays = /\.npz$/i.test(file)
    ? readNpz(file)
    : new Map([[arrayName(file), decode(new Uint8Array(await fs.promises.readFile(file)), file)]]);
  if (arrays.size === 0) {
    throw badFile(`${file}: the archive holds no arrays`);
  }
  const tensors: TensorSummary[] = [];
  let parameters = 0;
  for (const [name, a] of arrays) {
    const stats = tensorStats(a.data);
    tensors.push({
      name,
      dtype: dtypeCode(a.dtype),
      shape: a.shape,
      stats,
      histogram: histogram(a.data, histogramBins, stats),
    });
    parameters += a.data.length;
  }
  const summary: CheckpointSummary = {
    file,
    bytes,
    metadata: {},
    tensors,
    parameters,
  };
  const shown = projectedArray(arrays);
  if (shown === undefined) {
    summary.projectionNote =
      'no embedding matrix (a 2-D array named like "embed…", or a lone 2-D array)';
    return summary;
  }
  const [name, a] = shown;
  const projected = projectRows(name, a.shape[0], a.shape[1], a.data);
  if (typeof projected === 'string') {
    summary.projectionNote = projected;
  } else {
    summary.projection = projected;
  }
  return summary;
}

/** Every array of an `.npz` archive, by key (the entry name without `.npy`), in archive order. */
function readNpz(file: string): Map<string, NpyArray> {
  try {
    const out = new Map<string, NpyArray>();
    for (const entry of readZipEntries(file)) {
      const key = entry.name.replace(/\.npy$/, '');
      out.set(key, decode(readZipEntry(file, entry), `${file}: ${key}`));
    }
    return out;
  } catch (e) {
    throw e instanceof ExternalFolderError ? badFile(e.message) : e;
  }
}

/** Decodes `.npy` bytes; a bad array throws `bad-file` naming `where`. */
function decode(bytes: Uint8Array, where: string): NpyArray {
  try {
    return decodeNpy(bytes);
  } catch (e) {
    throw badFile(`${where}: ${(e as Error).message}`);
  }
}

/** The array to project: the first 2-D one named like an embedding, else a lone 2-D array. */
function projectedArray(arrays: Map<string, NpyArray>): [string, NpyArray] | undefined {
  const usable = ([, a]: [string, NpyArray]): boolean =>
    a.shape.length === 2 && a.shape[0] >= 2 && a.shape[1] >= 2 && /^[<|=]?f/.test(a.dtype);
  const all = [...arrays].filter(usable);
  const named = all.find(([name]) => /embed|(^|\.)wte(\.|$)|(^|\.)w_e$/i.test(name));
  return named ?? (arrays.size === 1 ? all[0] : undefined);
}

/** A `.npy` file's array is named by the file (`encoder.0.npy` → `encoder.0`). */
function arrayName(file: string): string {
  return file.replace(/^.*[\\/]/, '').replace(/\.npy$/i, '');
}
