/**
 * Pure text builders of the checkpoint editor: the tensor table rows and the accessible summary.
 */
import type { CheckpointSummary } from '../../src/shared/embeddingResults';
import { type CheckpointState, selectedTensor } from './state';

/** One row of the tensor table, formatted. */
export interface TensorRow {
  name: string;
  shape: string;
  dtype: string;
  norm: string;
  mean: string;
  std: string;
}

/** Four significant digits; exponent form for very small or large magnitudes. */
export function formatNumber(v: number): string {
  if (v === 0) {
    return '0';
  }
  const a = Math.abs(v);
  return a >= 1e-3 && a < 1e5 ? String(Number(v.toPrecision(4))) : v.toExponential(3);
}

/** Table rows in file order. */
export function tensorRows(summary: CheckpointSummary): TensorRow[] {
  return summary.tensors.map((t) => ({
    name: t.name,
    shape: `[${t.shape.join(', ')}]`,
    dtype: t.dtype,
    norm: formatNumber(t.stats.norm),
    mean: formatNumber(t.stats.mean),
    std: formatNumber(t.stats.std),
  }));
}

/** Sentences describing the file and the selected tensor. */
export function summaryLines(s: CheckpointState): string[] {
  if (s.status === 'loading') {
    return [`Reading ${s.fileName || 'the file'}…`];
  }
  if (s.status === 'error' || s.summary === undefined) {
    return [`${s.fileName || 'This file'} could not be read: ${s.error ?? 'unknown error'}`];
  }
  const sum = s.summary;
  const lines = [
    isNumpyName(s.fileName)
      ? `${plural(sum.tensors.length, 'array')}, ${sum.parameters.toLocaleString('en-US')} ` +
        `values, ${formatBytes(sum.bytes)}.`
      : `${sum.tensors.length} tensors, ${sum.parameters.toLocaleString('en-US')} parameter ` +
        `values (optimizer state excluded), ${formatBytes(sum.bytes)}.`,
  ];
  const numpy = isNumpyName(s.fileName); // NumPy files carry no metadata
  if (sum.replens !== undefined) {
    lines.push(`Replens checkpoint at step ${sum.replens.step} of run ${sum.replens.runId}.`);
  } else if (!numpy && Object.keys(sum.metadata).length === 0) {
    lines.push('No metadata (written by another tool).');
  }
  const t = selectedTensor(s);
  if (t !== undefined) {
    const bad = t.stats.nonFinite > 0 ? `, ${t.stats.nonFinite} NaN or infinite` : '';
    lines.push(
      `${t.name}: ${t.stats.count} values, mean ${formatNumber(t.stats.mean)}, std ` +
        `${formatNumber(t.stats.std)}, range ${formatNumber(t.stats.min)} to ` +
        `${formatNumber(t.stats.max)}${bad}.`,
    );
  }
  if (sum.projection !== undefined) {
    const [a, b] = sum.projection.explained.map((e) => `${(100 * e).toFixed(1)}%`);
    lines.push(
      `Projection of ${sum.projection.tensor} (${sum.projection.rows} × ${sum.projection.cols}) ` +
        `onto its top 2 principal components: ${a} and ${b} of the variance.`,
    );
  } else if (sum.projectionNote !== undefined) {
    lines.push(`No projection: ${sum.projectionNote}.`);
  }
  return lines;
}

/** True for NumPy file names (`.npy`, `.npz`), which the editor also opens. */
export function isNumpyName(fileName: string): boolean {
  return /\.np[yz]$/i.test(fileName);
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function formatBytes(n: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${n} bytes` : `${v.toFixed(1)} ${units[u]}`;
}
