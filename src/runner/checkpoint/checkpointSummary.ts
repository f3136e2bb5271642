/**
 * `checkpoint/summary`: per-tensor statistics and histograms of any safetensors file (ours or
 * written by PyTorch and other tools: every format dtype, any tensor names, with or without
 * metadata), plus a 2-D PCA projection of the embedding matrix when one is found.
 */
import * as fs from 'node:fs';
import type { Float64Matrix } from '../../engine/analysis/cka';
import { pca, pcaProject } from '../../engine/analysis/pca';
import { histogram, tensorStats } from '../../engine/analysis/tensorStats';
import type {
  CheckpointSummary,
  ProjectionSummary,
  TensorSummary,
} from '../../shared/embeddingResults';
import { optimizerPrefixes } from '../../shared/checkpoint';
import { type RawTensor, decodeSafetensorsRaw } from '../../storage/safetensors';
import { isFloatDtype, tensorValues } from '../../storage/tensorValues';

/** Bins of every tensor histogram. */
export const histogramBins = 40;
/** Largest file summarised (read whole into memory). */
const maxFileBytes = 2 ** 31 - 1;
/** The PCA is fitted on at most this many rows and shows at most `maxShownRows` points. */
const maxFitRows = 2048;
const maxShownRows = 5000;

/** Reads and summarises `file`; a file that is not valid safetensors throws `code: 'bad-file'`. */
export async function summarizeCheckpoint(file: string): Promise<CheckpointSummary> {
  const bytes = await readBounded(file);
  let decoded;
  try {
    decoded = decodeSafetensorsRaw(bytes);
  } catch (e) {
    throw badFile(`${file}: ${(e as Error).message}`);
  }
  const embedding = findEmbeddingTensor(decoded.tensors);
  let embeddingValues: ArrayLike<number> = [];
  const tensors: TensorSummary[] = [];
  let parameters = 0;
  for (const [name, t] of decoded.tensors) {
    const v = tensorValues(t);
    const stats = tensorStats(v);
    const hist = histogram(v, histogramBins, stats);
    tensors.push({ name, dtype: t.dtype, shape: t.shape, stats, histogram: hist });
    parameters += isOptimizerState(name) ? 0 : v.length;
    embeddingValues = name === embedding ? v : embeddingValues;
  }
  const metadata = stringMap(decoded.metadata);
  const summary: CheckpointSummary = { file, bytes: bytes.length, metadata, tensors, parameters };
  const step = Number(metadata.step);
  if (metadata.format?.startsWith('replens-checkpoint') === true && Number.isInteger(step)) {
    summary.replens = { step, runId: metadata.runId ?? '', configHash: metadata.configHash ?? '' };
  }
  if (embedding === undefined) {
    summary.projectionNote = 'no embedding matrix (a 2-D float tensor named like "embed…")';
  } else {
    const [rows, cols] = decoded.tensors.get(embedding)?.shape ?? [0, 0];
    const projected = projectRows(embedding, rows, cols, embeddingValues);
    if (typeof projected === 'string') {
      summary.projectionNote = projected;
    } else {
      summary.projection = projected;
    }
  }
  return summary;
}

/**
 * The embedding-like tensor to project: `embedding.weight` if present, else the first 2-D float
 * tensor (≥ 2 × 2) whose name says embedding (`embed`, `wte`, `W_E`), never optimizer state.
 */
export function findEmbeddingTensor(tensors: Map<string, RawTensor>): string | undefined {
  const usable = (t: RawTensor): boolean =>
    t.shape.length === 2 && t.shape[0] >= 2 && t.shape[1] >= 2 && isFloatDtype(t.dtype);
  const ours = tensors.get('embedding.weight');
  if (ours !== undefined && usable(ours)) {
    return 'embedding.weight';
  }
  for (const [name, t] of tensors) {
    if (!isOptimizerState(name) && /embed|(^|\.)wte(\.|$)|(^|\.)w_e$/i.test(name) && usable(t)) {
      return name;
    }
  }
  return undefined;
}

/** Top-2 PCA of a [rows, cols] matrix; a string says why it could not be computed. */
export function projectRows(
  name: string,
  rows: number,
  cols: number,
  v: ArrayLike<number>,
): ProjectionSummary | string {
  const data = Float64Array.from(v);
  if (!data.every(Number.isFinite)) {
    return `${name} holds NaN or infinite values; no projection`;
  }
  const x: Float64Matrix = { rows, cols, data };
  const fitRows = evenRows(rows, maxFitRows);
  const fit = pca(pickRows(x, fitRows), { k: 2 });
  const shown = evenRows(rows, maxShownRows);
  const p =
    fitRows.length === rows && shown.length === rows
      ? fit.projections
      : pcaProject(pickRows(x, shown), fit);
  return {
    tensor: name,
    rows,
    cols,
    tokens: shown,
    points: shown.map((_, i) => [p.data[2 * i], p.data[2 * i + 1]]),
    explained: Array.from(fit.explainedVarianceRatio),
    fittedOn: fitRows.length,
  };
}

/** All of 0..n-1 if n ≤ max, else `max` evenly spaced indices (first and last included). */
function evenRows(n: number, max: number): number[] {
  if (n <= max) {
    return Array.from({ length: n }, (_, i) => i);
  }
  return Array.from({ length: max }, (_, i) => Math.round((i * (n - 1)) / (max - 1)));
}

function pickRows(x: Float64Matrix, rows: number[]): Float64Matrix {
  if (rows.length === x.rows) {
    return x;
  }
  const data = new Float64Array(rows.length * x.cols);
  rows.forEach((r, i) => data.set(x.data.subarray(r * x.cols, (r + 1) * x.cols), i * x.cols));
  return { rows: rows.length, cols: x.cols, data };
}

function isOptimizerState(name: string): boolean {
  return name.startsWith(optimizerPrefixes.expAvg) || name.startsWith(optimizerPrefixes.expAvgSq);
}

/** Metadata as strings (other tools may write numbers or nested values). */
function stringMap(m: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof m === 'object' && m !== null) {
    for (const [k, v] of Object.entries(m)) {
      out[k] = typeof v === 'string' ? v : JSON.stringify(v);
    }
  }
  return out;
}

async function readBounded(file: string): Promise<Uint8Array> {
  await sizeBounded(file);
  return new Uint8Array(await fs.promises.readFile(file));
}

/** The file's size; `bad-file` when it cannot be read or is over the limit. */
export async function sizeBounded(file: string): Promise<number> {
  let size: number;
  try {
    size = (await fs.promises.stat(file)).size;
  } catch (e) {
    throw badFile(`${file}: cannot read (${(e as Error).message})`);
  }
  if (size > maxFileBytes) {
    throw badFile(`${file}: ${size} bytes is too large to summarise (limit 2 GiB)`);
  }
  return size;
}

/** An error the viewer shows as the file's fault. */
export function badFile(message: string): Error {
  return Object.assign(new Error(message), { code: 'bad-file' });
}
